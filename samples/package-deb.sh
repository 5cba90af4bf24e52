#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds samples/target/mmap4j_VERSION_ARCH.deb: a jlink runtime (only the JDK modules the tool
# needs), the executable jar, and /usr/bin/mmap4j. Its postinst makes the JDK 25 AOT start-up cache
# with the installed runtime and paths (a cache belongs to one JVM build and one class path), and
# the package removes it again. Install with: dpkg -i samples/target/mmap4j_*.deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/samples/target
jar=$target/mmap4j-samples.jar
"$root/mmap4j" help >/dev/null # builds the jar if it is missing or stale, finds the JDK
jdk=${MMAP4J_JAVA_HOME:-$(<"$target/mmap4j.jdk")}
# the project's version, the root POM's first <revision> (the default build's, 0.1.0-SNAPSHOT), without
# -SNAPSHOT: the modules' <version> is ${revision}, and the first number there was a plugin's
version=$(sed -n 's:.*<revision>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</revision>.*:\1:p' "$root/pom.xml" | head -1)
[ -n "$version" ] || { echo "package-deb.sh: no <revision> in pom.xml" >&2; exit 1; }
arch=$(dpkg --print-architecture)
work=$target/deb
pkg=$work/mmap4j_${version}_$arch
rm -rf "$work"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/lib/mmap4j"

# only the JDK modules mmap4j's own classes use (jdeps): java.base. The libraries some samples shade in
# (JTransforms, Commons Math) would pull in java.desktop, 30 MB more, for code the tool never loads
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 -include 'io\.mmap4j\..*' \
  "$jar")
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$pkg/usr/lib/mmap4j/runtime"
cp "$jar" "$pkg/usr/lib/mmap4j/mmap4j.jar"
cp "$root/samples/mmap4j.jvm-options" "$pkg/usr/lib/mmap4j/jvm-options" # the JVM's options, as ./mmap4j's

cat > "$pkg/usr/bin/mmap4j" <<'EOF'
#!/bin/sh
# mmap4j: page-cache tool (residency, touch, evict, lock, maps) and samples; mmap4j help
d=/usr/lib/mmap4j
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  *) LC_ALL=C.UTF-8; export LC_ALL ;; # file names are bytes; the JVM decodes them by the locale
esac
if [ -f "$d/mmap4j.aot" ]; then
  exec "$d/runtime/bin/java" "@$d/jvm-options" -XX:AOTMode=auto -XX:AOTCache="$d/mmap4j.aot" \
    '-Xlog:aot*=off' '-Xlog:cds*=off' -jar "$d/mmap4j.jar" "$@"
fi
exec "$d/runtime/bin/java" "@$d/jvm-options" -jar "$d/mmap4j.jar" "$@"
EOF
chmod 755 "$pkg/usr/bin/mmap4j"

cat > "$pkg/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# the AOT start-up cache, made by the installed runtime for the installed jar; the tool runs without it
set -e
d=/usr/lib/mmap4j
if [ "$1" = configure ]; then
  rm -f "$d/mmap4j.aot"
  "$d/runtime/bin/java" "@$d/jvm-options" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining \
    -XX:AOTCacheOutput="$d/mmap4j.aot.tmp" '-Xlog:aot*=off' '-Xlog:cds*=off' \
    -jar "$d/mmap4j.jar" training "$d/runtime/conf" "$d/mmap4j.jar" >/dev/null 2>&1 \
    && mv -f "$d/mmap4j.aot.tmp" "$d/mmap4j.aot" || rm -f "$d/mmap4j.aot.tmp" "$d/mmap4j.aot.tmp.config"
fi
exit 0
EOF
cat > "$pkg/DEBIAN/prerm" <<'EOF'
#!/bin/sh
rm -f /usr/lib/mmap4j/mmap4j.aot /usr/lib/mmap4j/mmap4j.aot.tmp /usr/lib/mmap4j/mmap4j.aot.tmp.config
exit 0
EOF
chmod 755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/prerm"

cat > "$pkg/DEBIAN/control" <<EOF
Package: mmap4j
Version: $version
Architecture: $arch
Maintainer: mmap4j <mmap4j@users.noreply.github.com>
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Depends: libc6
Section: utils
Priority: optional
Homepage: https://github.com/mmap4j/mmap4j
Description: page-cache tool built on mmap4j (Java FFM memory mapping)
 mmap4j residency|touch|evict|lock|maps inspects and controls the page cache
 as vmtouch and fincore do (cachestat and mincore), with a self-contained
 Java runtime (jlink) and a start-up cache made at installation.
EOF
dpkg-deb --root-owner-group --build "$pkg" "$target/mmap4j_${version}_$arch.deb" >/dev/null
echo "$target/mmap4j_${version}_$arch.deb ($(du -h "$target/mmap4j_${version}_$arch.deb" | cut -f1), installed $(du -sh "$pkg/usr" | cut -f1); modules: $modules)"
