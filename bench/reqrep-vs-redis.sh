#!/usr/bin/env bash
# Side-by-side closed-loop load: redis-server + redis-benchmark (PING) versus
# switchboard reqrep serve + reqrep bench (echo route), on the same machine in one run.
#
# Both cases use 50 connections; "pipeline 1" and "pipeline 16" keep 1 resp. 16 requests
# in flight per connection (redis-benchmark -P, reqrep bench --pipeline).
#
# Environment:
#   DURATION  how long each switchboard run measures (default 10s; 500ms, 10s, 1m, ...)
#   N         requests per redis-benchmark test; default: calibrated so that each redis
#             test takes about DURATION (a short calibration run measures redis first)
#   SIZE      switchboard payload bytes (default 64)
#   CONNECTIONS  connections on both sides (default 50)
#   IO_THREADS   passed to reqrep bench --io-threads when set (default: unset = bench default)
#
# Needs: java 17, redis-server and redis-benchmark (Debian: apt-get install redis-server redis-tools).
# Prints progress on stderr and a markdown table on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/cli/target/switchboard.jar"
DURATION="${DURATION:-10s}"
SIZE="${SIZE:-64}"
CONNECTIONS="${CONNECTIONS:-50}"
IO_THREADS="${IO_THREADS:-}"
PIPELINES=(1 16)

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in java redis-server redis-benchmark awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (redis: apt-get install redis-server redis-tools)"
done

# DURATION as (fractional) seconds, same forms as the CLI accepts: 250ms, 10s, 5m, 1h, bare seconds.
duration_seconds() {
    local d="$1"
    [[ "$d" =~ ^([0-9]+(\.[0-9]+)?)(ms|s|m|h)?$ ]] || die "DURATION '$d' is not like 500ms, 10s, 1m"
    awk -v a="${BASH_REMATCH[1]}" -v u="${BASH_REMATCH[3]:-s}" 'BEGIN {
        f = (u == "ms") ? 0.001 : (u == "m") ? 60 : (u == "h") ? 3600 : 1; printf "%.3f", a * f }'
}
DURATION_S="$(duration_seconds "$DURATION")"

# ---- build ---------------------------------------------------------------------------------
if [[ ! -f "$JAR" ]]; then
    log "building $JAR ..."
    (cd "$ROOT" && mvn -B -q -DskipTests package) >&2 || die "build failed"
fi

# ---- process bookkeeping -------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/reqrep-vs-redis.XXXXXX")"
REDIS_PID=""
SB_PID=""
stop_pid() {
    local pid="$1"
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop_pid "$SB_PID"; SB_PID=""
    stop_pid "$REDIS_PID"; REDIS_PID=""
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nothing listens on now (random in 20000-59999; bounded tries).
free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$(( 20000 + RANDOM % 40000 ))
        port_open "$p" || { echo "$p"; return 0; }
    done
    die "no free port found"
}

# Waits until $1 accepts connections while process $2 lives; bounded (about 30 s).
wait_port() {
    local port="$1" pid="$2" what="$3"
    for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || die "$what exited before listening on port $port"
        port_open "$port" && return 0
        sleep 0.1
    done
    die "$what did not listen on port $port in time"
}

# utime+stime of a process in clock ticks (for server CPU share during a run).
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cpu_ticks() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
    # fields after the ")" that ends the command name: state is field 3, utime 14, stime 15
    stat="${stat##*) }"
    awk '{ print $12 + $13 }' <<<"$stat"
}
now_ns() { date +%s%N; }
# Busy ticks of the whole machine (all cores), from the aggregate line of /proc/stat.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# This machine may be shared (other builds): before each case wait, at most QUIET_WAIT seconds,
# until the whole machine was under 20% busy for QUIET_SECS seconds in a row. Logs what it found.
QUIET_WAIT="${QUIET_WAIT:-60}"
QUIET_SECS="${QUIET_SECS:-2}"
wait_quiet() {
    local waited=0 quiet=0 b0 b1 pct
    while :; do
        b0="$(machine_busy_ticks)"; sleep 1; b1="$(machine_busy_ticks)"
        pct="$(awk -v t=$((b1 - b0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", t / hz * 100 }')"
        if (( pct < 20 )); then
            quiet=$((quiet + 1))
        else
            quiet=0
        fi
        if (( quiet >= QUIET_SECS )); then
            (( waited == 0 )) || log "  machine quiet after ${waited}s"
            return 0
        fi
        if (( waited >= QUIET_WAIT )); then
            log "  warning: machine still ${pct}% busy after ${waited}s; measuring anyway"
            return 0
        fi
        (( waited == 0 && quiet == 0 )) && log "  machine ${pct}% busy before the run; waiting (at most ${QUIET_WAIT}s)"
        waited=$((waited + 1))
    done
}
# CPU percent (100 = one core) from tick delta and wall nanoseconds.
cpu_pct() { awk -v t="$1" -v hz="$CLK_TCK" -v ns="$2" 'BEGIN { printf "%.0f", (t / hz) / (ns / 1e9) * 100 }'; }
# CPU the rest of the machine used meanwhile: machine busy % minus server % minus client %.
other_pct() {
    awk -v t="$1" -v hz="$CLK_TCK" -v ns="$2" -v s="$3" -v c="$4" 'BEGIN {
        o = (t / hz) / (ns / 1e9) * 100 - s - c; if (o < 0) o = 0; printf "%.0f", o }'
}

# ---- machine --------------------------------------------------------------------------------
CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
log "machine: $(nproc) cores, ${CPU_MODEL:-unknown CPU}; duration $DURATION per run"

# ---- redis ----------------------------------------------------------------------------------
REDIS_PORT="$(free_port)"
redis-server --save '' --appendonly no --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize no \
    >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
wait_port "$REDIS_PORT" "$REDIS_PID" "redis-server"
log "redis-server $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"

# Runs redis-benchmark -t ping; sets RB_MBULK RB_INLINE (requests/s), RB_P50 RB_P99 (ms, MBULK),
# RB_SRV_CPU and RB_CLI_CPU (redis-server and redis-benchmark CPU %, over the whole run: both tests).
redis_run() {
    local pipeline="$1" n="$2" out="$WORK/redis-P$1-$RANDOM.csv" t0 c0 t1 c1
    t0="$(now_ns)"; c0="$(cpu_ticks "$REDIS_PID")"; m0="$(machine_busy_ticks)"
    TIMEFORMAT='%R %U %S'
    { time redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -t ping -c "$CONNECTIONS" -n "$n" -P "$pipeline" --csv \
        >"$out" 2>"$WORK/redis-bench.err" ; } 2>"$out.time" \
        || { cat "$WORK/redis-bench.err" >&2; die "redis-benchmark failed"; }
    t1="$(now_ns)"; c1="$(cpu_ticks "$REDIS_PID")"; m1="$(machine_busy_ticks)"
    RB_CLI_CPU="$(awk '{ printf "%.0f", ($2 + $3) / $1 * 100 }' "$out.time")"
    RB_SRV_CPU="$(cpu_pct $((c1 - c0)) $((t1 - t0)))"
    RB_OTHER_CPU="$(other_pct $((m1 - m0)) $((t1 - t0)) "$RB_SRV_CPU" "$RB_CLI_CPU")"
    RB_MBULK="$(awk -F'","' '/^"PING_MBULK"/ { printf "%.0f", $2 }' "$out")"
    RB_INLINE="$(awk -F'","' '/^"PING_INLINE"/ { printf "%.0f", $2 }' "$out")"
    RB_P50="$(awk -F'","' '/^"PING_MBULK"/ { print $5 }' "$out")"
    RB_P99="$(awk -F'","' '/^"PING_MBULK"/ { print $7 }' "$out")"
    [[ -n "$RB_MBULK" ]] || die "could not parse redis-benchmark output: $(cat "$out")"
}

declare -A R_MBULK R_INLINE R_P50 R_P99 R_CPU R_CLI_CPU R_OTHER R_N
for p in "${PIPELINES[@]}"; do
    if [[ -n "${N:-}" ]]; then
        n="$N"
    else
        # calibrate: a short run, then N so that one test (PING_MBULK) takes about DURATION
        redis_run "$p" $(( p == 1 ? 200000 : 2000000 ))
        n="$(awk -v r="$RB_MBULK" -v s="$DURATION_S" 'BEGIN { n = int(r * s); if (n < 10000) n = 10000; print n }')"
    fi
    log "redis-benchmark -t ping -c $CONNECTIONS -n $n -P $p ..."
    wait_quiet
    redis_run "$p" "$n"
    R_MBULK[$p]="$RB_MBULK"; R_INLINE[$p]="$RB_INLINE"; R_P50[$p]="$RB_P50"; R_P99[$p]="$RB_P99"
    R_CPU[$p]="$RB_SRV_CPU"; R_CLI_CPU[$p]="$RB_CLI_CPU"; R_OTHER[$p]="$RB_OTHER_CPU"; R_N[$p]="$n"
    log "  PING_MBULK ${RB_MBULK} req/s, PING_INLINE ${RB_INLINE} req/s," \
        "redis-server CPU ${RB_SRV_CPU}%, redis-benchmark CPU ${RB_CLI_CPU}%, rest of machine ${RB_OTHER_CPU}%"
done
stop_pid "$REDIS_PID"; REDIS_PID=""

# ---- switchboard ----------------------------------------------------------------------------
SB_PORT="$(free_port)"
java -jar "$JAR" reqrep serve --port "$SB_PORT" >"$WORK/switchboard.log" 2>&1 &
SB_PID=$!
wait_port "$SB_PORT" "$SB_PID" "switchboard reqrep serve"
log "switchboard reqrep serve on 127.0.0.1:$SB_PORT (pid $SB_PID)"

declare -A S_RPS S_P50 S_P99 S_P999 S_ERR S_CPU S_CLI_CPU S_OTHER
for p in "${PIPELINES[@]}"; do
    args=(reqrep bench "127.0.0.1:$SB_PORT" --connections "$CONNECTIONS" --pipeline "$p"
          --size "$SIZE" --duration "$DURATION" --route echo)
    [[ -n "$IO_THREADS" ]] && args+=(--io-threads "$IO_THREADS")
    log "java -jar cli/target/switchboard.jar ${args[*]} ..."
    # server CPU is sampled over the whole client run, warm-up included (as for redis, which has none)
    wait_quiet
    t0="$(now_ns)"; c0="$(cpu_ticks "$SB_PID")"; m0="$(machine_busy_ticks)"
    TIMEFORMAT='%R %U %S'
    { time java -jar "$JAR" "${args[@]}" >"$WORK/sb-P$p.out" 2>"$WORK/sb-P$p.err" ; } 2>"$WORK/sb-P$p.time" \
        || { cat "$WORK/sb-P$p.err" >&2; die "reqrep bench failed"; }
    t1="$(now_ns)"; c1="$(cpu_ticks "$SB_PID")"; m1="$(machine_busy_ticks)"
    line="$(tail -n 1 "$WORK/sb-P$p.out")"
    [[ "$line" =~ ^requests/s=([0-9]+)\ p50_us=([0-9]+)\ p99_us=([0-9]+)\ p999_us=([0-9]+)\ errors=([0-9]+)$ ]] \
        || die "unexpected reqrep bench output: $line"
    S_RPS[$p]="${BASH_REMATCH[1]}"; S_P50[$p]="${BASH_REMATCH[2]}"; S_P99[$p]="${BASH_REMATCH[3]}"
    S_P999[$p]="${BASH_REMATCH[4]}"; S_ERR[$p]="${BASH_REMATCH[5]}"
    S_CPU[$p]="$(cpu_pct $((c1 - c0)) $((t1 - t0)))"
    S_CLI_CPU[$p]="$(awk '{ printf "%.0f", ($2 + $3) / $1 * 100 }' "$WORK/sb-P$p.time")"
    S_OTHER[$p]="$(other_pct $((m1 - m0)) $((t1 - t0)) "${S_CPU[$p]}" "${S_CLI_CPU[$p]}")"
    log "  $line (server CPU ${S_CPU[$p]}%, bench client CPU ${S_CLI_CPU[$p]}%, rest of machine ${S_OTHER[$p]}%)"
done
stop_pid "$SB_PID"; SB_PID=""

# ---- report ---------------------------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, ${CPU_MODEL:-unknown CPU}; $CONNECTIONS connections; switchboard: echo route, ${SIZE}-byte payload, $DURATION per run (+2s warm-up); redis: PING, -n per pipeline below."
echo
echo "| case | redis requests/s (PING_MBULK) | switchboard requests/s | ratio (switchboard/redis) | switchboard p50 / p99 / p999 (us) | switchboard errors |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for p in "${PIPELINES[@]}"; do
    ratio="$(awk -v s="${S_RPS[$p]}" -v r="${R_MBULK[$p]}" 'BEGIN { printf "%.2f", s / r }')"
    echo "| pipeline $p | ${R_MBULK[$p]} | ${S_RPS[$p]} | $ratio | ${S_P50[$p]} / ${S_P99[$p]} / ${S_P999[$p]} | ${S_ERR[$p]} |"
done
echo
echo "| case | redis -n | redis PING_INLINE requests/s | redis p50 / p99 (us, MBULK) | redis-server CPU | redis-benchmark CPU | switchboard server CPU | switchboard bench client CPU | rest of machine (redis / switchboard) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for p in "${PIPELINES[@]}"; do
    rp50="$(awk -v v="${R_P50[$p]}" 'BEGIN { printf "%.0f", v * 1000 }')"
    rp99="$(awk -v v="${R_P99[$p]}" 'BEGIN { printf "%.0f", v * 1000 }')"
    echo "| pipeline $p | ${R_N[$p]} | ${R_INLINE[$p]} | $rp50 / $rp99 | ${R_CPU[$p]}% | ${R_CLI_CPU[$p]}% | ${S_CPU[$p]}% | ${S_CLI_CPU[$p]}% | ${R_OTHER[$p]}% / ${S_OTHER[$p]}% |"
done
echo
echo "CPU: 100% = one core; the machine has $(( $(nproc) * 100 ))%. Each figure is user+sys time over the wall time of the"
echo "whole client run (redis: both PING tests; switchboard: JVM start and warm-up included). \"Rest of machine\" is"
echo "what other processes used meanwhile (whole-machine busy time less server and client): near 0% means an undisturbed run."
