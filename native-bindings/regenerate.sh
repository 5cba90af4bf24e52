#!/usr/bin/env bash
# Regenerates the committed FFM bindings with an installed jextract (see README.md).
# The output is never edited by hand: change jextract/linux.args or jextract/linux.h and run this again.
set -euo pipefail
cd "$(dirname "$0")"
command -v jextract >/dev/null || { echo "regenerate.sh: no jextract on PATH; install it first (README.md)" >&2; exit 1; }
out=src/main/java
rm -rf "$out/io/mmap4j/bindings/linux"
jextract --output "$out" @jextract/linux.args jextract/linux.h
