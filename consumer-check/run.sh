#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A user's build of mmap4j, outside the reactor: compiles this project against the installed
# artifacts (./mvnw -B -q install -DskipTests first), then maps a file once on the module path and
# once on the class path, each with exactly the flag the README gives, and fails on any stderr output
# (a "WARNING: A restricted method ..." above all). Also checks that the README shows this project's
# dependency and flags, and that without the flag the JDK does warn (so the check can see one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"
fail() { echo "consumer-check: $*" >&2; exit 1; }

# the same version as the root pom, and the README's snippets are this project's
version=$(sed -n 's|^    <revision>\(.*\)</revision>|\1|p' "$root/pom.xml" | head -n 1) # the snapshot, not -Prelease's
[ -n "$version" ] || fail "found no <revision> in the root pom."
grep -q "<version>$version</version>" pom.xml || fail "pom.xml does not depend on mmap4j $version, the root pom's version."
section=$(sed -n '/^## Use it in your project/,/^## /p' "$root/README.md")
snippet=$(sed -n '/<!-- README: dependency -->/,/<!-- README: end -->/p' pom.xml | sed '1d;$d' | sed 's/^    //')
# an empty extraction would be "contained" in anything: each must have found what it looks for
[ -n "$section" ] || fail "README.md has no section \"## Use it in your project\"."
[[ "$snippet" == *"<artifactId>mmap4j-posix</artifactId>"* ]] \
  || fail "pom.xml has no mmap4j-posix dependency between <!-- README: dependency --> and <!-- README: end -->."
[[ "$section" == *"$snippet"* ]] \
  || fail "README.md's \"Use it in your project\" does not show this dependency as pom.xml has it:"$'\n'"$snippet"
# the two java commands below, as the README shows them
commands=$(sed -n '/^# README: run$/,/^# README: end$/p' "$here/run.sh" | sed '1d;$d' \
  | sed -n 's/^run [a-z-]* "[^"]*" \\$//; s/^  \(--enable-native-access=[^ ]*\) \(.*\)$/java \1 \2 FILE/p')
[ "$(grep -c '^java --enable-native-access=' <<< "$commands")" -eq 2 ] \
  || fail "found $(grep -c . <<< "$commands") java commands between '# README: run' and '# README: end' in run.sh, not 2:"$'\n'"$commands"
while IFS= read -r command; do
  [[ "$section" == *"$command"* ]] || fail "README.md's \"Use it in your project\" lacks the command: $command"
done <<< "$commands"
[[ "$section" == *'implementation("io.mmap4j:mmap4j-posix:'"$version"'")'* ]] \
  || fail "README.md's \"Use it in your project\" lacks the Gradle dependency on mmap4j-posix $version."

# mmap4j's published modules, installed into a local repository of this check's own (anything else is
# read from ~/.m2/repository, never written there), so that the check sees this build's artifacts
repo=(-Dmaven.repo.local="$here/target/local-repository" -Dmaven.repo.local.tail="${MMAP4J_LOCAL_REPOSITORY:-$HOME/.m2/repository}")
rm -rf target/local-repository/io/mmap4j
"$root/mvnw" -B -q -f "$root/pom.xml" "${repo[@]}" install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl posix-mmap,windows-mapping -am
# the published POMs are flattened and stand alone: the parent, never published, must not be needed
rm -rf target/local-repository/io/mmap4j/mmap4j-parent
"$root/mvnw" -B -q "${repo[@]}" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
jdk=$("$root/mvnw" --print-jdk)
deps=$(cat target/classpath.txt)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # name, expected stdout, java arguments...
  local name=$1 expected=$2; shift 2
  "$jdk/bin/java" "$@" "$tmp/$name.bin" >"$tmp/$name.out" 2>"$tmp/$name.err" \
    || fail "$name: java $* exited with $? (stderr: $(cat "$tmp/$name.err"))"
  [ "$(cat "$tmp/$name.out")" = "$expected" ] || fail "$name: printed \"$(cat "$tmp/$name.out")\", expected \"$expected\""
}

# README: run
run module-path "read back: mapped by a named module" \
  --enable-native-access=io.mmap4j -p "target/classes:$deps" -m org.example.consumer/org.example.consumer.ReadBack
run class-path "read back: mapped by the class path" \
  --enable-native-access=ALL-UNNAMED -cp "target/classes:$deps" org.example.consumer.ReadBack
# README: end
for name in module-path class-path; do
  [ ! -s "$tmp/$name.err" ] || fail "$name: stderr is not empty: $(cat "$tmp/$name.err")"
  echo "consumer-check: $name: $(cat "$tmp/$name.out"), stderr empty"
done

# the check sees a warning when there is one: the module path without the flag
run no-flag "read back: mapped by a named module" \
  -p "target/classes:$deps" -m org.example.consumer/org.example.consumer.ReadBack
grep -q '^WARNING: A restricted method' "$tmp/no-flag.err" \
  || fail "without --enable-native-access the JDK printed no restricted-method warning: $(cat "$tmp/no-flag.err")"
echo "consumer-check: without the flag the JDK prints its restricted-method notice, as expected"
