#!/usr/bin/env bash
# Fuzz/save-finding.sh FUZZER-INPUT SHORT-NAME
#
# Turns a libFuzzer input (first byte = target, see Fuzz/FuzzEntry.swift) into
# a regression input Tests/MayorCoreTests/FuzzCorpus/TARGET-SHORT-NAME.EXT
# holding only the file content, which FuzzRegressionTests replays and
# Fuzz/run.sh uses as a seed. Minimise it first (see Fuzz/README.md).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: Fuzz/save-finding.sh FUZZER-INPUT SHORT-NAME" >&2; exit 2; }
input=$1 name=$2
case "$name" in *[!A-Za-z0-9_.-]*|'') echo "SHORT-NAME: letters, digits, . _ - only" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
selector=$(head -c1 "$input" | od -An -tu1 | tr -d ' ')
[ -n "$selector" ] || { echo "$input is empty" >&2; exit 2; }
# The targets in selector order, as the fuzz binary Fuzz/run.sh built lists them.
binary=${FUZZ_BUILD_DIR:-$root/.build-fuzz}/mayor-fuzz
[ -x "$binary" ] || { echo "no fuzz binary at $binary: run Fuzz/run.sh first (it lists the targets)" >&2; exit 2; }
mapfile -t targets < <(MAYOR_FUZZ_LIST_TARGETS=1 ASAN_OPTIONS=detect_leaks=0 "$binary" 2>/dev/null)
[ ${#targets[@]} -ge 3 ] || { echo "$binary listed no targets" >&2; exit 2; }
target=${targets[$(( selector % ${#targets[@]} ))]}
case "$target" in screens|feeds) ext=yaml ;; *) ext=json ;; esac
dest="$root/Tests/MayorCoreTests/FuzzCorpus/$target-$name.$ext"
mkdir -p "$(dirname "$dest")"
tail -c +2 "$input" >"$dest"
echo "$dest"
