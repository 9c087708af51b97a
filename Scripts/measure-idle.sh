#!/usr/bin/env bash
# Measures what the live dashboard costs when nothing happens: the release
# `mayor` on the bundled Data and Screens in a private tmux server at 160x48,
# no key pressed, no data changed, only the header clock ticking each second.
#
#   Scripts/measure-idle.sh            # builds (release, static stdlib, .build-bench), then measures
#   NO_BUILD=1 Scripts/measure-idle.sh # measures the binary already built
#
# Reports, and compares with the targets of issue 5:
#   start-up   from exec to the first full frame on screen (polled with capture-pane,
#              median of START_RUNS starts)                                           <= 150 ms
#   CPU        utime+stime from /proc/PID/stat over the window, % of one core          <= 0.1 %
#   memory     peak VmRSS from /proc/PID/status, sampled every second                   <= 25 MB
#   bytes      written to the terminal during the window (tmux pipe-pane -o)            <= 600 (issue 11)
# Exits 1 if a target is missed, 2 if the measurement itself failed.
#
# Settings (environment): IDLE_SECONDS (30), START_RUNS (5), WIDTH (160), HEIGHT (48),
# MAYOR_TERM (xterm-256color), SCRATCH (.build-bench: the build folder, e.g. .build),
# MAYOR_ARGS (extra arguments),
# KEEP=1 keeps the recorded output in the work folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-.build-bench}
IDLE_SECONDS=${IDLE_SECONDS:-30}
WIDTH=${WIDTH:-160}
HEIGHT=${HEIGHT:-48}
MAYOR_TERM=${MAYOR_TERM:-xterm-256color}
TARGET_CPU_PERCENT=0.1
TARGET_RSS_KB=$((25 * 1024))
TARGET_BYTES=600
TARGET_START_MS=150

cd "$ROOT"
if [ -z "${NO_BUILD:-}" ]; then
    swift build -c release -Xswiftc -static-stdlib --scratch-path "$SCRATCH" >&2
fi
BIN="$ROOT/$SCRATCH/release/mayor"
[ -x "$BIN" ] || { echo "measure-idle: no binary at $BIN (build first)" >&2; exit 2; }
command -v tmux >/dev/null || { echo "measure-idle: tmux is required" >&2; exit 2; }

SOCKET="mayor-idle-$$"
WORK=$(mktemp -d /tmp/mayor-idle-XXXXXX)
OUT="$WORK/terminal-output.bin"
: > "$OUT"
cleanup() {
    tmux -L "$SOCKET" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "measure-idle: kept $WORK" >&2; fi
}
trap cleanup EXIT

now_ns() { date +%s%N; }
tmux_() { tmux -L "$SOCKET" "$@"; }

# The pane waits a moment so the status line is off and the output is piped
# before mayor starts; it writes the time of the exec for the start-up figure.
pane_command() {  # $1: file for the exec time
    echo "sleep 0.5; date +%s%N > '$1'; cd '$ROOT' && exec env LANG=C.UTF-8 LC_ALL= TERM='$MAYOR_TERM' '$BIN' --data Data --screens Screens ${MAYOR_ARGS:-} 2>'$WORK/stderr'"
}

# Polls session $1 until the wall's title and its bottom line (the last row
# ncurses writes) are on screen; prints the milliseconds since the exec. One
# process per poll (tmux capture-pane); the rest is bash built-ins.
epoch_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
wait_for_first_frame() {
    local session=$1 exec_file=$2 deadline screen last now
    deadline=$(( $(epoch_us) + 10000000 ))
    while [ "$(epoch_us)" -lt "$deadline" ]; do
        if [ -s "$exec_file" ]; then
            screen=$(tmux_ capture-pane -p -t "$session" 2>/dev/null || true)
            now=$(epoch_us)
            last=${screen##*$'\n'}
            if [[ $screen == *"서울 디지털 시장실"* || $screen == *"Seoul Digital Mayor"* ]] &&
               [[ $last == *"q 종료"* || $last == *"q quit"* ]]; then
                echo $(( (now - $(< "$exec_file") / 1000) / 1000 ))
                return 0
            fi
        fi
        sleep 0.002
    done
    echo "measure-idle: no first frame within 10 s; screen:" >&2
    tmux_ capture-pane -p -t "$session" >&2 || true
    cat "$WORK/stderr" >&2 2>/dev/null || true
    return 1
}

# Start-up: START_RUNS fresh starts (median), each quit with q.
tmux_ -f /dev/null new-session -d -s keep -x "$WIDTH" -y "$HEIGHT" "sleep 3600"
tmux_ set-option -g status off >/dev/null
starts=()
for run in $(seq 1 "${START_RUNS:-5}"); do
    tmux_ new-session -d -s "start$run" -x "$WIDTH" -y "$HEIGHT" "$(pane_command "$WORK/exec-$run")"
    ms=$(wait_for_first_frame "start$run" "$WORK/exec-$run") || exit 2
    starts+=("$ms")
    tmux_ send-keys -t "start$run" q
    sleep 0.2
    tmux_ kill-session -t "start$run" 2>/dev/null || true
done
start_ms=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')

# Idle: one more start, its output piped from before the exec.
tmux_ new-session -d -s idle -x "$WIDTH" -y "$HEIGHT" "$(pane_command "$WORK/exec-ns")"
tmux_ pipe-pane -o -t idle "cat >> '$OUT'"
wait_for_first_frame idle "$WORK/exec-ns" >/dev/null || exit 2
PID=$(tmux_ display-message -p -t idle '#{pane_pid}')
[ -r "/proc/$PID/stat" ] || { echo "measure-idle: mayor (pid $PID) is not running" >&2; exit 2; }
[ "$(cat "/proc/$PID/comm")" = "mayor" ] || { echo "measure-idle: pane pid $PID is $(cat "/proc/$PID/comm"), not mayor" >&2; exit 2; }
sleep 0.3   # let the first frame drain
first_frame_bytes=$(stat -c %s "$OUT")

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }   # comm is "mayor": no spaces
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status"; }
run_ns() { cat /proc/"$PID"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d", s }'; }

cpu0=$(cpu_ticks); run0=$(run_ns); bytes0=$(stat -c %s "$OUT"); t0=$(now_ns)
peak_rss=$(rss_kb)
for _ in $(seq 1 "$IDLE_SECONDS"); do
    sleep 1
    [ -r "/proc/$PID/status" ] || { echo "measure-idle: mayor exited during the measurement" >&2; cat "$WORK/stderr" >&2; exit 2; }
    rss=$(rss_kb)
    [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
done
cpu1=$(cpu_ticks); run1=$(run_ns); bytes1=$(stat -c %s "$OUT"); t1=$(now_ns)
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$PID/status")
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$PID/status")
smaps=""
if [ -r "/proc/$PID/smaps_rollup" ]; then
    smaps=$(awk '/^(Rss|Pss|Anonymous|Shared_Clean|Private_Clean|Private_Dirty):/ { printf "%s %s kB; ", $1, $2 }' "/proc/$PID/smaps_rollup")
fi

elapsed_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
cpu_percent=$(awk -v c=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v s="$elapsed_s" 'BEGIN { printf "%.3f", 100 * c / hz / s }')
run_percent=$(awk -v n=$((run1 - run0)) -v s="$elapsed_s" 'BEGIN { printf "%.4f", 100 * n / 1e9 / s }')
idle_bytes=$((bytes1 - bytes0))

tmux_ send-keys -t idle q 2>/dev/null || true

verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
ok_start=$([ "$start_ms" -le "$TARGET_START_MS" ] && echo 1 || echo 0)
ok_cpu=$(awk -v a="$cpu_percent" -v t="$TARGET_CPU_PERCENT" 'BEGIN { print (a <= t) ? 1 : 0 }')
ok_rss=$([ "$peak_rss" -le "$TARGET_RSS_KB" ] && echo 1 || echo 0)
ok_bytes=$([ "$idle_bytes" -le "$TARGET_BYTES" ] && echo 1 || echo 0)

echo "mayor idle, ${WIDTH}x${HEIGHT}, TERM=$MAYOR_TERM, LANG=C.UTF-8, ${elapsed_s} s, pid $PID ($threads threads)"
echo "machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores; binary $BIN"
printf '%-34s %16s   %-12s %s\n' "measure" "value" "target" ""
printf '%-34s %16s   %-12s %s\n' "start-up to first full frame" "${start_ms} ms" "<= ${TARGET_START_MS} ms" "$(verdict "$ok_start") (median of ${#starts[@]}: ${starts[*]} ms)"
printf '%-34s %16s   %-12s %s\n' "CPU (utime+stime), one core" "${cpu_percent} %" "<= ${TARGET_CPU_PERCENT} %" "$(verdict "$ok_cpu")"
printf '%-34s %16s   %-12s %s\n' "  (run time from schedstat)" "${run_percent} %" "" ""
printf '%-34s %16s   %-12s %s\n' "peak resident memory (VmRSS)" "$(awk -v k="$peak_rss" 'BEGIN { printf "%.1f", k / 1024 }') MB ($peak_rss kB)" "<= 25 MB" "$(verdict "$ok_rss")"
printf '%-34s %16s   %-12s %s\n' "bytes to the terminal in the window" "$idle_bytes B" "<= $TARGET_BYTES B" "$(verdict "$ok_bytes")"
printf '%-34s %16s\n' "  (first full frame)" "$first_frame_bytes B"
echo "VmHWM $hwm kB; smaps_rollup: $smaps"

if [ "$ok_start$ok_cpu$ok_rss$ok_bytes" != "1111" ]; then
    exit 1
fi
