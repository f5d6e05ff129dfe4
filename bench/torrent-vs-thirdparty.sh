#!/usr/bin/env bash
# BitTorrent transfers and tracker load: switchboard beside libtorrent, aria2 and opentracker, on the
# same payload and machine in one run, through the loopback bt harness (see docs/benchmarks-torrent.md).
#
# Environment:
#   BT_HARNESS  the harness directory (harness.py, trackerbench/); required. It is copied into OUT first
#               (trackerbench is built next to itself), so a read-only checkout is fine.
#   CASES       transfer cases, space separated, each SEEDERS:LEECHER with comma-separated peers from
#               lt, aria2, ours (default: the matrix below); CASES="" skips transfers
#   REPS        repetitions of every transfer case and tracker sweep (default 3); medians are reported
#   PAYLOAD     harness payload spec (default single:1G)
#   TIMEOUT     per transfer, seconds (default 600)
#   TRACKER_SECS  seconds per trackerbench run (default 5); TRACKERS="" skips the tracker part
#   TRACKERS    which trackers to sweep (default "opentracker ours")
#   SB_JAR      the switchboard jar (default cli/target/switchboard.jar; built if missing). With the
#               default our peers and tracker run through the launcher ./switchboard (its JVM options
#               and class-data sharing archive), as a user runs them; another jar runs with java -jar
#   OURS_JAVA_OPTS  JVM options for our peers on top of the launcher's, e.g. "-XX:+UseSerialGC -Xmx64m"
#   OUT         where results go (default a new /tmp/torrent-vs-thirdparty.XXXXXX)
#
# Needs: java 17, /usr/bin/python3 with python3-libtorrent, aria2c, mktorrent, opentracker, gcc, make.
# Debian: apt-get install python3-libtorrent aria2 mktorrent opentracker build-essential
# Results: OUT/transfers.jsonl (harness JSON + load, other CPU, our leecher's tail timing per run),
# OUT/tracker-*.jsonl (trackerbench), OUT/logs/ (every peer's log); markdown tables on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SB_JAR="${SB_JAR:-$ROOT/cli/target/switchboard.jar}"
REPS="${REPS:-3}"
PAYLOAD="${PAYLOAD:-single:1G}"
TIMEOUT="${TIMEOUT:-600}"
TRACKER_SECS="${TRACKER_SECS:-5}"
TRACKERS="${TRACKERS-opentracker ours}"
DEFAULT_CASES="lt:aria2 aria2:lt lt:lt lt:ours ours:lt ours:ours aria2:ours ours:aria2
 lt,lt,lt:lt lt,lt,lt:aria2 lt,lt,lt:ours ours,ours,ours:ours"
CASES="${CASES-$DEFAULT_CASES}"
PY=/usr/bin/python3

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -n "${BT_HARNESS:-}" && -f "$BT_HARNESS/harness.py" ]] || die "set BT_HARNESS to the bt harness directory"
for tool in java aria2c mktorrent opentracker make; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
if [[ ! -f "$SB_JAR" ]]; then
    log "building $SB_JAR ..."
    (cd "$ROOT" && mvn -B -q -DskipTests -pl cli -am package) >&2 || die "build failed"
fi

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/torrent-vs-thirdparty.XXXXXX")}"
mkdir -p "$OUT/logs"
rm -rf "$OUT/harness"; cp -r "$BT_HARNESS" "$OUT/harness"; chmod -R u+w "$OUT/harness"
H="$OUT/harness"

# Our peer logs only warnings; this config adds the INFO line Download writes when the last piece is
# verified (how long the last 1% of pieces took), which the summary reads.
cat >"$OUT/logback.xml" <<'XML'
<configuration>
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>
  </appender>
  <logger name="io.netty" level="WARN"/>
  <logger name="dev.switchboard.torrent.client.Download" level="INFO"/>
  <root level="INFO"><appender-ref ref="STDERR"/></root>
</configuration>
XML
# Our peers start the way a user starts them, through the launcher (its JVM options and class-data
# sharing archive, made here once so that no timed run pays for it), unless SB_JAR names another jar.
if [[ "$SB_JAR" == "$ROOT/cli/target/switchboard.jar" ]]; then
    export SWITCHBOARD_JAVA_OPTS="${OURS_JAVA_OPTS:-} -Dlogback.configurationFile=$OUT/logback.xml"
    "$ROOT/switchboard" --version >&2
    OURS="$ROOT/switchboard"
else
    OURS="java ${OURS_JAVA_OPTS:-} -Dlogback.configurationFile=$OUT/logback.xml -jar $SB_JAR"
fi

# a peer list like "lt,ours" as harness --seed/--leech arguments
peer_arg() {
    local role="$1" list="$2" out=() p
    IFS=, read -ra peers <<<"$list"
    for p in "${peers[@]}"; do
        case "$p" in
            lt|aria2) out+=("$p") ;;
            ours) if [[ "$role" == seed ]]; then out+=("$OURS torrent seed {torrent} {dir} --port {port}")
                  else out+=("$OURS torrent get {torrent} -o {dir} --port {port}"); fi ;;
            *) die "unknown peer '$p' (lt, aria2, ours)" ;;
        esac
    done
    (IFS=,; echo "${out[*]}")
}

CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
load1() { cut -d' ' -f1 /proc/loadavg; }

log "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); results in $OUT"
log "payload $PAYLOAD: $($PY "$H/harness.py" gen "$PAYLOAD")"

# ---- transfers ------------------------------------------------------------------------------
for rep in $(seq 1 "$REPS"); do
    for case in $CASES; do
        seeds="${case%%:*}" leech="${case#*:}"
        log "[$rep/$REPS] $seeds -> $leech ..."
        results="$OUT/harness-$rep-$seeds-$leech.jsonl"
        l0="$(load1)"; b0="$(machine_busy_ticks)"; t0="$(date +%s%N)"
        TIMEFORMAT='%U %S'
        { time BT_RESULTS="$results" timeout $((TIMEOUT + 120)) $PY "$H/harness.py" run --keep \
            --seed "$(peer_arg seed "$seeds")" --leech "$(peer_arg leech "$leech")" \
            --payload "$PAYLOAD" --timeout "$TIMEOUT" >"$OUT/logs/harness-$rep-$seeds-$leech.out" 2>&1 ; } \
            2>"$OUT/time.tmp" || log "  (harness exit $?)"
        b1="$(machine_busy_ticks)"; t1="$(date +%s%N)"; l1="$(load1)"
        # harness + every peer it reaped, from bash's time; the rest of the machine is busy time less that
        $PY - "$results" "$OUT" "$rep" "$case" "$l0" "$l1" "$(( (b1 - b0) ))" "$CLK_TCK" "$(( t1 - t0 ))" \
            "$(cat "$OUT/time.tmp")" >>"$OUT/transfers.jsonl" <<'EOF'
import glob, json, os, re, shutil, sys
results, out, rep, case, l0, l1, busy, hz, ns, own = sys.argv[1:]
r = json.loads(open(results).read().splitlines()[-1]) if os.path.exists(results) else {"ok": False}
wall = int(ns) / 1e9
own_cpu = sum(float(x) for x in own.split())
r.update(case=case, rep=int(rep), load1_before=float(l0), load1_after=float(l1),
         run_wall_s=round(wall, 1), other_cpu_cores=round(max(0.0, int(busy) / int(hz) - own_cpu) / wall, 2))
work = r.get("work")
if work and os.path.isdir(work):
    dest = os.path.join(out, "logs", f"{rep}-{case.replace(':', '_')}")
    os.makedirs(dest, exist_ok=True)
    for f in glob.glob(os.path.join(work, "*.log")):
        shutil.copy(f, dest)
        m = re.search(r"last 1% of pieces \((\d+)\) took (\d+) ms of (\d+) ms", open(f, errors="replace").read())
        if m and "leech" in os.path.basename(f):
            r["tail_ms"], r["tail_of_ms"] = int(m.group(2)), int(m.group(3))
    shutil.rmtree(work, ignore_errors=True)
print(json.dumps(r))
lc = r.get("leechers") or [{}]
print(f"  ok={r['ok']} {lc[0].get('MiB_s')} MiB/s leecher cpu/GiB={lc[0].get('cpu_s_per_GiB')} "
      f"rss={lc[0].get('maxrss_mib')} MiB; load {l0}->{l1}, other CPU {r['other_cpu_cores']} cores"
      + (f", last 1% {r['tail_ms']} of {r['tail_of_ms']} ms" if "tail_ms" in r else ""), file=sys.stderr)
EOF
    done
done

# ---- tracker --------------------------------------------------------------------------------
for rep in $(seq 1 "$REPS"); do
    for t in $TRACKERS; do
        case "$t" in
            opentracker) cmd=opentracker ;;
            ours) cmd="$OURS tracker serve --port {port}" ;;
            *) die "unknown tracker '$t' (opentracker, ours)" ;;
        esac
        log "[$rep/$REPS] trackerbench sweep against $t ($TRACKER_SECS s per run) ..."
        l0="$(load1)"
        BT_BENCH_RESULTS="$OUT/tracker-$t-$rep.jsonl" "$H/trackerbench/bench.sh" "$cmd" "$TRACKER_SECS" \
            >/dev/null 2>"$OUT/logs/tracker-$t-$rep.err" || die "bench.sh failed: $(tail -3 "$OUT/logs/tracker-$t-$rep.err")"
        log "  load $l0 -> $(load1)"
        tail -n 15 "$OUT/logs/tracker-$t-$rep.err" | grep -E '^(udp|http)' >&2 || true
    done
done

$PY "$ROOT/bench/torrent_summary.py" "$OUT"
