#!/usr/bin/env bash
# The container beside the bare jar: image size, and start-to-first-answer time — from the command
# that starts it (`docker run -d ...` / `java -jar ...`) to the first HTTP answer on the published
# port, polled every 10 ms with curl, the same way for both. Median of --runs (default 5).
#
#   bench/container.sh [--runs N] [--image fakeyc/fakeyc:0.1.0-SNAPSHOT]
#
# Needs a running Docker daemon with the image built (mvn -B verify builds it when Docker answers,
# or see README "Container"), the standalone jar (mvn -B -q package -DskipTests), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)"
image="fakeyc/fakeyc:$version"
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --image) image="$2"; shift 2 ;;
    *) echo "usage: bench/container.sh [--runs N] [--image NAME]" >&2; exit 2 ;;
  esac
done
jar="fake-server/target/fakeyc-server-$version-standalone.jar"
[[ -f "$jar" ]] || { echo "container.sh: $jar is missing; run mvn -B -q package -DskipTests" >&2; exit 2; }
docker image inspect "$image" >/dev/null 2>&1 || { echo "container.sh: image $image is missing; build it (README \"Container\")" >&2; exit 2; }

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_answer() { # port deadline_ms -> prints ms of the first answer
  local port=$1
  until curl -s -o /dev/null --max-time 1 -X POST "http://127.0.0.1:$port/workflows/v1/execution/start"; do
    (($(now_ms) < $2)) || { echo "no answer on port $port" >&2; return 1; }
    sleep 0.01
  done
  now_ms
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

container_ms=()
for _ in $(seq 1 "$runs"); do
  port=$(free_port)
  t0=$(now_ms)
  id=$(docker run -d -p "127.0.0.1:$port:8080" "$image")
  t1=$(wait_answer "$port" $((t0 + 60000)))
  container_ms+=($((t1 - t0)))
  docker rm -f "$id" >/dev/null
done

jar_ms=()
for _ in $(seq 1 "$runs"); do
  port=$(free_port)
  t0=$(now_ms)
  java -jar "$jar" --port "$port" --quiet >/dev/null 2>&1 &
  pid=$!
  t1=$(wait_answer "$port" $((t0 + 60000)))
  jar_ms+=($((t1 - t0)))
  kill "$pid"; wait "$pid" || true
done

# the same jar with the JVM options the image sets (JAVA_OPTS in docker/Dockerfile), to tell the
# container's own cost from the JVM flags' effect
opts="$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" | sed -n 's/^JAVA_OPTS=//p')"
opts_ms=()
for _ in $(seq 1 "$runs"); do
  port=$(free_port)
  t0=$(now_ms)
  # shellcheck disable=SC2086
  java $opts -jar "$jar" --port "$port" --quiet >/dev/null 2>&1 &
  pid=$!
  t1=$(wait_answer "$port" $((t0 + 60000)))
  opts_ms+=($((t1 - t0)))
  kill "$pid"; wait "$pid" || true
done

image_bytes=$(docker image inspect -f '{{.Size}}' "$image")
jar_bytes=$(stat -c %s "$jar")
echo "image $image: $((image_bytes / 1000000)) MB ($(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.version"}}' "$image"), base $(docker history --no-trunc -q "$image" | tail -1 | cut -c1-19))"
echo "standalone jar: $((jar_bytes / 1000)) kB"
echo "start to first answer, median of $runs: container $(printf '%s\n' "${container_ms[@]}" | median) ms (${container_ms[*]}); bare jar $(printf '%s\n' "${jar_ms[@]}" | median) ms (${jar_ms[*]}); bare jar with the image's JAVA_OPTS ($opts) $(printf '%s\n' "${opts_ms[@]}" | median) ms (${opts_ms[*]})"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
