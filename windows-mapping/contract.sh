#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Windows contract (src/test/c/windows_contract.c): what the fake kernel32 assumes about Windows, compiled
# twice and run twice: with cc against the fake on Linux, and with x86_64-w64-mingw32-gcc against <windows.h>
# under Wine. The fake is trusted only where both runs pass a check. Prints each check that does not pass,
# then one line: "windows contract: fake A/N, wine M/N agree" (or why Wine did not run).
#
#   ./contract.sh                  runs both; fails if wine or x86_64-w64-mingw32-gcc is not installed
#   ./contract.sh --install        installs them first if missing (apt-get, as root: CI does this); fails
#                                  if they cannot be installed
#   ./contract.sh --without-wine   runs the fake half alone, and says on its last line that Wine did not run
#
# Fails if the fake misses a check, or Wine misses one that is not marked as a known Wine difference, or
# Wine could not run (unless --without-wine asked for the fake half alone): a contract whose other half
# did not run has not passed.
# Wine is a reimplementation of Windows, not Windows: README.md says what was checked where.
set -euo pipefail
cd "$(dirname "$0")"
src=$PWD/src/test/c
install=no without_wine=no
case ${1:-} in
    --install) install=yes ;;
    --without-wine) without_wine=yes ;;
    "") ;;
    *) echo "usage: contract.sh [--install | --without-wine]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
name=mmap4j-contract-$$
cleanup() {
    if [[ -d $work/prefix ]] && command -v wineserver >/dev/null; then
        WINEPREFIX=$work/prefix wineserver -k 2>/dev/null || true
    fi
    rm -f /dev/shm/fake_k32."$name"-* # the fake's named sections are POSIX shared memory
    rm -rf "$work"
}
trap cleanup EXIT

# counts: checks, agreed, differing, known
tally() { awk '/^agree /{a++} /^DIFFER /{d++} /^known /{k++} END{printf "%d %d %d %d\n", a+d+k, a, d, k}' "$1"; }

flags=(-std=gnu11 -O2 -Wall -Wextra -Werror)
mkdir -p "$work/fake" "$work/wine"
cc "${flags[@]}" -shared -fPIC -o "$work/libfake_kernel32.so" "$src/fake_kernel32.c"
cc "${flags[@]}" -I"$src" -o "$work/contract-fake" "$src/windows_contract.c" -L"$work" -lfake_kernel32 \
    -Wl,-rpath,"$work"
fake_rc=0
(cd "$work/fake" && "$work/contract-fake" "$name") > "$work/fake.txt" || fake_rc=$?
read -r n fake_agree fake_differ _ < <(tally "$work/fake.txt")
grep -v '^agree ' "$work/fake.txt" | sed 's/^/fake: /' || true
fake_summary="fake $fake_agree/$n"
(( fake_rc == 0 && fake_differ == 0 && n > 0 )) || { echo "windows contract: $fake_summary agree; the fake misses its own contract"; exit 1; }

wine_missing() {
    command -v wine >/dev/null && command -v x86_64-w64-mingw32-gcc >/dev/null && return 1
    return 0
}
if wine_missing && [[ $install == yes ]]; then
    start=$SECONDS
    if [[ $(id -u) -ne 0 ]]; then
        echo "windows contract: cannot install Wine: not root"
    elif ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wine64 gcc-mingw-w64-x86-64; } \
            > "$work/apt.log" 2>&1; then
        echo "windows contract: apt-get could not install wine64 and gcc-mingw-w64-x86-64:"
        tail -5 "$work/apt.log"
    fi
    echo "windows contract: installing Wine and mingw-w64 took $((SECONDS - start)) s"
fi
if wine_missing; then
    if [[ $without_wine == yes ]]; then
        echo "windows contract: $fake_summary agree; Wine NOT RUN (--without-wine): only the fake half was checked"
        exit 0
    fi
    echo "windows contract: $fake_summary agree; FAILED: Wine did not run: wine or x86_64-w64-mingw32-gcc is not" \
        "installed$([[ $install == yes ]] && echo ", and --install could not install them" || echo " (run with --install as root, or --without-wine for the fake half alone)")"
    exit 1
fi

start=$SECONDS
x86_64-w64-mingw32-gcc "${flags[@]}" -o "$work/contract.exe" "$src/windows_contract.c"
wine_rc=0
(cd "$work/wine" && WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    timeout 300 wine "$work/contract.exe" "$name" < /dev/null) > "$work/wine.txt" 2> "$work/wine.err" || wine_rc=$?
read -r wine_n wine_agree wine_differ wine_known < <(tally "$work/wine.txt")
grep -v '^agree ' "$work/wine.txt" | sed 's/^/wine: /' || true
summary="windows contract: $fake_summary, wine $wine_agree/$wine_n agree ($wine_known known Wine differences; Wine run $((SECONDS - start)) s)"
if (( wine_n != n )); then
    echo "wine stderr:"; tail -20 "$work/wine.err"
    echo "$summary; Wine ran $wine_n of $n checks (exit $wine_rc)"
    exit 1
fi
echo "$summary"
(( wine_differ == 0 && wine_rc == 0 ))
