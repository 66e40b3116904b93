#!/usr/bin/env bash
# The gRPC front's benchmark: bench/run.sh grpc (or bench/grpc.sh)
#
# (1) Auth-check throughput of the fake's gRPC front against a bare grpc-java server answering the same bytes:
#     both are separate processes with grpc-netty-shaded over TLS and the same number of event-loop threads; the
#     load is GrpcLoadMain (grpc-java, unary calls of FolderService/List, a fixed number in flight over a few
#     channels), fake and bare alternating; figures: calls/s and the server's CPU time per call (/proc/PID/stat).
#     Cases: (g1) a valid IAM token (Bearer) -> OK with the fake's answer bytes; (g2) no credential -> UNAUTHENTICATED
#     with the fake's message. The bare server answers by one string comparison of the authorization metadata.
# (2) Embedded create()+start()+close() with the gRPC front on (builder().grpc(0)) against REST-only, in the same
#     JVM-less way as bench/run.sh (StartStopMain: warm-up, then many cycles), alternating runs.
#
# Knobs (environment): DURATION (s per run, 10), WARMUP (s per server and case, 15), ROUNDS (2), IN_FLIGHT (32),
# CHANNELS (4), IO_THREADS (2), CYCLES (200), START_RUNS (2 per mode), SERVER_JVM ("-Xmx64m"), MVN_FLAGS, SKIP_BUILD=1.
# Writes bench/results/grpc.md.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/results"
mkdir -p "$OUT"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-15}
ROUNDS=${ROUNDS:-2}
IN_FLIGHT=${IN_FLIGHT:-32}
CHANNELS=${CHANNELS:-4}
IO_THREADS=${IO_THREADS:-2}
CYCLES=${CYCLES:-200}
START_RUNS=${START_RUNS:-2}
SERVER_JVM=${SERVER_JVM:--Xmx64m}
METHOD=yandex.cloud.resourcemanager.v1.FolderService/List
PIDS=()

log() { printf '[bench grpc] %s\n' "$*" >&2; }

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
	log "building fake-server and the harness (mvn -f bench/pom.xml package -DskipTests)"
	mvn -B -q ${MVN_FLAGS:-} -f bench/pom.xml package -DskipTests
fi
CP="$(ls bench/harness/target/fakeyc-bench-*.jar):$(cat bench/harness/target/classpath.txt)"

await_line() { # file pid text -> prints the line's last word
	local i
	for i in $(seq 1 400); do
		if grep -q "$3" "$1" 2>/dev/null; then grep "$3" "$1" | head -1 | awk '{print $NF}'; return; fi
		kill -0 "$2" 2>/dev/null || { log "server exited:"; cat "$1" >&2; exit 1; }
		sleep 0.05
	done
	log "no '$3' line in $1:"; cat "$1" >&2; exit 1
}

# --- the fake, with its gRPC front -------------------------------------------------------
java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.FakeServerMain --port 0 --io-threads "$IO_THREADS" --grpc-port 0 \
	--grpc-ca-file "$OUT/fake-grpc.pem" --credentials "$OUT/credentials.env" >"$OUT/fake-grpc.log" 2>&1 &
FAKE_PID=$!
PIDS+=("$FAKE_PID")
FAKE_TARGET=$(await_line "$OUT/fake-grpc.log" "$FAKE_PID" "grpc listening on")
# shellcheck disable=SC1091
. "$OUT/credentials.env"

load() { # target ca-file authorization seconds [probe]
	java -cp "$CP" dev.fakeyc.bench.GrpcLoadMain --target "$1" --ca-file "$2" --method "$METHOD" --authorization "$3" \
		--seconds "$4" --channels "$CHANNELS" --in-flight "$IN_FLIGHT" --probe "${5:-false}"
}

# the bare server answers with the fake's bytes: ask the fake once for each case (the probe prints status, message,
# response bytes, and the headers and trailers with the per-call ids by their form)
FAKE_OK=$(load "$FAKE_TARGET" "$OUT/fake-grpc.pem" "Bearer $TOKEN" 1 true)
FAKE_REFUSED=$(load "$FAKE_TARGET" "$OUT/fake-grpc.pem" "" 1 true)
read -r _ OK_CODE _ _ _ OK_HEX _ <<<"$FAKE_OK"
read -r _ REFUSED_CODE _ REFUSED_MESSAGE _ <<<"$FAKE_REFUSED"
OK_HEX=${OK_HEX#*:} # LENGTH:HEX
log "fake answers: Bearer -> $FAKE_OK"
log "fake answers: none -> $FAKE_REFUSED"
[ "$OK_CODE" = OK ] && [ "$REFUSED_CODE" = UNAUTHENTICATED ] || { log "unexpected statuses from the fake"; exit 1; }

# --- the bare grpc-java server -----------------------------------------------------------------
rm -f "$OUT/bare-grpc.p12"
keytool -genkeypair -noprompt -alias bare -keyalg EC -groupname secp256r1 -dname CN=localhost \
	-ext SAN=ip:127.0.0.1,ip:::1,dns:localhost -validity 30 -storetype PKCS12 -keystore "$OUT/bare-grpc.p12" \
	-storepass changeit -keypass changeit 2>/dev/null
keytool -exportcert -rfc -alias bare -keystore "$OUT/bare-grpc.p12" -storepass changeit >"$OUT/bare-grpc.pem" 2>/dev/null
java $SERVER_JVM -cp "$CP" dev.fakeyc.bench.BareGrpcMain --port 0 --keystore "$OUT/bare-grpc.p12" --io-threads "$IO_THREADS" \
	--authorization "Bearer $TOKEN" --response-hex "$OK_HEX" --refusal-code "$REFUSED_CODE" \
	--refusal-message "${REFUSED_MESSAGE//_/ }" >"$OUT/bare-grpc.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
BARE_TARGET=$(await_line "$OUT/bare-grpc.log" "$BARE_PID" "grpc listening on")
BARE_OK=$(load "$BARE_TARGET" "$OUT/bare-grpc.pem" "Bearer $TOKEN" 1 true)
BARE_REFUSED=$(load "$BARE_TARGET" "$OUT/bare-grpc.pem" "" 1 true)
[ "$BARE_OK" = "$FAKE_OK" ] && [ "$BARE_REFUSED" = "$FAKE_REFUSED" ] \
	|| { log "the bare server does not answer the fake's bytes:"; log "bare: Bearer -> $BARE_OK"; log "bare: none -> $BARE_REFUSED"; exit 1; }

# --- throughput ---------------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# per thread: "tid jit|other ticks", jit for the JIT compiler threads (C1/C2 CompilerThreadN); the name is in
# parentheses and may hold spaces, so the fields are counted after the last ')'
thread_ticks() {
	local f line name rest fields
	for f in /proc/"$1"/task/*/stat; do
		line=$(cat "$f" 2>/dev/null) || continue
		name=${line#*\(}
		name=${name%\) *}
		rest=${line##*\) }
		read -r -a fields <<<"$rest"
		if [[ $name == C[12]\ CompilerThre* ]]; then name=jit; else name=other; fi
		echo "${line%% *} $name $((fields[11] + fields[12]))"
	done
}
# ticks of the threads that are not JIT compilers, spent between two thread_ticks snapshots (threads that started
# in between count whole; one that ended in between is missed, and the script's threads that do are short-lived)
other_ticks() { # before-file after-file
	awk 'NR == FNR {before[$1] = $3; next} $2 == "other" {sum += $3 - (($1 in before) ? before[$1] : 0)} END {print sum + 0}' "$1" "$2"
}
declare -A AUTH=([g1]="Bearer $TOKEN" [g2]="")
declare -A EXPECT=([g1]=OK [g2]=UNAUTHENTICATED)
declare -A CASE_NAME=([g1]="(g1) Bearer IAM token -> OK, FolderService/List" [g2]="(g2) no credential -> UNAUTHENTICATED")
declare -A RATE
declare -A CPU
declare -A NOJIT

run() { # server case seconds -> "calls/s server-CPU-us-per-call the-same-without-JIT-compiler-threads"
	local server=$1 case=$2 secs=$3 target ca pid t0 t1 out n
	if [ "$server" = fake ]; then target=$FAKE_TARGET ca=$OUT/fake-grpc.pem pid=$FAKE_PID; else target=$BARE_TARGET ca=$OUT/bare-grpc.pem pid=$BARE_PID; fi
	thread_ticks "$pid" >"$OUT/grpc-threads-before.txt"
	t0=$(cpu_ticks "$pid")
	out=$(load "$target" "$ca" "${AUTH[$case]}" "$secs")
	t1=$(cpu_ticks "$pid")
	thread_ticks "$pid" >"$OUT/grpc-threads-after.txt"
	other=$(other_ticks "$OUT/grpc-threads-before.txt" "$OUT/grpc-threads-after.txt")
	echo "$server $case $out load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/grpc-load.log"
	n=$(echo "$out" | awk '{print $2}')
	echo "$out" | grep -q "statuses ${EXPECT[$case]}=$n\$" || log "WARNING: $server $case: not every answer was ${EXPECT[$case]}: $out"
	echo "$(echo "$out" | awk '{print $6}') $(awk -v t=$((t1 - t0)) -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}') $(awk -v t="$other" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')"
}

: >"$OUT/grpc-load.log"
log "warm-up: ${WARMUP}s per server and case"
for c in g1 g2; do
	run fake "$c" "$WARMUP" >/dev/null
	run bare "$c" "$WARMUP" >/dev/null
done
log "throughput: $ROUNDS rounds x ${DURATION}s, $IN_FLIGHT calls in flight over $CHANNELS channels, fake and bare alternating"
for r in $(seq 1 "$ROUNDS"); do
	for c in g1 g2; do
		if [ $((r % 2)) = 1 ]; then order=(fake bare); else order=(bare fake); fi
		for s in "${order[@]}"; do
			read -r rate cpu nojit < <(run "$s" "$c" "$DURATION")
			RATE[$s,$c]="${RATE[$s,$c]:-} $rate"
			CPU[$s,$c]="${CPU[$s,$c]:-} $cpu"
			NOJIT[$s,$c]="${NOJIT[$s,$c]:-} $nojit"
			log "round $r $c $s: $rate calls/s, $cpu us of server CPU per call ($nojit without the JIT compiler threads), load $(cut -d' ' -f1 /proc/loadavg)"
		done
	done
done
kill "$FAKE_PID" "$BARE_PID"
wait "$FAKE_PID" 2>/dev/null || true
wait "$BARE_PID" 2>/dev/null || true

# --- embedded start+close -------------------------------------------------------------------------
log "embedded create()+start()+close(), REST-only and with grpc(0), alternating: $START_RUNS runs each of $CYCLES warm-up + $CYCLES cycles"
: >"$OUT/grpc-start-stop.txt"
for r in $(seq 1 "$START_RUNS"); do
	for mode in false true; do
		line=$(java -cp "$CP" dev.fakeyc.bench.StartStopMain --warmup "$CYCLES" --cycles "$CYCLES" --grpc "$mode" 2>/dev/null | grep '^create+start+close')
		echo "grpc=$mode $line" | tee -a "$OUT/grpc-start-stop.txt" >&2
	done
done

# --- table ------------------------------------------------------------------------------------------
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ok() { if awk "BEGIN {exit !($1)}"; then echo yes; else echo "**no**"; fi; }
cpu_row() { # CPU|NOJIT case label: the medians of fake and bare, and bare/fake as the ratio (less CPU a call is better)
	local -n per=$1
	local f b ratio
	f=$(echo "${per[fake,$2]}" | median)
	b=$(echo "${per[bare,$2]}" | median)
	ratio=$(awk -v f="$f" -v b="$b" 'BEGIN {printf "%.2f", b/f}')
	printf '| %s, %s (ratio: bare/fake) | %s | %s | %sx | >= 0.8x | %s |\n' "${CASE_NAME[$2]%%,*}" "$3" "$f" "$b" "$ratio" "$(ok "$ratio >= 0.8")"
}
start_median() { grep "^grpc=$1 " "$OUT/grpc-start-stop.txt" | awk '{print $3}' | tr '\n' ' ' | median; }
{
	echo "# fakeyc gRPC benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo
	echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "GrpcLoadMain: $IN_FLIGHT unary calls in flight over $CHANNELS TLS channels, ${DURATION}s per run, median of $ROUNDS alternating rounds after ${WARMUP}s warm-up; both servers: $IO_THREADS event-loop threads, $SERVER_JVM."
	echo
	echo "| measure | fakeyc gRPC front | bare grpc-java | ratio | target | met |"
	echo "|---|---:|---:|---:|---|---|"
	for c in g1 g2; do
		f=$(echo "${RATE[fake,$c]}" | median)
		b=$(echo "${RATE[bare,$c]}" | median)
		ratio=$(awk -v f="$f" -v b="$b" 'BEGIN {printf "%.2f", f/b}')
		printf '| %s, calls/s | %.0f | %.0f | %sx | >= 0.8x | %s |\n' "${CASE_NAME[$c]}" "$f" "$b" "$ratio" "$(ok "$ratio >= 0.8")"
	done
	for c in g1 g2; do cpu_row CPU "$c" "server CPU us/call"; done
	for c in g1 g2; do cpu_row NOJIT "$c" "server CPU us/call without the JIT compiler threads"; done
	rest=$(start_median false)
	grpc=$(start_median true)
	diff=$(awk -v g="$grpc" -v r="$rest" 'BEGIN {printf "%.2f", g - r}')
	echo "| embedded create+start+close, median ms: REST-only / with grpc(0) (median of $START_RUNS runs of $CYCLES) | $rest / $grpc | | +$diff ms | within 5 ms | $(ok "$diff <= 5") |"
} | tee "$OUT/grpc.md"
log "written to bench/results/grpc.md (raw: bench/results/grpc-load.log, bench/results/grpc-start-stop.txt)"
