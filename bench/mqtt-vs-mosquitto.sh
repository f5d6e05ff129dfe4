#!/usr/bin/env bash
# Switchboard's MQTT broker against Mosquitto, same load generator, same machine, one run.
#
# Scenarios (each for both brokers, alternating which goes first, RUNS times):
#   fan-in   50 publishers -> 1 wildcard subscriber
#   fan-out  1 publisher -> 100 subscribers of one topic
#   pairwise 100 publishers, each to its own topic with its own subscriber
# at QoS 0, 1 and 2 with 64 B and 1 KiB payloads, at max rate (closed loop); then the same three
# shapes at a fixed rate (64 B, QoS 1) for latency; then 19,000 idle connections for memory.
#
# The load generator is mqttbench (one C file, epoll, single-threaded), given by MQTTBENCH (path to
# its binary or to a folder with mqttbench.c to build). Mosquitto is started by this script with an
# equivalent configuration: loopback only, anonymous allowed, no persistence, no connection cap,
# TCP_NODELAY (as Netty sets it; without it Mosquitto stalls on delayed ACKs with 1 KiB messages).
#
# Environment: MQTTBENCH (required), RUNS (3), DUR (8 s measured), WARM (2 s), CONNS (19000),
#   OUT (results folder; default /tmp/mqtt-vs-mosquitto-<time>), SET (full | quick | latency | durable | conn),
#   JAR (the Switchboard jar; default cli/target/switchboard.jar, built if missing),
#   JAVA_OPTS (JVM options for Switchboard, e.g. GC settings to compare; default none),
#   PORT_M, PORT_S (Mosquitto's and Switchboard's ports; 47321, 47421).
#   SET=conn: the idle-connection phase only.
#   SET=latency: the three fixed-rate scenarios and, as a throughput check, QoS 1 64 B at max rate
#   for each shape; no idle phase.
#   SET=durable: QoS 1 fan-in and pairwise only, no idle phase, both brokers persisting: Mosquitto
#   with `persistence true`, Switchboard with its store (FSYNC: always | periodic, default always).
#   Otherwise both keep everything in memory (Switchboard --in-memory, Mosquitto persistence false).
# Needs: java 17, mosquitto (Debian: apt-get install mosquitto), jq, python3.
# Prints progress on stderr; OUT/results.jsonl has every run, OUT/table.md the medians and ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$ROOT/cli/target/switchboard.jar}"
RUNS="${RUNS:-3}"; DUR="${DUR:-8}"; WARM="${WARM:-2}"; CONNS="${CONNS:-19000}"; SET="${SET:-full}"
OUT="${OUT:-/tmp/mqtt-vs-mosquitto-$(date +%Y%m%d-%H%M%S)}"
PORT_M="${PORT_M:-47321}"; PORT_S="${PORT_S:-47421}" # set both when another run may be going on
FSYNC="${FSYNC:-always}"

# shellcheck source=mqttbench-setup.sh
source "$ROOT/bench/mqttbench-setup.sh"
need_tools java mosquitto jq python3 ss
mkdir -p "$OUT"
RES="$OUT/results.jsonl"; : > "$RES"

pid_of_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

start_mosquitto() {
    cat > "$OUT/mosquitto.conf" <<EOF
listener $PORT_M 127.0.0.1
user $(id -un)
allow_anonymous true
persistence $([[ $SET == durable ]] && echo true || echo false)
persistence_location $OUT/
max_connections -1
set_tcp_nodelay true
log_dest none
EOF
    (ulimit -n "$(ulimit -Hn)"; setsid mosquitto -c "$OUT/mosquitto.conf" > "$OUT/mosquitto.log" 2>&1 < /dev/null &)
}

start_switchboard() {
    local store=(--in-memory)
    [[ $SET == durable ]] && store=(--data-dir "$OUT/data" --fsync "$FSYNC")
    (ulimit -n "$(ulimit -Hn)"; setsid java ${JAVA_OPTS:-} -jar "$JAR" mqtt serve --port "$PORT_S" --sys-interval 0 \
        --max-connections 20000 "${store[@]}" > "$OUT/switchboard.log" 2>&1 < /dev/null &)
}

declare -A PID
port_of() { [[ $1 == mosquitto ]] && echo $PORT_M || echo $PORT_S; }
start() { # side
    local side=$1 port
    port=$(port_of "$side")
    # a broker already there would be measured (and stopped) instead of ours
    [[ -z "$(pid_of_port "$port")" ]] || die "port $port is in use (another run? set PORT_M and PORT_S)"
    if [[ $side == mosquitto ]]; then start_mosquitto; else start_switchboard; fi
    for _ in $(seq 100); do [[ -n "$(pid_of_port "$port")" ]] && break; sleep 0.1; done
    PID[$side]="$(pid_of_port "$port")"
    [[ -n "${PID[$side]}" ]] || die "$side did not start listening on $port"
}
stop() { # side
    local pid="${PID[$1]:-}"
    [[ -n "$pid" ]] || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    PID[$1]=""
}
trap 'stop mosquitto; stop switchboard' EXIT

SCENARIOS=()
for mode in fanin fanout pairwise; do
    case $mode in fanin) shape="--pubs 50";; fanout) shape="--subs 100";; pairwise) shape="--pubs 100";; esac
    for qos in 0 1 2; do
        for size in 64 1024; do
            SCENARIOS+=("${mode}_q${qos}_${size}B_max|--mode $mode $shape --qos $qos --size $size")
        done
    done
done
SCENARIOS+=("fanin_q1_64B_r10k|--mode fanin --pubs 50 --qos 1 --size 64 --rate 10000")
SCENARIOS+=("fanout_q1_64B_r200|--mode fanout --subs 100 --qos 1 --size 64 --rate 200")
SCENARIOS+=("pairwise_q1_64B_r10k|--mode pairwise --pubs 100 --qos 1 --size 64 --rate 10000")
if [[ $SET == quick ]]; then
    SCENARIOS=("${SCENARIOS[0]}" "${SCENARIOS[2]}" "${SCENARIOS[18]}")
elif [[ $SET == conn ]]; then
    SCENARIOS=()
elif [[ $SET == latency ]]; then
    SCENARIOS=("${SCENARIOS[18]}" "${SCENARIOS[19]}" "${SCENARIOS[20]}" "${SCENARIOS[2]}" "${SCENARIOS[8]}" "${SCENARIOS[14]}")
elif [[ $SET == durable ]]; then
    SCENARIOS=("fanin_q1_64B_max|--mode fanin --pubs 50 --qos 1 --size 64"
               "pairwise_q1_64B_max|--mode pairwise --pubs 100 --qos 1 --size 64")
fi

# "busy idle broker" CPU seconds now: the whole machine's (from /proc/stat) and the broker's
cpu_now() { # pid
    local hz; hz=$(getconf CLK_TCK)
    awk -v hz="$hz" '/^cpu /{printf "%.2f %.2f ", ($2+$3+$4+$7+$8+$9)/hz, ($5+$6)/hz}' /proc/stat
    awk -v hz="$hz" '{printf "%.2f\n", ($14+$15)/hz}' "/proc/$1/stat" 2>/dev/null || echo 0
}
# Adds other_cpu_pct to a conn line: CPU that neither the broker nor the generator used while it
# ran (other tenants, kernel threads), in % of one core, as mqttbench reports for the other modes.
with_other_cpu() { # line before after
    [[ -n "$1" ]] || return 0
    echo "$1" | jq -c --arg b "$2" --arg a "$3" '($b | split(" ") | map(tonumber)) as $b
        | ($a | split(" ") | map(tonumber)) as $a
        | . + {other_cpu_pct: (((($a[0] - $b[0]) - ($a[2] - $b[2]) - .gen_cpu_s) / .wall_s * 100) | round)}'
}

record() { # run side line
    [[ -n "$3" ]] && echo "$3" | jq -c --arg r "$1" --arg side "$2" '. + {run: ($r|tonumber), side: $side}' >> "$RES"
}

log "# results in $OUT; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start mosquitto
start switchboard
for run in $(seq "$RUNS"); do
    order=(mosquitto switchboard); (( run % 2 == 0 )) && order=(switchboard mosquitto)
    for sc in ${SCENARIOS[@]+"${SCENARIOS[@]}"}; do
        name=${sc%%|*}; args=${sc#*|}
        for side in "${order[@]}"; do
            # shellcheck disable=SC2086
            line=$(timeout $((WARM + DUR + 60)) "$MQTTBENCH" --port "$(port_of "$side")" --broker-pid "${PID[$side]}" \
                --duration "$DUR" --warmup "$WARM" --name "$name" --label "$side" $args 2>>"$OUT/stderr.log" || true)
            record "$run" "$side" "$line"
            log "run $run $side $name: $(echo "$line" | jq -r '"deliv/s=\(.deliv_rate) p99=\(.p99_us)us lost=\(.lost) dup=\(.dup) broker=\(.broker_cpu_pct)% other=\(.other_cpu_pct)%"' 2>/dev/null)"
            sleep 1
        done
    done
    [[ $SET == durable || $SET == latency ]] && continue
    for side in "${order[@]}"; do # a fresh broker, so its memory is the connections' alone
        stop "$side"; sleep 1; start "$side"; sleep 2
        before=$(cpu_now "${PID[$side]}")
        line=$(timeout 240 "$MQTTBENCH" --mode conn --port "$(port_of "$side")" --broker-pid "${PID[$side]}" \
            --conns "$CONNS" --procs $(((CONNS + 9499) / 9500)) --concurrency 200 --keepalive 10 --hold 10 \
            --conn-timeout 60 --name "idle_$CONNS" --label "$side" 2>>"$OUT/stderr.log" || true)
        line=$(with_other_cpu "$line" "$before" "$(cpu_now "${PID[$side]}")")
        record "$run" "$side" "$line"
        log "run $run $side idle_$CONNS: $(echo "$line" | jq -r '"connected=\(.connected) rss/conn=\(.rss_per_conn_b)B idle cpu=\(.broker_cpu_idle_pct)% other=\(.other_cpu_pct)%"' 2>/dev/null)"
    done
done

python3 - "$RES" <<'EOF' | tee "$OUT/table.md"
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(name, side, key):
    v = [r.get(key) for r in rows if r["name"] == name and r["side"] == side and r.get(key) is not None]
    return st.median(v) if v else None
def f(x, nd=0):
    return "-" if x is None else f"{x:,.{nd}f}"
def ratio(s, m):
    return "-" if s is None or not m else f"{s / m:.2f}"
names = list(dict.fromkeys(r["name"] for r in rows))
print("| scenario | Mosquitto msg/s | Switchboard msg/s | ratio | lost M / S | dup M / S | p50 µs M / S | p99 µs M / S | broker CPU % M / S | other CPU % M / S |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in names:
    if n.startswith("idle_"):
        continue
    g = lambda side, k: med(n, side, k)
    print(f"| {n} | {f(g('mosquitto','deliv_rate'))} | {f(g('switchboard','deliv_rate'))} | "
          f"{ratio(g('switchboard','deliv_rate'), g('mosquitto','deliv_rate'))} | "
          f"{f(g('mosquitto','lost'))} / {f(g('switchboard','lost'))} | {f(g('mosquitto','dup'))} / {f(g('switchboard','dup'))} | "
          f"{f(g('mosquitto','p50_us'))} / {f(g('switchboard','p50_us'))} | {f(g('mosquitto','p99_us'))} / {f(g('switchboard','p99_us'))} | "
          f"{f(g('mosquitto','broker_cpu_pct'))} / {f(g('switchboard','broker_cpu_pct'))} | "
          f"{f(g('mosquitto','other_cpu_pct'))} / {f(g('switchboard','other_cpu_pct'))} |")
for n in names:
    if not n.startswith("idle_"):
        continue
    g = lambda side, k: med(n, side, k)
    print()
    print(f"{n}: connected {f(g('mosquitto','connected'))} / {f(g('switchboard','connected'))}; "
          f"resident memory per connection {f(g('mosquitto','rss_per_conn_b'))} B / {f(g('switchboard','rss_per_conn_b'))} B; "
          f"idle CPU {f(g('mosquitto','broker_cpu_idle_pct'),1)} % / {f(g('switchboard','broker_cpu_idle_pct'),1)} %; "
          f"other CPU {f(g('mosquitto','other_cpu_pct'))} % / {f(g('switchboard','other_cpu_pct'))} % (Mosquitto / Switchboard, medians of {len([r for r in rows if r['name']==n])//2} runs)")
EOF
log "# done: $OUT/table.md"
