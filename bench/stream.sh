#!/usr/bin/env bash
# A streamed completion's cost beside the plain one, over ONE connection: bench/stream.sh (or bench/run.sh stream)
#
# Starts the embedded fake (FakeServerMain, with a 100-piece script on the legacy completions route) and runs
# wrk -t1 -c1 against each case: a chat completion as one JSON body, the same streamed as server-sent events,
# a 100-piece stream, and a native Foundation Models stream of JSON lines. Each answer's events are counted once
# with curl, so events per second = completions per second x events per answer. The fake's CPU time per completion
# and per event is read from /proc, the steadier figure on a shared machine.
#
# Knobs (environment): DURATION (s per wrk run, 10), WARMUP (s per case, 5), STREAM_CHUNKS (100), IO_THREADS (2),
# SERVER_JVM ("-Xmx64m"), MVN_FLAGS (e.g. "-o"), SKIP_BUILD=1, FAKE_PORT (18080).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/results"
mkdir -p "$OUT"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
STREAM_CHUNKS=${STREAM_CHUNKS:-100}
IO_THREADS=${IO_THREADS:-2}
SERVER_JVM=${SERVER_JVM:--Xmx64m}
FAKE_PORT=${FAKE_PORT:-18080}
PIDS=()
log() { printf '[stream] %s\n' "$*" >&2; }
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
java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.FakeServerMain --port "$FAKE_PORT" --io-threads "$IO_THREADS" --stream-chunks "$STREAM_CHUNKS" \
	--credentials "$OUT/stream-credentials.env" >"$OUT/stream-fake.log" 2>&1 &
FAKE_PID=$!
PIDS+=("$FAKE_PID")
for _ in $(seq 1 200); do
	grep -q 'listening on' "$OUT/stream-fake.log" 2>/dev/null && break
	kill -0 "$FAKE_PID" 2>/dev/null || { log "the fake exited:"; cat "$OUT/stream-fake.log" >&2; exit 1; }
	sleep 0.05
done
# shellcheck disable=SC1091
. "$OUT/stream-credentials.env"
export TOKEN API_KEY FOLDER
FAKE="http://127.0.0.1:$FAKE_PORT"

CASES=(chat-plain chat-stream completion-long-stream fm-stream)
declare -A NAME=([chat-plain]="chat completion, one JSON body" [chat-stream]="the same, streamed (SSE)"
	[completion-long-stream]="a $STREAM_CHUNKS-piece stream (SSE)" [fm-stream]="Foundation Models stream (JSON lines)")
declare -A PATHS=([chat-plain]=/v1/chat/completions [chat-stream]=/v1/chat/completions [completion-long-stream]=/v1/completions
	[fm-stream]=/foundationModels/v1/completion)

# events in one answer: the body's data: lines for SSE, its lines for JSON lines, 1 for a plain body
events_of() {
	local c=$1 body status
	body=$(lua_body "$c")
	status=$(curl -s -o "$OUT/stream-$c.body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
		-d "$body" "$FAKE${PATHS[$c]}")
	[ "$status" = 200 ] || { log "$c answered $status: $(cat "$OUT/stream-$c.body")"; exit 1; }
	case $c in
		chat-plain) echo 1 ;;
		fm-stream) grep -c '^{"result"' "$OUT/stream-$c.body" ;;
		*) grep -c '^data: ' "$OUT/stream-$c.body" ;;
	esac
}
# the request body of a case, read from its wrk script (its FOLDER filled in)
lua_body() {
	sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "bench/wrk/$1.lua" | sed "s/' \.\. os.getenv(\"FOLDER\") \.\. '/$FOLDER/"
}

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run_wrk() { # case seconds -> "requests/sec cpu-us-per-request non2xx"
	local c=$1 secs=$2 out t0 t1 requests non2xx
	t0=$(cpu_ticks "$FAKE_PID")
	out=$(wrk -t1 -c1 -d"${secs}s" -s "bench/wrk/$c.lua" "$FAKE/")
	t1=$(cpu_ticks "$FAKE_PID")
	echo "$out" >>"$OUT/stream-wrk.log"
	requests=$(echo "$out" | awk '/requests in/ {print $1}')
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
	if echo "$out" | grep -q 'Socket errors'; then log "WARNING: $c: $(echo "$out" | grep 'Socket errors')"; fi
	echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(awk -v t=$((t1 - t0)) -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}') ${non2xx:-0}"
}

: >"$OUT/stream-wrk.log"
declare -A EVENTS
for c in "${CASES[@]}"; do
	EVENTS[$c]=$(events_of "$c")
	log "$c: ${EVENTS[$c]} event(s) per answer; warm-up ${WARMUP}s"
	run_wrk "$c" "$WARMUP" >/dev/null
done
{
	echo "# fakeyc streamed answers over one connection, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo
	echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -1)."
	echo "wrk -t1 -c1 (one connection, one request at a time), ${DURATION}s per case after ${WARMUP}s warm-up; the fake: $IO_THREADS IO threads, $SERVER_JVM."
	echo
	echo "| case | events per answer | answers/s | events/s | server CPU us per answer | per event |"
	echo "|---|---:|---:|---:|---:|---:|"
	for c in "${CASES[@]}"; do
		read -r rate cpu non2xx < <(run_wrk "$c" "$DURATION")
		[ "$non2xx" = 0 ] || log "WARNING: $c had $non2xx non-2xx answers"
		awk -v n="${NAME[$c]}" -v e="${EVENTS[$c]}" -v r="$rate" -v cpu="$cpu" \
			'BEGIN {printf "| %s | %d | %.0f | %.0f | %.1f | %.1f |\n", n, e, r, r * e, cpu, cpu / e}'
	done
} | tee "$OUT/stream-results.md"
log "written to bench/results/stream-results.md (raw wrk output: bench/results/stream-wrk.log)"
