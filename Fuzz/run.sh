#!/usr/bin/env bash
# Fuzz/run.sh [SECONDS]   (default 60)
#
# Builds a libFuzzer + AddressSanitizer binary over the real parsers
# (Sources/MayorCore/**/*.swift, Yams and its libyaml copy CYaml, from the
# SwiftPM checkout) with swiftc/clang directly, then fuzzes for SECONDS.
# Exits 0 with "fuzz: N runs in S s, no findings", or non-zero with
# "fuzz: FOUND ..." and the input that triggered it. See Fuzz/README.md.
#
# Environment (all optional):
#   FUZZ_BUILD_DIR   build and state folder (default .build-fuzz, gitignored)
#   FUZZ_YAMS_DIR    Yams checkout (default: .build/checkouts/Yams, resolved if missing)
#   FUZZ_FRESH=1     start from the seeds only (ignore the corpus kept from earlier runs)
#   FUZZ_OPT         swiftc optimisation for the fuzz build (default -O)
set -euo pipefail

duration=${1:-60}
case "$duration" in ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS]" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -x /opt/swift/usr/bin/swiftc ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
command -v swiftc >/dev/null || { echo "fuzz: swiftc not found" >&2; exit 2; }

out=${FUZZ_BUILD_DIR:-$root/.build-fuzz}
opt=${FUZZ_OPT:--O}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# One run at a time per build folder (other engineers may share the tree).
exec 9>"$out/lock"
if ! flock -w 900 9; then echo "fuzz: $out is locked by another run" >&2; exit 2; fi

log() { echo "fuzz: $*" >&2; }

# ---------------------------------------------------------------- sources
yams=${FUZZ_YAMS_DIR:-}
if [ -z "$yams" ]; then
    for candidate in .build/checkouts/Yams .build/checkouts/yams; do
        if [ -d "$candidate/Sources/Yams" ]; then yams=$candidate; break; fi
    done
fi
if [ -z "$yams" ]; then
    log "Yams checkout not found; running swift package resolve"
    swift package resolve >&2
    yams=.build/checkouts/Yams
fi
[ -d "$yams/Sources/Yams" ] && [ -d "$yams/Sources/CYaml" ] || { log "no Yams sources in $yams"; exit 2; }
yams=$(cd "$yams" && pwd)
cyaml_inc="$yams/Sources/CYaml/include"

mapfile -t core_sources < <(find "$root/Sources/MayorCore" -name '*.swift' | LC_ALL=C sort)
mapfile -t yams_sources < <(find "$yams/Sources/Yams" -name '*.swift' | LC_ALL=C sort)
mapfile -t cyaml_sources < <(find "$yams/Sources/CYaml/src" -name '*.c' | LC_ALL=C sort)
[ ${#core_sources[@]} -gt 0 ] || { log "no sources in Sources/MayorCore"; exit 2; }

swift_version=$(swiftc --version 2>&1 | head -1)
sanitize=(-sanitize=fuzzer,address)
cflags=(-g -O1 -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$cyaml_inc" -I "$yams/Sources/CYaml/src")
common=("$opt" -g -suppress-warnings "${sanitize[@]}" -parse-as-library -Xcc -DYAML_DECLARE_STATIC -I "$out/modules" -I "$cyaml_inc")

hash_of() { cat "$@" | sha256sum | cut -c1-16; }
yams_key=$( { echo "$swift_version $opt"; hash_of "${yams_sources[@]}" "${cyaml_sources[@]}" "$cyaml_inc"/*.h; } | sha256sum | cut -c1-16)
core_key=$( { echo "$yams_key"; printf '%s\n' "${core_sources[@]}"; hash_of "${core_sources[@]}"; } | sha256sum | cut -c1-16)
entry_key=$( { echo "$core_key"; hash_of "$root/Fuzz/FuzzEntry.swift"; } | sha256sum | cut -c1-16)
binary="$out/mayor-fuzz"

stamp_ok() { [ -f "$out/$1.stamp" ] && [ "$(cat "$out/$1.stamp")" = "$2" ]; }

# ---------------------------------------------------------------- build
build_start=$(date +%s)
mkdir -p "$out/modules" "$out/obj" "$out/work"
cd "$out/work"  # the compilers may drop temporary files in the current folder
if ! stamp_ok entry "$entry_key" || [ ! -x "$binary" ]; then
    log "building the fuzz binary in $out (a few minutes from scratch)"
    rm -f "$out/entry.stamp"
    pids=()
    if ! stamp_ok yams "$yams_key"; then
        rm -f "$out/yams.stamp" "$out/core.stamp"
        # The Yams module first (type-checking only), so MayorCore can compile
        # while Yams's code is generated.
        swiftc "${common[@]}" -module-name Yams -swift-version 5 -D SWIFT_PACKAGE \
            -wmo -emit-module -emit-module-path "$out/modules/Yams.swiftmodule" "${yams_sources[@]}"
        ( swiftc "${common[@]}" -module-name Yams -swift-version 5 -D SWIFT_PACKAGE \
            -wmo -num-threads 2 -emit-library -static -o "$out/libYams.a" "${yams_sources[@]}" ) & pids+=($!)
        ( rm -f "$out"/obj/*.o
          for c in "${cyaml_sources[@]}"; do
              clang "${cflags[@]}" -c "$c" -o "$out/obj/$(basename "$c" .c).o"
          done ) & pids+=($!)
    fi
    if ! stamp_ok core "$core_key"; then
        ( swiftc "${common[@]}" -module-name MayorCore -swift-version 6 -wmo -num-threads 2 \
            -emit-library -static -o "$out/libMayorCore.a" \
            -emit-module -emit-module-path "$out/modules/MayorCore.swiftmodule" "${core_sources[@]}" ) & pids+=($!)
    fi
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    [ $failed -eq 0 ] || { log "build failed"; exit 2; }
    echo "$yams_key" >"$out/yams.stamp"
    echo "$core_key" >"$out/core.stamp"
    swiftc "${common[@]}" -module-name MayorFuzz -swift-version 6 -use-ld=lld \
        "$root/Fuzz/FuzzEntry.swift" "$out/libMayorCore.a" "$out/libYams.a" "$out"/obj/*.o -o "$binary"
    echo "$entry_key" >"$out/entry.stamp"
fi
cd "$root"
build_seconds=$(( $(date +%s) - build_start ))
log "build: ${build_seconds} s"

# ---------------------------------------------------------------- seeds
# First byte = target, in the order the binary lists them: the data kinds
# (KindRegistry order), screens, locator, feeds. See Fuzz/FuzzEntry.swift.
mapfile -t targets < <(MAYOR_FUZZ_LIST_TARGETS=1 ASAN_OPTIONS=detect_leaks=0 "$binary" 2>/dev/null)
[ ${#targets[@]} -ge 3 ] || { log "$binary listed no targets (MAYOR_FUZZ_LIST_TARGETS=1)"; exit 2; }
log "targets: ${targets[*]}"
seeds=$(mktemp -d /tmp/mayor-fuzz-seeds.XXXXXX)
trap 'rm -rf "$seeds"' EXIT
selector_for() {  # the selector byte of a target name, or nothing
    local i
    for i in "${!targets[@]}"; do
        if [ "${targets[$i]}" = "$1" ]; then echo "$i"; return; fi
    done
    echo ""
}
screens_sel=$(selector_for screens)
locator_sel=$(selector_for locator)
seed() {  # seed SELECTOR NAME FILE...
    local sel=$1 name=$2; shift 2
    { printf "\\$(printf '%03o' "$sel")"; cat "$@"; } >"$seeds/$name"
}
for f in Data/*.json; do
    kind=$(basename "$f" .json)
    sel=$(selector_for "$kind")
    [ -n "$sel" ] || continue
    seed "$sel" "data-$kind" "$f"
    seed "$locator_sel" "locator-$kind" "$f"
done
screen_files=(Screens/*.yaml)
for f in "${screen_files[@]}"; do
    [ -f "$f" ] && seed "$screens_sel" "screen-$(basename "$f" .yaml)" "$f"
done
# The feeds config (Data/feeds.yaml), when the binary has that target.
feeds_sel=$(selector_for feeds)
if [ -n "$feeds_sel" ] && [ -f Data/feeds.yaml ]; then seed "$feeds_sel" "feeds" Data/feeds.yaml; fi
# All screen files in one input (files separated by a line ---8<---), so
# references between screens, playlists and briefings are exercised.
if [ -f "${screen_files[0]}" ]; then
    { printf "\\$(printf '%03o' "$screens_sel")"; first=1
      for f in "${screen_files[@]}"; do
          [ $first -eq 1 ] || printf '\n---8<---\n'
          cat "$f"; first=0
      done; } >"$seeds/screens-all"
fi
# Committed findings: Tests/MayorCoreTests/FuzzCorpus/TARGET-NAME.EXT (no selector byte).
for f in Tests/MayorCoreTests/FuzzCorpus/*; do
    [ -f "$f" ] || continue
    base=$(basename "$f")
    sel=$(selector_for "${base%%-*}")
    [ -n "$sel" ] && seed "$sel" "regression-$base" "$f"
done

# ---------------------------------------------------------------- run
corpus="$out/corpus"
if [ "${FUZZ_FRESH:-0}" = 1 ]; then rm -rf "$corpus"; fi
mkdir -p "$corpus" "$out/findings"
runlog="$out/last-run.log"
dict=()
if [ -f Fuzz/mayor.dict ]; then
    # The committed tokens, and each data kind's id as a JSON string (its "kind" value).
    kinds=()
    for t in "${targets[@]}"; do
        case "$t" in screens|locator|feeds) ;; *) kinds+=("$t") ;; esac
    done
    { cat Fuzz/mayor.dict; printf '"\\"%s\\""\n' "${kinds[@]}"; } >"$out/mayor.dict"
    dict=(-dict="$out/mayor.dict")
fi

log "fuzzing for ${duration} s (log: $runlog)"
start=$(date +%s)
set +e
# Swift's own crash handler (the backtracer) reads memory that ASan reports as
# a heap overflow of its own; libFuzzer prints the stack instead.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0} SWIFT_BACKTRACE=enable=no \
"$binary" "${dict[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$duration" \
    -print_final_stats=1 -artifact_prefix="$out/findings/" "$corpus" "$seeds" >"$runlog" 2>&1 9>&-
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$runlog" | tail -1)
[ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$runlog" | tail -1 | tr -d '#')
[ -n "$runs" ] || runs=0

if [ $status -eq 0 ]; then
    echo "fuzz: $runs runs in $elapsed s, no findings"
    exit 0
fi

artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$runlog" | tail -1)
# A Swift trap in an -O build shows up as a stack frame "in Swift runtime
# failure: Index out of range"; a fatalError prints "Fatal error: …".
what=$(grep -m1 -oE 'Swift runtime failure: [^/]*' "$runlog" | sed 's/ *$//' || true)
[ -n "$what" ] || what=$(grep -m1 -oE 'Fatal error: .*' "$runlog" | cut -c1-200 || true)
[ -n "$what" ] || what=$(grep -m1 -E '==[0-9]+== ?ERROR|ERROR: libFuzzer' "$runlog" | sed 's/^==[0-9]*== *//' | cut -c1-200 || true)
[ -n "$what" ] || what="libFuzzer exited with status $status"
echo "---- last lines of $runlog ----" >&2
if command -v swift-demangle >/dev/null; then
    grep -E '^ *#[0-9]+ ' "$runlog" | head -n 30 | swift-demangle --simplified >&2 || true
fi
tail -n 25 "$runlog" >&2
echo "fuzz: FOUND $what after $runs runs in $elapsed s (input saved to ${artifact:-?}; log $runlog)"
echo "fuzz: to keep it as a regression input: bash Fuzz/save-finding.sh ${artifact:-FILE} SHORT-NAME" >&2
exit 1
