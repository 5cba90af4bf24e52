#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the committed Windows bindings (src/main/java/io/mmap4j/windows/bindings) with an installed
# jextract, on Linux, from mingw-w64's Windows headers (see README.md). The output is never edited by hand:
# change jextract/kernel32.args or jextract/kernel32.h and run this again.
#
# jextract reads jextract/compile_flags.txt (clang's target, x86_64-w64-mingw32) from the directory it runs in.
# It chooses the carrier of C `long` from the JVM's os.name, not from clang's target, so it runs here with
# os.name "Windows 11"; with that name it loads libclang as "libclang" (liblibclang.so on Linux), hence the
# link below, and turns libclang's crash recovery on, which LIBCLANG_DISABLE_CRASH_RECOVERY=1 turns back off.
# jextract's launcher takes no JVM options, so its module is run with `java` directly.
#
#   JEXTRACT_JAR   jextract's module jar            (default /opt/jextract/lib/org.openjdk.jextract.jar)
#   JEXTRACT_JAVA  a JDK 25 `java`                  (default: java on PATH)
#   LIBCLANG       the libclang jextract was built against   (default /usr/lib/llvm-14/lib/libclang.so)
#   CLANG_INCLUDE  clang's own headers (stddef.h, ...)        (default /usr/lib/llvm-14/lib/clang/14.0.6/include)
#   MINGW_INCLUDE  mingw-w64 12 or newer: the include directory of Debian 13's mingw-w64-x86-64-dev and
#                  mingw-w64-common, extracted with dpkg-deb -x   (no default: README.md says how)
set -euo pipefail
cd "$(dirname "$0")"
jar=${JEXTRACT_JAR:-/opt/jextract/lib/org.openjdk.jextract.jar}
java=${JEXTRACT_JAVA:-java}
libclang=${LIBCLANG:-/usr/lib/llvm-14/lib/libclang.so}
clang_include=${CLANG_INCLUDE:-/usr/lib/llvm-14/lib/clang/14.0.6/include}
mingw=${MINGW_INCLUDE:-}
die() { echo "regenerate.sh: $*" >&2; exit 1; }
[[ -f $jar ]] || die "no jextract module at $jar; set JEXTRACT_JAR (README.md)"
[[ -e $libclang ]] || die "no libclang at $libclang; set LIBCLANG"
[[ -d $clang_include ]] || die "no clang headers at $clang_include; set CLANG_INCLUDE"
[[ -n $mingw && -f $mingw/windows.h ]] || die "set MINGW_INCLUDE to mingw-w64 12+ headers (README.md: 'The bindings')"
major=$(sed -n 's/^#define __MINGW64_VERSION_MAJOR \([0-9]*\).*/\1/p' "$mingw/_mingw_mac.h")
(( ${major:-0} >= 12 )) || die "mingw-w64 $major headers at $mingw; 12 or newer needed (MEMORY_BASIC_INFORMATION.PartitionId, ERROR_STOPPED_ON_SYMLINK)"

links=$(mktemp -d)
trap 'rm -rf "$links"' EXIT
ln -s "$(readlink -f "$libclang")" "$links/liblibclang.so"

out=src/main/java
rm -rf "$out/io/mmap4j/windows/bindings"
cd jextract
LIBCLANG_DISABLE_CRASH_RECOVERY=1 "$java" --enable-native-access=org.openjdk.jextract "-Dos.name=Windows 11" \
    -Djava.library.path="$links" -Djextract.header.path="$clang_include" \
    -p "$jar" -m org.openjdk.jextract/org.openjdk.jextract.JextractTool \
    -I "$mingw" --output "../$out" @kernel32.args kernel32.h
