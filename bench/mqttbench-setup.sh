# Sourced by the MQTT bench scripts after ROOT and JAR are set: log and die, a check that the tools
# they name are on PATH, MQTTBENCH resolved to a binary (built when it names the source folder), and
# the Switchboard jar built when missing.
log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# need_tools TOOL...: stops with a clear message when one is missing, then readies MQTTBENCH and JAR
need_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
    done
    [[ -n "${MQTTBENCH:-}" ]] || die "set MQTTBENCH to the mqttbench binary or to its source folder"
    if [[ -d "$MQTTBENCH" ]]; then
        local build
        build="$(mktemp -d)"
        cc -O2 -o "$build/mqttbench" "$MQTTBENCH/mqttbench.c" || die "could not build $MQTTBENCH/mqttbench.c"
        MQTTBENCH="$build/mqttbench"
    fi
    [[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests -pl cli -am package) || die "build failed"
}
