#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the committed FFM bindings with an installed jextract (see README.md), one package per target:
#   io.mmap4j.bindings.linux.x86_64   from this machine's headers (an x86_64 Debian 12)
#   io.mmap4j.bindings.linux.aarch64  from the aarch64 cross headers (apt-get install crossbuild-essential-arm64)
# The output is never edited by hand: change jextract/*.args or jextract/linux.h and run this again.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
command -v jextract >/dev/null || { echo "regenerate.sh: no jextract on PATH; install it first (README.md)" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "regenerate.sh: run on x86_64: the x86_64 package comes from the machine's own headers" >&2; exit 1; }
[ -f /usr/aarch64-linux-gnu/include/sys/mman.h ] || {
    echo "regenerate.sh: no aarch64 headers in /usr/aarch64-linux-gnu/include; apt-get install crossbuild-essential-arm64" >&2; exit 1; }
out=$here/src/main/java
rm -rf "$out/io/mmap4j/bindings/linux"

# x86_64: the machine's own headers, no clang arguments
jextract --output "$out" @jextract/linux.args @jextract/linux-x86_64.args jextract/linux.h

# aarch64: jextract reads clang arguments (the target and the cross include path) from compile_flags.txt
# in its working directory
(cd jextract/aarch64 &&
    jextract --output "$out" @"$here/jextract/linux.args" @"$here/jextract/linux-aarch64.args" "$here/jextract/linux.h")
