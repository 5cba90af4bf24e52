#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ./mmap4j against vmtouch (and fincore where it can do the same work), side by side in one run, with
# hyperfine: residency of a tree of at least 50,000 files, touch and evict of /usr/share/doc, and
# residency of one small file. Writes samples/COMPARISON.md (the figures, with their spread, and the
# machine's state); the README quotes it.
#
#   samples/compare-with-vmtouch.sh [RUNS]        (default 10 runs a command, after 2 warm-ups)
#
# Needs hyperfine and vmtouch (Debian: apt-get install -y hyperfine vmtouch). TREE=/some/dir chooses
# the big tree (default /usr/lib); DOC=/some/dir the touch/evict tree (default /usr/share/doc).
# The commands' output goes to /dev/null; vmtouch's symlink warnings too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
tree=${TREE:-/usr/lib}
doc=${DOC:-/usr/share/doc}
small=${SMALL:-/etc/hostname}
out=$root/samples/COMPARISON.md
for tool in hyperfine vmtouch; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y hyperfine vmtouch" >&2; exit 2; }
done
files=$(find "$tree" -xdev -type f | wc -l)
[ "$files" -ge 50000 ] || { echo "$tree holds $files files; choose a tree of at least 50,000 (TREE=...)" >&2; exit 2; }
docfiles=$(find "$doc" -xdev -type f | wc -l)

# build, find the JDK, make the AOT cache: not part of what is measured
"$root/mmap4j" residency "$small" >/dev/null
m="$root/mmap4j"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bench() { # NAME, then hyperfine's arguments
  local name=$1
  shift
  hyperfine -N --style basic --warmup 2 --runs "$runs" --export-json "$tmp/$name.json" "$@" >&2
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
bench residency \
  "vmtouch -q $tree" \
  "$m residency -o SIZE,PAGES,FILE $tree" \
  "$m residency $tree"
# the same on one worker thread (the walk still runs beside it) against the default, for the README's
# word on the parallel walk; the property reaches the JVM through JAVA_TOOL_OPTIONS
bench threads \
  "env JAVA_TOOL_OPTIONS=-Dmmap4j.tool.threads=1 $m residency -o SIZE,PAGES,FILE $tree" \
  "$m residency -o SIZE,PAGES,FILE $tree"
bench touch --prepare "vmtouch -q -e $doc" \
  "vmtouch -q -t $doc" \
  "$m touch -o SIZE,PAGES,FILE $doc"
bench evict --prepare "vmtouch -q -t $doc" \
  "vmtouch -q -e $doc" \
  "$m evict -o SIZE,PAGES,FILE $doc"
small_cmds=("vmtouch -q $small" "$m residency $small")
if command -v fincore >/dev/null; then
  small_cmds+=("fincore $small")
fi
if [ -f "${MMAP4J_FINCORE_CACHE:-/var/cache/mmap4j-fincore}.ok" ]; then # samples/fincore-2.41.sh has extracted it
  small_cmds+=("bash $root/samples/fincore-2.41.sh $small")
fi
if dpkg-query -W -f '${Status}' mmap4j 2>/dev/null | grep -q 'install ok installed'; then
  small_cmds+=("/usr/bin/mmap4j residency $small") # the Debian package (samples/package-deb.sh), if installed
fi
bench small "${small_cmds[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# a table's heading, then one line per command: mean ± sd, min..max, median, user and system, in seconds
table() {
  echo "| command | mean ± sd | min … max | median | user | system |"
  echo "|---|--:|--:|--:|--:|--:|"
  python3 - "$tmp/$1.json" "$root" <<'EOF'
import json, sys
root = sys.argv[2]
for r in json.load(open(sys.argv[1]))["results"]:
    cmd = r["command"].replace(root + "/", "./")
    print(f"| `{cmd}` | {r['mean']:.3f} ± {r['stddev']:.3f} | {r['min']:.3f} … {r['max']:.3f} | {r['median']:.3f} "
          f"| {r['user']:.3f} | {r['system']:.3f} |")
EOF
}

{
  echo "# ./mmap4j against vmtouch: measured side by side"
  echo
  echo "Made by \`samples/compare-with-vmtouch.sh $runs\` on $(date -u '+%Y-%m-%d %H:%M UTC'): hyperfine $(hyperfine --version | cut -d' ' -f2),"
  echo "$(vmtouch -h 2>&1 | sed -n 's/^vmtouch v\([0-9.]*\).*/vmtouch \1/p' | head -1), Linux $(uname -r), $(nproc) CPUs, $(java_v=$("$(cat "$root/samples/target/mmap4j.jdk")/bin/java" -version 2>&1 | head -1); echo "$java_v")."
  echo "$runs runs a command after 2 warm-ups; seconds of wall time: mean ± standard deviation, min … max, median;"
  echo "then the mean user and system CPU seconds of a run (all threads)."
  echo
  echo "Load average $load_before before, $load_after after, on $(nproc) CPUs: what else ran on the machine"
  echo "shows there, and wall times carry its waits for a CPU. Compare commands within a table (they ran"
  echo "in turn within a few minutes) more than across tables."
  echo
  echo "## residency of $tree ($files files)"
  echo
  table residency
  echo
  echo "vmtouch prints one summary; \`./mmap4j residency\` prints a line per file (the default columns"
  echo "include the MAP of where pages are, counted for a partly cached file with a cachestat a cell)."
  echo
  echo "## residency of $tree on one worker thread and on the default ($(nproc) CPUs: $(( $(nproc) < 4 ? $(nproc) : 4 )))"
  echo
  table threads
  echo
  echo "## touch of $doc ($docfiles files), each run after \`vmtouch -e\`"
  echo
  table touch
  echo
  echo "## evict of $doc, each run after \`vmtouch -t\`"
  echo
  table evict
  echo
  echo "## residency of one small file ($small)"
  echo
  table small
} > "$out"
echo "wrote $out" >&2
