#!/usr/bin/env bash
# bench/ab.sh [ROUNDS] [SECONDS]: the fake before and after a change, side by side, wrk alternating per case.
#
# BEFORE is a tree built like this one (e.g. `git archive main | tar -x -C target/before` and
# `mvn -B -q -o -f target/before/bench/pom.xml package -DskipTests`); this tree's harness must be built too.
# Both fakes run at once (ports 28493 before, 28494 after; PORT_BEFORE/PORT_AFTER to change), with
# SERVER_JVM (the brief's "-Xmx48m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m" by default). After a 4 s
# warm-up per fake and case, ROUNDS (3) rounds of SECONDS (8) s per case, the order flipped each round. Each line:
# round, case, b(efore)/a(fter), req/s, server CPU µs per request (/proc/PID/stat), bytes allocated per request
# (from `jstat -gc`: young collections x eden size + eden growth, over the requests), "user" and its µs of user CPU
# per request (/proc/PID/stat field 14: the fake's own code, the JIT and the collector, not the kernel's networking),
# "gc" and the collector's µs per request (jstat's GCT), and the load average.
# CASES (all three by default) picks cases, e.g. CASES=refused.
# On a shared machine read the CPU, user and allocation columns, and the median over rounds.
set -uo pipefail
ROUNDS=${1:-3}
SECS=${2:-8}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BEFORE=${BEFORE:-$ROOT/target/before}
PB=${PORT_BEFORE:-28493}
PA=${PORT_AFTER:-28494}
CASES=${CASES:-bearer-get apikey-post refused} # which of the cases, in this order
OUT=$ROOT/bench/results/ab
mkdir -p "$OUT"
JVM=${SERVER_JVM:--Xmx48m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m}
cp_of() { echo "$(ls "$1"/bench/harness/target/fakeyc-bench-*.jar):$(cat "$1"/bench/harness/target/classpath.txt)"; }
# shellcheck disable=SC2086
java $JVM -cp "$(cp_of "$BEFORE")" dev.fakeyc.bench.FakeServerMain --port "$PB" --io-threads 2 --credentials "$OUT/b.env" >"$OUT/b.log" 2>&1 &
BP=$!
# shellcheck disable=SC2086
java $JVM -cp "$(cp_of "$ROOT")" dev.fakeyc.bench.FakeServerMain --port "$PA" --io-threads 2 --credentials "$OUT/a.env" >"$OUT/a.log" 2>&1 &
AP=$!
trap 'kill $BP $AP 2>/dev/null; wait $BP $AP 2>/dev/null' EXIT
for _ in $(seq 1 600); do
	grep -q 'listening on' "$OUT/b.log" && grep -q 'listening on' "$OUT/a.log" && break
	sleep 0.05
done
one() { # b|a case seconds -> "req/s µs-per-request bytes-per-request user µs gc µs"
	local port pid
	if [ "$1" = b ]; then port=$PB; pid=$BP; else port=$PA; pid=$AP; fi
	(
		# shellcheck disable=SC1090
		. "$OUT/$1.env"
		export TOKEN API_KEY
		g0=$(jstat -gc "$pid" | tail -1)
		t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
		u0=$(awk '{print $14}' "/proc/$pid/stat")
		o=$(wrk -t1 -c32 -d"$3"s -s "bench/wrk/$2.lua" "http://127.0.0.1:$port/")
		t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
		u1=$(awk '{print $14}' "/proc/$pid/stat")
		g1=$(jstat -gc "$pid" | tail -1)
		n=$(echo "$o" | awk '/requests in/ {print $1}')
		alloc=$(echo "$g0 $g1" | awk -v n="$n" '{printf "%.0f", (($32 - $13) * $5 + $25 - $6) * 1024 / n}')
		gc=$(echo "$g0 $g1" | awk -v n="$n" '{printf "%.3f", ($38 - $19) * 1e6 / n}')
		per() { awk -v t="$1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}'; }
		echo "$(echo "$o" | awk '/Requests\/sec/ {printf "%.0f", $2}') $(per $((t1 - t0))) ${alloc}B user $(per $((u1 - u0))) gc $gc"
	)
}
for c in $CASES; do
	one b $c 4 >/dev/null
	one a $c 4 >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
	for c in $CASES; do
		if [ $((r % 2)) = 1 ]; then order="b a"; else order="a b"; fi
		for s in $order; do
			echo "$r $c $s $(one $s $c "$SECS") load $(cut -d' ' -f1 /proc/loadavg)"
		done
	done
done | tee "$OUT/ab-$(date -u +%H%M).txt"
