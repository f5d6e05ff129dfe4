#!/usr/bin/env bash
# Restart time with queued messages on disk: Switchboard's broker beside Mosquitto, same load, one run.
#
# For each broker: start it persisting into a fresh directory; make SESSIONS persistent sessions
# (clean session 0), each subscribed at QoS 1 to its own topic, and leave them offline; publish
# SESSIONS x PER_SESSION distinct QoS 1 messages of SIZE bytes (every one acknowledged), so that
# each offline session has PER_SESSION queued; stop the broker with SIGTERM (Mosquitto writes its
# database then). Then RUNS times: start it on that directory and time how long until a CONNECT
# gets its CONNACK, with its resident memory then; stop it. Last, start once more and resume two
# sessions to check that their queues came back whole.
#
# Environment: SESSIONS (10000), PER_SESSION (100), SIZE (64), RUNS (3), HEAP (-Xmx256m: the bound
#   issue 4 sets for 1M queued messages), OUT (default /tmp/mqtt-restart-<time>).
# Needs: java 17, mosquitto (Debian: apt-get install mosquitto), python3, ss.
# Prints progress on stderr and a markdown table on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/cli/target/switchboard.jar"
LOAD="$ROOT/bench/mqtt_restart_load.py"
SESSIONS="${SESSIONS:-10000}"; PER_SESSION="${PER_SESSION:-100}"; SIZE="${SIZE:-64}"; RUNS="${RUNS:-3}"
HEAP="${HEAP:--Xmx256m}"
OUT="${OUT:-/tmp/mqtt-restart-$(date +%Y%m%d-%H%M%S)}"
PORT_M=47331; PORT_S=47431

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in java mosquitto python3 ss; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests -pl cli -am package) || die "build failed"
mkdir -p "$OUT/mosquitto" "$OUT/switchboard"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

PID=""
stop() {
    [[ -n "$PID" ]] || return 0
    local started; started=$(date +%s%N)
    kill -TERM "$PID" 2>/dev/null || true
    while kill -0 "$PID" 2>/dev/null; do sleep 0.05; done
    log "  stopped in $(( ($(date +%s%N) - started) / 1000000 )) ms"
    PID=""
}
trap stop EXIT

start() { # $1 = mosquitto | switchboard
    if [[ $1 == mosquitto ]]; then
        cat > "$OUT/mosquitto.conf" <<EOF
listener $PORT_M 127.0.0.1
user $(id -un)
allow_anonymous true
persistence true
persistence_location $OUT/mosquitto/
max_connections -1
set_tcp_nodelay true
log_dest file $OUT/mosquitto.log
EOF
        mosquitto -c "$OUT/mosquitto.conf" >> "$OUT/mosquitto.out" 2>&1 < /dev/null &
    else
        # shellcheck disable=SC2086
        java $HEAP -jar "$JAR" mqtt serve --port "$PORT_S" --data-dir "$OUT/switchboard" --sys-interval 0 \
            >> "$OUT/switchboard.log" 2>&1 < /dev/null &
    fi
    PID=$!
}

port() { [[ $1 == mosquitto ]] && echo "$PORT_M" || echo "$PORT_S"; }

declare -A READY RSS FILE
for broker in mosquitto switchboard; do
    log "$broker: filling $SESSIONS sessions x $PER_SESSION messages of $SIZE B"
    start "$broker"
    python3 "$LOAD" ready 127.0.0.1 "$(port "$broker")" 60 >/dev/null
    python3 "$LOAD" fill 127.0.0.1 "$(port "$broker")" "$SESSIONS" "$PER_SESSION" "$SIZE"
    stop
    FILE[$broker]=$(du -sm "$OUT/$broker" | cut -f1)
    values=(); rss=()
    for run in $(seq "$RUNS"); do
        start "$broker"
        ms=$(python3 "$LOAD" ready 127.0.0.1 "$(port "$broker")" 300)
        kib=$(ps -o rss= -p "$PID" | tr -d ' ')
        log "  start $run: CONNACK after $ms ms, RSS $((kib / 1024)) MiB"
        values+=("$ms"); rss+=("$((kib / 1024))")
        stop
    done
    READY[$broker]="${values[*]}"; RSS[$broker]="${rss[*]}"
    start "$broker"
    python3 "$LOAD" ready 127.0.0.1 "$(port "$broker")" 300 >/dev/null
    first=$(python3 "$LOAD" drain 127.0.0.1 "$(port "$broker")" rs-00000 3)
    last=$(python3 "$LOAD" drain 127.0.0.1 "$(port "$broker")" "rs-$(printf %05d $((SESSIONS - 1)))" 3)
    log "  queues after restart: rs-00000 got $first, the last session $last (expected $PER_SESSION each)"
    stop
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# shellcheck disable=SC2086
m_ready=$(median ${READY[mosquitto]}); s_ready=$(median ${READY[switchboard]})
echo "| broker | queued messages | data on disk MiB | start to CONNACK ms (runs) | median ms | RSS MiB after start (runs) |"
echo "| --- | ---: | ---: | --- | ---: | --- |"
for broker in mosquitto switchboard; do
    # shellcheck disable=SC2086
    echo "| $broker | $((SESSIONS * PER_SESSION)) | ${FILE[$broker]} | ${READY[$broker]// /, } | $(median ${READY[$broker]}) | ${RSS[$broker]// /, } |"
done
echo
echo "restart time ratio switchboard / mosquitto: $(awk -v s="$s_ready" -v m="$m_ready" 'BEGIN {printf "%.2f", s / m}')"
