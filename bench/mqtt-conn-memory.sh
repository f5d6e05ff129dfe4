#!/usr/bin/env bash
# Where the broker's memory per idle connection goes: N idle MQTT connections held against a fresh
# Switchboard broker, and, per connection,
#   rss      resident memory above the broker's start (what SET=conn of mqtt-vs-mosquitto.sh reports);
#   heap     of that, the resident part of the Java heap mapping (live objects plus the young
#            generation and the free heap the collector has touched);
#   native   of that, everything else (code cache, metaspace, collector structures, Netty's direct
#            buffers, malloc arenas, thread stacks);
#   live     live objects only: `jcmd GC.class_histogram` (a full collection) with the connections
#            held, less the same once they have closed (so loaded classes are not counted);
# and the classes that grew by about one instance per connection or more, with bytes per connection.
#
# Environment: MQTTBENCH (required: the mqttbench binary or its source folder), CONNS (19000),
#   JAR (default cli/target/switchboard.jar, built if missing), JAVA_OPTS (JVM options for the
#   broker), PORT (47431), TOP (classes listed; 30).
# Needs: java 17 (with jcmd), jq, python3, ss. Prints a report on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$ROOT/cli/target/switchboard.jar}"
CONNS="${CONNS:-19000}"; PORT="${PORT:-47431}"; TOP="${TOP:-30}"

# shellcheck source=mqttbench-setup.sh
source "$ROOT/bench/mqttbench-setup.sh"
need_tools java jcmd jq python3 ss
TMP="$(mktemp -d)"

ulimit -n "$(ulimit -Hn)"
# shellcheck disable=SC2086
setsid java ${JAVA_OPTS:-} -jar "$JAR" mqtt serve --port "$PORT" --sys-interval 0 --max-connections $((CONNS + 1000)) \
    --in-memory > "$TMP/broker.log" 2>&1 < /dev/null &
PID=""
for _ in $(seq 150); do
    PID=$(ss -ltnp "( sport = :$PORT )" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
    [[ -n "$PID" ]] && break
    sleep 0.2
done
[[ -n "$PID" ]] || die "the broker did not listen on $PORT (log: $TMP/broker.log)"
trap 'kill "$PID" 2>/dev/null || true' EXIT

# resident kB of the Java heap mapping (the reserved range G1 reports) and of everything else
resident() {
    local range
    range=$(jcmd "$PID" GC.heap_info | grep -o '\[0x[0-9a-f]*, 0x[0-9a-f]*)' | head -1)
    python3 - "$PID" "$range" <<'EOF'
import re, sys
pid, rng = sys.argv[1], sys.argv[2]
lo, hi = (int(x, 16) for x in re.findall(r'0x[0-9a-f]+', rng))
heap = other = 0
start = None
for line in open(f'/proc/{pid}/smaps'):
    m = re.match(r'([0-9a-f]+)-[0-9a-f]+ ', line)
    if m:
        start = int(m[1], 16)
    elif line.startswith('Rss:'):
        kb = int(line.split()[1])
        if lo <= start < hi:
            heap += kb
        else:
            other += kb
print(heap, other)
EOF
}
histogram() { jcmd "$PID" GC.class_histogram > "$1"; }
hold() { # conns keepalive hold name
    "$MQTTBENCH" --mode conn --port "$PORT" --broker-pid "$PID" --conns "$1" --procs $((($1 + 9499) / 9500)) \
        --concurrency 200 --keepalive "$2" --hold "$3" --conn-timeout 60 --name "$4" --label switchboard 2>>"$TMP/bench.err"
}

read -r heap0 other0 < <(resident)
hold "$CONNS" 30 40 idle > "$TMP/idle.json" &
BENCH=$!
for _ in $(seq 120); do
    open=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
    (( open >= CONNS )) && break
    sleep 0.5
done
(( open >= CONNS )) || die "only $open of $CONNS connections open"
sleep 10 # idle for a while, as in SET=conn
read -r heap1 other1 < <(resident) # before any full collection, as SET=conn sees it
histogram "$TMP/after.txt"
wait "$BENCH"
for _ in $(seq 120); do # the clients have gone and the broker closed its side (clean sessions: nothing stays)
    (( $(ss -Htn "( sport = :$PORT )" | wc -l) == 0 )) && break
    sleep 0.5
done
histogram "$TMP/before.txt"
python3 - "$TMP/before.txt" "$TMP/after.txt" "$CONNS" "$TOP" "$heap0" "$other0" "$heap1" "$other1" <<'EOF'
import re, sys
before, after, n, top = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
heap0, other0, heap1, other1 = (int(x) for x in sys.argv[5:9])
def read(path):
    rows, total = {}, 0
    for line in open(path):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            rows[m[3]] = (int(m[1]), int(m[2]))
        elif line.startswith('Total'):
            total = int(line.split()[2])
    return rows, total
b, tb = read(before)
a, ta = read(after)
rss = (heap1 + other1 - heap0 - other0) * 1024 / n
print(f"{n} idle connections, bytes per connection:")
print(f"  rss {rss:,.0f} = heap {(heap1 - heap0) * 1024 / n:,.0f} + native {(other1 - other0) * 1024 / n:,.0f}")
print(f"  live objects {(ta - tb) / n:,.0f}")
print("classes that grew by ~1 instance per connection or more (instances per connection, bytes per connection):")
grew = []
for cls, (cnt, size) in a.items():
    c0, s0 = b.get(cls, (0, 0))
    if cnt - c0 >= 0.9 * n:
        grew.append(((size - s0) / n, (cnt - c0) / n, cls))
for per, inst, cls in sorted(grew, reverse=True)[:top]:
    print(f"  {per:7.1f} B  {inst:4.1f}  {cls}")
EOF
