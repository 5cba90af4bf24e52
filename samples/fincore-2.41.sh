#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# util-linux fincore 2.41 (Debian 13), the first fincore that asks cachestat(2) (the DIRTY, WRITEBACK,
# EVICTED and RECENTLY_EVICTED columns), run on this machine without installing it: its packages are
# extracted once with mmdebstrap (the host's apt sources untouched; the mirror is the one apt uses)
# into $MMAP4J_FINCORE_CACHE (default /var/cache/mmap4j-fincore), and it runs with their glibc's loader.
# PageCacheToolTest compares the tool's cachestat columns with it where it has been extracted.
#
#   samples/fincore-2.41.sh [FINCORE OPTIONS] FILE...     (the first call extracts; needs root)
set -euo pipefail
cache=${MMAP4J_FINCORE_CACHE:-/var/cache/mmap4j-fincore}
[ "$(uname -m)" = x86_64 ] || { echo "fincore-2.41.sh: extracts Debian's amd64 packages; this is $(uname -m)" >&2; exit 2; }
if [ ! -f "$cache.ok" ]; then
  [ "$(id -u)" = 0 ] || { echo "fincore-2.41.sh: the first call extracts packages with mmdebstrap, as root" >&2; exit 2; }
  if ! command -v mmdebstrap >/dev/null; then
    apt-get install -y -q mmdebstrap >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q mmdebstrap >/dev/null; }
  fi
  mirror=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | grep -m1 '/debian/$' || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian/
  echo "fincore-2.41.sh: extracting trixie's util-linux-extra from $mirror into $cache (once)" >&2
  rm -rf "$cache" "$cache.tmp"
  mmdebstrap --quiet --variant=extract --mode=root --architectures=amd64 \
    --include=util-linux-extra,libsmartcols1,libc6 trixie "$cache.tmp" "$mirror" >"$cache.log" 2>&1 \
    || { cat "$cache.log" >&2; exit 1; }
  mv "$cache.tmp" "$cache"
  touch "$cache.ok"
fi
lib=$cache/usr/lib/x86_64-linux-gnu
exec "$lib/ld-linux-x86-64.so.2" --library-path "$lib" "$cache/usr/bin/fincore" "$@"
