#!/usr/bin/env bash
# The soak of issue 8, not part of CI: bench/soak.sh (or bench/run.sh soak)
#
# Starts the embedded fake (FakeServerMain) and sends it SOAK_REQUESTS (1,000,000) requests under wrk,
# a mix rotated by bench/wrk/soak.lua: accepted Bearer GET, accepted Api-Key POST, refused (no
# credential, 401), unknown route (404). Every answer is checked against what its kind of request
# must get; the run fails if any was unexpected or misrouted. The fake's VmRSS is sampled every
# second across the run and printed at each tenth, to show memory stays flat.
#
# SOAK_MIX=adversarial (issue 13) sends bench/wrk/soak-adversarial.lua instead: large, many and long
# headers, and header sections over the fake's limit, each answer checked the same way; meanwhile
# GET /_fakeyc/health is polled every half second and any answer but 200 within 2 s is counted.
#
# Knobs (environment): SOAK_MIX (mixed | adversarial), SOAK_REQUESTS (1000000; 200000 adversarial), CHUNK (s per wrk run, 15), THREADS (1), CONNECTIONS (32),
# IO_THREADS (2), SERVER_JVM (JVM flags of the fake, "-Xmx48m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m"),
# SERVER_ENV (environment of the fake, e.g. "MALLOC_ARENA_MAX=2"), MVN_FLAGS (e.g. "-o"), SKIP_BUILD=1,
# FAKE_PORT (18090).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/results"
mkdir -p "$OUT"
SOAK_MIX=${SOAK_MIX:-mixed}
case "$SOAK_MIX" in
	mixed) SCRIPT=bench/wrk/soak.lua; SOAK_REQUESTS=${SOAK_REQUESTS:-1000000} ;;
	adversarial) SCRIPT=bench/wrk/soak-adversarial.lua; SOAK_REQUESTS=${SOAK_REQUESTS:-200000} ;;
	*) echo "[soak] SOAK_MIX must be mixed or adversarial, not '$SOAK_MIX'" >&2; exit 2 ;;
esac
CHUNK=${CHUNK:-15}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-32}
IO_THREADS=${IO_THREADS:-2}
SERVER_JVM=${SERVER_JVM:--Xmx48m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m}
FAKE_PORT=${FAKE_PORT:-18090}
export CONNECTIONS
PIDS=()
log() { printf '[soak] %s\n' "$*" >&2; }
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

command -v wrk >/dev/null || { log "wrk is missing: run bench/run.sh once (it installs it) or 'apt-get install -y wrk'"; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	log "building fake-server and the harness (mvn -f bench/pom.xml package -DskipTests)"
	mvn -B -q ${MVN_FLAGS:-} -f bench/pom.xml package -DskipTests
fi
CP="$(ls bench/harness/target/fakeyc-bench-*.jar):$(cat bench/harness/target/classpath.txt)"

# shellcheck disable=SC2086
env ${SERVER_ENV:-} java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.FakeServerMain --port "$FAKE_PORT" --io-threads "$IO_THREADS" \
	--credentials "$OUT/soak-credentials.env" >"$OUT/soak-fake.log" 2>&1 &
FAKE_PID=$!
PIDS+=("$FAKE_PID")
for _ in $(seq 1 200); do
	grep -q 'listening on' "$OUT/soak-fake.log" 2>/dev/null && break
	kill -0 "$FAKE_PID" 2>/dev/null || { log "the fake exited:"; cat "$OUT/soak-fake.log" >&2; exit 1; }
	sleep 0.05
done
# shellcheck disable=SC1091
. "$OUT/soak-credentials.env"
export TOKEN API_KEY

RSS_LOG="$OUT/soak-rss.log"
: >"$RSS_LOG"
(
	start=$(date +%s)
	while kill -0 "$FAKE_PID" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$FAKE_PID/status" 2>/dev/null || true)
		[ -n "$rss" ] && echo "$(($(date +%s) - start)) $rss" >>"$RSS_LOG" # none once the fake has exited
		sleep 1
	done
) &
PIDS+=("$!")

HEALTH_LOG="$OUT/soak-health.log"
: >"$HEALTH_LOG"
(
	while kill -0 "$FAKE_PID" 2>/dev/null; do
		code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$FAKE_PORT/_fakeyc/health" || true)
		echo "$code" >>"$HEALTH_LOG"
		sleep 0.5
	done
) &
PIDS+=("$!")

log "sending $SOAK_REQUESTS requests ($SOAK_MIX mix): wrk -t$THREADS -c$CONNECTIONS, ${CHUNK}s runs, fake: $SERVER_JVM"
: >"$OUT/soak-wrk.log"
answered=0 unexpected=0 misrouted=0 runs=0
began=$(date +%s.%N)
while [ "$answered" -lt "$SOAK_REQUESTS" ]; do
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CHUNK}s" -s "$SCRIPT" "http://127.0.0.1:$FAKE_PORT/")
	echo "$out" >>"$OUT/soak-wrk.log"
	line=$(echo "$out" | grep '^soak: .*unexpected=' || { log "no soak line from wrk:"; echo "$out" >&2; exit 1; })
	answered=$((answered + $(echo "$line" | sed -E 's/.*answered=([0-9]+).*/\1/')))
	unexpected=$((unexpected + $(echo "$line" | sed -E 's/.*unexpected=([0-9]+).*/\1/')))
	misrouted=$((misrouted + $(echo "$line" | sed -E 's/.*misrouted=([0-9]+).*/\1/')))
	runs=$((runs + 1))
	log "run $runs: ${line#soak: } (so far $answered)"
	if echo "$out" | grep -q 'Socket errors'; then log "WARNING: $(echo "$out" | grep 'Socket errors')"; fi
done
seconds=$(awk -v b="$began" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - b}')
sleep 2
health_polls=$(grep -c . "$HEALTH_LOG" || true)
health_failed=$(grep -vc '^200$' "$HEALTH_LOG" || true)
kill "$FAKE_PID"
wait "$FAKE_PID" 2>/dev/null || true
journal=$(grep '^journal:' "$OUT/soak-fake.log" || echo "journal: (not printed)")

mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }
samples=$(grep -c . "$RSS_LOG")
{
	echo "# fakeyc soak, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo
	echo "$answered requests in ${seconds}s ($runs wrk runs of ${CHUNK}s, -t$THREADS -c$CONNECTIONS), fake: $IO_THREADS IO threads, $SERVER_JVM."
	echo "Mix: $SOAK_MIX. Unexpected answers: **$unexpected**; misrouted: **$misrouted**. ${journal#journal: }."
	echo "Health polls during the run: $health_polls, not answered 200 within 2 s: **$health_failed**."
	echo
	echo "| at | s | VmRSS, MB |"
	echo "|---|---:|---:|"
	for tenth in 1 2 3 4 5 6 7 8 9 10; do
		row=$(awk -v n="$samples" -v t="$tenth" 'NR == int((n - 1) * t / 10) + 1 {print $1, $2}' "$RSS_LOG")
		echo "| $((tenth * 10))% | ${row%% *} | $(mb "${row##* }") |"
	done
	awk '$1 > 5 { if ($2 > max) max = $2; if (min == "" || $2 < min) min = $2 } END {printf "\nVmRSS after the first 5 s: min %.1f MB, max %.1f MB.\n", min/1024, max/1024}' "$RSS_LOG"
} | tee "$OUT/soak.md"
log "written to bench/results/soak.md (wrk output: bench/results/soak-wrk.log, RSS every second: bench/results/soak-rss.log)"
[ "$unexpected" = 0 ] && [ "$misrouted" = 0 ] && [ "$health_failed" = 0 ]
