#!/usr/bin/env bash
# The fakeyc benchmark, end to end, in one run: bench/run.sh
#
# Builds the fake and the harness (bench/pom.xml, outside `mvn verify`), installs wrk from Debian if
# missing, then measures fake and reference in the same run and prints a table of ratios, also
# written to bench/results/results.md. See bench/README.md for what each figure means.
#
# Knobs (environment): DURATION (s per wrk run, 10), WARMUP (s per server and case, 5), ROUNDS (2),
# THREADS (wrk threads, 1), CONNECTIONS (32), IO_THREADS (both servers, 2), CYCLES (start/stop, 200),
# MILLION (requests the fake must have served before the "after" memory reading, 1000000),
# SERVER_JVM (JVM flags of both server processes, "-Xmx64m"), COLD_JVM (JVM flags of both cold-started jars, none),
# COLD_RUNS (cold starts of each jar, alternating, 11: one start moves by ±15% on a shared 2-core machine),
# MVN_FLAGS (e.g. "-o"), SKIP_BUILD=1.
set -euo pipefail

# bench/run.sh soak: the million-request soak of issue 8 instead (bench/soak.sh)
if [ "${1:-}" = soak ]; then
	exec "$(dirname "$0")/soak.sh"
fi
# bench/run.sh stream: a streamed completion's cost beside the plain one, over one connection (bench/stream.sh)
if [ "${1:-}" = stream ]; then
	exec "$(dirname "$0")/stream.sh"
fi
# bench/run.sh grpc: the gRPC front against a bare grpc-java server, and start+close with it on (bench/grpc.sh)
if [ "${1:-}" = grpc ]; then
	exec "$(dirname "$0")/grpc.sh"
fi

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-32}
IO_THREADS=${IO_THREADS:-2}
CYCLES=${CYCLES:-200}
MILLION=${MILLION:-1000000}
SERVER_JVM=${SERVER_JVM:--Xmx64m}
FAKE_PORT=${FAKE_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
PIDS=()

log() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------
need_debian() {
	local cmd=$1 pkg=$2
	command -v "$cmd" >/dev/null && return
	if [ "$(id -u)" != 0 ]; then
		log "$cmd is missing: run 'apt-get install -y $pkg' as root"; exit 1
	fi
	log "installing $pkg from Debian"
	apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null
}
need_debian wrk wrk
need_debian curl curl

# --- build ------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	log "building fake-server and the harness (mvn -f bench/pom.xml package -DskipTests)"
	mvn -B -q ${MVN_FLAGS:-} -f bench/pom.xml package -DskipTests
fi
CP="$(ls bench/harness/target/fakeyc-bench-*.jar):$(cat bench/harness/target/classpath.txt)"

# --- servers ----------------------------------------------------------------
await_listening() { # file pid
	local i
	for i in $(seq 1 200); do
		grep -q 'listening on' "$1" 2>/dev/null && return
		kill -0 "$2" 2>/dev/null || { log "server exited:"; cat "$1" >&2; exit 1; }
		sleep 0.05
	done
	log "server did not start:"; cat "$1" >&2; exit 1
}

java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.FakeServerMain --port "$FAKE_PORT" --io-threads "$IO_THREADS" \
	--credentials "$OUT/credentials.env" >"$OUT/fake.log" 2>&1 &
FAKE_PID=$!
PIDS+=("$FAKE_PID")
await_listening "$OUT/fake.log" "$FAKE_PID"
# shellcheck disable=SC1091
. "$OUT/credentials.env"
export TOKEN API_KEY
FAKE="http://127.0.0.1:$FAKE_PORT"
BARE="http://127.0.0.1:$BARE_PORT"

# the reference answers with the fake's statuses and body sizes: ask the fake once for each
probe() { curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$@"; }
read -r GET_OK_STATUS GET_OK_BYTES < <(probe -H "Authorization: Bearer $TOKEN" "$FAKE/compute/v1/instances")
read -r REFUSED_STATUS REFUSED_BYTES < <(probe "$FAKE/compute/v1/instances")
read -r POST_OK_STATUS POST_OK_BYTES < <(probe -X POST -H 'Content-Type: application/json' -H "Authorization: Api-Key $API_KEY" \
	-d '{"workflowId":"dfq0bench00000000000","input":{"inputJson":"{}"}}' "$FAKE/workflows/v1/execution/start")
read -r POST_BAD_STATUS POST_BAD_BYTES < <(probe -X POST "$FAKE/workflows/v1/execution/start")
log "fake answers: GET $GET_OK_STATUS/${GET_OK_BYTES}B, POST $POST_OK_STATUS/${POST_OK_BYTES}B, refused $REFUSED_STATUS/${REFUSED_BYTES}B"
[ "$GET_OK_STATUS" = 200 ] && [ "$POST_OK_STATUS" = 200 ] && [ "$REFUSED_STATUS" = 401 ] || { log "unexpected statuses from the fake"; exit 1; }

java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.BareUndertowMain --port "$BARE_PORT" --io-threads "$IO_THREADS" \
	--route "/compute/v1/instances|Bearer $TOKEN|$GET_OK_STATUS|$GET_OK_BYTES|$REFUSED_STATUS|$REFUSED_BYTES" \
	--route "/workflows/v1/execution/start|Api-Key $API_KEY|$POST_OK_STATUS|$POST_OK_BYTES|$POST_BAD_STATUS|$POST_BAD_BYTES" \
	>"$OUT/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
await_listening "$OUT/bare.log" "$BARE_PID"

# --- memory sampling ----------------------------------------------------------
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
PEAK_FILE="$OUT/fake-rss-peak.kb"
echo 0 >"$PEAK_FILE"
sample_peak() { # pid file: keeps the highest VmRSS seen, every 0.2 s
	local peak=0 now
	while kill -0 "$1" 2>/dev/null; do
		now=$(rss_kb "$1" 2>/dev/null || echo 0)
		if [ "${now:-0}" -gt "$peak" ]; then peak=$now; echo "$peak" >"$2"; fi
		sleep 0.2
	done
}
sample_peak "$FAKE_PID" "$PEAK_FILE" &
SAMPLER_PID=$!
PIDS+=("$SAMPLER_PID")
BARE_PEAK_FILE="$OUT/bare-rss-peak.kb"
echo 0 >"$BARE_PEAK_FILE"
sample_peak "$BARE_PID" "$BARE_PEAK_FILE" &
PIDS+=("$!")

# --- throughput ---------------------------------------------------------------
COUNT_FILE="$OUT/fake-requests.count"
echo 0 >"$COUNT_FILE"
fake_requests() { cat "$COUNT_FILE"; }
CASES=(bearer-get apikey-post refused)
declare -A CASE_NAME=([bearer-get]="(a) Bearer GET /compute/v1/instances" [apikey-post]="(b) Api-Key POST /workflows/v1/execution/start" [refused]="(c) no credential -> 401")
declare -A EXPECT_NON2XX=([bearer-get]=no [apikey-post]=no [refused]=yes)
declare -A RATE
declare -A CPU

HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks

# run_wrk server case seconds -> prints "requests/sec server-CPU-us-per-request"; counts the fake's
# requests; checks the statuses. CPU per request is the steadier figure when other work shares the
# machine: throughput drops with the CPU share the server gets, its CPU time per request does not.
run_wrk() {
	local server=$1 case=$2 secs=$3 url out requests non2xx pid t0 t1
	url=$([ "$server" = fake ] && echo "$FAKE" || echo "$BARE")
	pid=$([ "$server" = fake ] && echo "$FAKE_PID" || echo "$BARE_PID")
	t0=$(cpu_ticks "$pid")
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" -s "bench/wrk/$case.lua" "$url/")
	t1=$(cpu_ticks "$pid")
	echo "$out" >>"$OUT/wrk.log"
	requests=$(echo "$out" | awk '/requests in/ {print $1}')
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
	# a file, not a variable: run_wrk is called in $(...) subshells
	if [ "$server" = fake ]; then echo $(($(fake_requests) + requests)) >"$COUNT_FILE"; fi
	if [ "${EXPECT_NON2XX[$case]}" = no ] && [ -n "$non2xx" ]; then log "WARNING: $server $case had $non2xx non-2xx answers"; fi
	if [ "${EXPECT_NON2XX[$case]}" = yes ] && [ "${non2xx:-0}" != "$requests" ]; then log "WARNING: $server $case: only ${non2xx:-0} of $requests were refused"; fi
	if echo "$out" | grep -q 'Socket errors'; then log "WARNING: $server $case: $(echo "$out" | grep 'Socket errors')"; fi
	echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(awk -v t=$((t1 - t0)) -v n="$requests" -v hz="$HZ" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')"
}

: >"$OUT/wrk.log"
log "warm-up: ${WARMUP}s per server and case"
for c in "${CASES[@]}"; do
	run_wrk fake "$c" "$WARMUP" >/dev/null
	run_wrk bare "$c" "$WARMUP" >/dev/null
done
log "throughput: $ROUNDS rounds x ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS, fake and bare alternating"
for r in $(seq 1 "$ROUNDS"); do
	for c in "${CASES[@]}"; do
		if [ $((r % 2)) = 1 ]; then order=(fake bare); else order=(bare fake); fi
		for s in "${order[@]}"; do
			read -r rate cpu < <(run_wrk "$s" "$c" "$DURATION")
			RATE[$s,$c]="${RATE[$s,$c]:-} $rate"
			CPU[$s,$c]="${CPU[$s,$c]:-} $cpu"
			log "round $r $c $s: $rate req/s, $cpu us of server CPU per request"
		done
	done
done
LOAD_RSS_KB=$(cat "$PEAK_FILE")

# --- a million requests ---------------------------------------------------------
log "loading the fake to $MILLION requests (so far $(fake_requests))"
i=0
while [ "$(fake_requests)" -lt "$MILLION" ]; do
	c=${CASES[$((i % 3))]}
	run_wrk fake "$c" "$DURATION" >/dev/null
	i=$((i + 1))
done
PEAK_RSS_KB=$(cat "$PEAK_FILE")
sleep 2
AFTER_RSS_KB=$(rss_kb "$FAKE_PID")
BARE_PEAK_RSS_KB=$(cat "$BARE_PEAK_FILE")

# stop the servers: the fake prints its journal's size on the way out
kill "$FAKE_PID" "$BARE_PID"
wait "$FAKE_PID" 2>/dev/null || true
wait "$BARE_PID" 2>/dev/null || true
JOURNAL=$(grep '^journal:' "$OUT/fake.log" || echo "journal: (not printed)")

# --- embedded start/stop ---------------------------------------------------------
log "embedded create()+start()+close(): $CYCLES warm-up cycles, then $CYCLES measured"
START_STOP=$(java -cp "$CP" dev.fakeyc.bench.StartStopMain --warmup "$CYCLES" --cycles "$CYCLES" 2>/dev/null)
echo "$START_STOP" >"$OUT/start-stop.txt"

# --- JUnit extension overhead ----------------------------------------------------------
log "JUnit extension overhead: 1,000 tests per case through the JUnit launcher, median of 5 runs"
EXT=$(java -cp "$CP" dev.fakeyc.bench.ExtensionOverheadMain 2>/dev/null || echo "")
echo "$EXT" >"$OUT/extension.txt"
ext() { echo "$EXT" | awk -v k="$1" '$1 == k { print $2 }'; }

# --- standalone jar ---------------------------------------------------------------
JAR=$(ls fake-server/target/*-standalone.jar 2>/dev/null | head -1 || true)
if [ -n "$JAR" ]; then
	JAR_BYTES=$(stat -c %s "$JAR")
	BARE_JAR=bench/harness/target/bare-undertow-standalone.jar
	COLD_RUNS=${COLD_RUNS:-11}
	log "standalone cold start: $JAR and $BARE_JAR alternating, $COLD_RUNS runs each, JVM flags: ${COLD_JVM:-none}"
	COLD_FAKE=""
	COLD_BARE=""
	for _ in $(seq 1 "$COLD_RUNS"); do
		# shellcheck disable=SC2086
		COLD_FAKE="$COLD_FAKE $(java -cp "$CP" dev.fakeyc.bench.ColdStartMain --runs 1 -- java ${COLD_JVM:-} -jar "$JAR" --port 0 | awk '{print $2}')"
		# shellcheck disable=SC2086
		COLD_BARE="$COLD_BARE $(java -cp "$CP" dev.fakeyc.bench.ColdStartMain --runs 1 -- java ${COLD_JVM:-} -jar "$BARE_JAR" --port 0 2>/dev/null | awk '{print $2}')"
	done
	log "cold start ms, fake:$COLD_FAKE; bare:$COLD_BARE"
else
	log "no fake-server/target/*-standalone.jar: standalone cold start and jar size skipped"
	JAR_BYTES=""
	COLD_FAKE=""
	COLD_BARE=""
fi

# --- table ----------------------------------------------------------------------------
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }
ok() { if awk "BEGIN {exit !($1)}"; then echo yes; else echo "**no**"; fi; }

{
	echo "# fakeyc benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo
	echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -1)."
	echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run, median of $ROUNDS alternating rounds after ${WARMUP}s warm-up; both servers: $IO_THREADS IO threads, $SERVER_JVM."
	echo
	echo "| measure | fakeyc | bare Undertow | ratio | target | met |"
	echo "|---|---:|---:|---:|---|---|"
	for c in "${CASES[@]}"; do
		f=$(echo "${RATE[fake,$c]}" | median)
		b=$(echo "${RATE[bare,$c]}" | median)
		ratio=$(awk -v f="$f" -v b="$b" 'BEGIN {printf "%.2f", f/b}')
		printf '| %s, req/s | %.0f | %.0f | %sx | >= 0.9x | %s |\n' "${CASE_NAME[$c]}" "$f" "$b" "$ratio" "$(ok "$ratio >= 0.9")"
	done
	for c in "${CASES[@]}"; do
		f=$(echo "${CPU[fake,$c]}" | median)
		b=$(echo "${CPU[bare,$c]}" | median)
		# bare/fake: the throughput each would reach with the same CPU, comparable to the ratio above
		ratio=$(awk -v f="$f" -v b="$b" 'BEGIN {printf "%.2f", b/f}')
		printf '| %s, server CPU us/request (ratio: bare/fake) | %s | %s | %sx | >= 0.9x | %s |\n' "${CASE_NAME[$c]%% /*}" "$f" "$b" "$ratio" "$(ok "$ratio >= 0.9")"
	done
	read -r _ med p90 p99 min < <(echo "$START_STOP" | grep '^create+start+close')
	echo "| embedded create+start+close, median / p90 / p99 ms (warm, $CYCLES cycles) | $med / $p90 / $p99 | | | median < 15 ms | $(ok "$med < 15") |"
	for part in create start close; do
		read -r _ pm pp _ _ < <(echo "$START_STOP" | grep "^$part ")
		echo "| &nbsp; of which $part(), median / p90 ms | $pm / $pp | | | | |"
	done
	echo "| RSS under load (peak during the throughput runs), MB | $(mb "$LOAD_RSS_KB") | $(mb "$BARE_PEAK_RSS_KB") | $(awk -v f="$LOAD_RSS_KB" -v b="$BARE_PEAK_RSS_KB" 'BEGIN {printf "%.2f", f/b}')x | < 128 MB | $(ok "$LOAD_RSS_KB < 131072") |"
	echo "| RSS peak over $(fake_requests) requests / 2 s after, MB | $(mb "$PEAK_RSS_KB") / $(mb "$AFTER_RSS_KB") | | | < 128 MB | $(ok "$PEAK_RSS_KB < 131072") |"
	echo "| ${JOURNAL#journal: } | | | | bounded | $(echo "$JOURNAL" | grep -q 'holds [0-9]* of at most' && echo yes || echo '?') |"
	if [ -n "$JAR_BYTES" ]; then
		echo "| standalone jar size, MB | $(mb $((JAR_BYTES / 1024))) | | | < 6 MB | $(ok "$JAR_BYTES < 6291456") |"
		cf=$(echo "$COLD_FAKE" | median)
		cb=$(echo "$COLD_BARE" | median)
		cratio=$(awk -v f="$cf" -v b="$cb" 'BEGIN {printf "%.2f", f/b}')
		echo "| standalone cold start to first answer, median ms ($COLD_RUNS runs each, alternating; ratio: fake/bare jar) | $cf | $cb | ${cratio}x | <= 1.1x | $(ok "$cratio <= 1.1") |"
	else
		echo "| standalone jar size | not built yet (no fake-server/target/*-standalone.jar) | | | < 6 MB | skipped |"
		echo "| standalone cold start to first answer | not built yet | | | < 600 ms | skipped |"
	fi
	if [ -n "$EXT" ]; then
		echo "| JUnit extension overhead per test, ms (per-class / shared server) | $(ext PerClass) / $(ext Shared) | | | < 1 ms shared | $(ok "$(ext Shared) < 1") |"
		echo "| &nbsp; with an injected IAM token (fresh account + token per test), ms | $(ext PerClassWithToken) / $(ext SharedWithToken) | | | | |"
	else
		echo "| JUnit extension overhead per test | measurement failed: see bench/results/extension.txt | | | < 1 ms shared | skipped |"
	fi
} | tee "$OUT/results.md"
log "written to bench/results/results.md (raw wrk output: bench/results/wrk.log)"
