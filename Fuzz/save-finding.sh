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
targets=(wifi traffic metaverse cctv pledges screens locator)
target=${targets[$(( selector % 7 ))]}
case "$target" in screens) ext=yaml ;; *) ext=json ;; esac
dest="$root/Tests/MayorCoreTests/FuzzCorpus/$target-$name.$ext"
mkdir -p "$(dirname "$dest")"
tail -c +2 "$input" >"$dest"
echo "$dest"
