#!/bin/sh
# The image's entrypoint: maps the FAKEYC_* environment variables to the standalone jar's options,
# then replaces itself with the JVM (exec), so SIGTERM from `docker stop` reaches fakeyc directly and
# it exits 0. Arguments given to `docker run IMAGE ...` are passed to the jar after the mapped ones
# (e.g. `docker run fakeyc/fakeyc --help`).
#
#   FAKEYC_HOST                  --host (default 0.0.0.0: every interface of the container)
#   FAKEYC_PORT                  --port (default 8080)
#   FAKEYC_CONFIG                --config: a config file inside the container; default
#                                /etc/fakeyc/cloud.json when that file exists (mount it there)
#   FAKEYC_CONFIG_JSON           the config document itself, written to a file and passed as --config
#   FAKEYC_WATCH                 true: --watch (reload the config file when it changes)
#   FAKEYC_QUIET                 true: --quiet (no log line per request)
#   FAKEYC_ALLOW_REMOTE_CONTROL  true: --allow-remote-control (the control API answers clients
#                                outside the container, e.g. the host through a published port)
#   FAKEYC_GRPC_PORT             --grpc-port (default unset: no gRPC front)
#   FAKEYC_GRPC_CA_FILE          --grpc-ca-file: where the gRPC front's certificate (PEM) is written
#   JAVA_OPTS                    options for the JVM
set -eu

fail() {
  echo "fakeyc: $*" >&2
  exit 2
}

# true/false (also 1/0, yes/no); anything else stops the container with exit code 2.
flag() {
  name=$1
  eval "value=\${$name:-false}"
  case "$value" in
    true | TRUE | True | 1 | yes | YES) return 0 ;;
    false | FALSE | False | 0 | no | NO | "") return 1 ;;
    *) fail "$name='$value' is not a boolean; set it to true or false" ;;
  esac
}

# Whether the arguments of `docker run` already give an option (then the variable does not).
given() {
  option=$1
  shift
  for arg in "$@"; do
    case "$arg" in "$option" | "$option="*) return 0 ;; esac
  done
  return 1
}

mapped=""
add() { mapped="$mapped $1"; }

given --host "$@" || add "--host ${FAKEYC_HOST:-0.0.0.0}"
given --port "$@" || add "--port ${FAKEYC_PORT:-8080}"
case "${FAKEYC_HOST:-0.0.0.0}${FAKEYC_PORT:-8080}" in
  *" "*) fail "FAKEYC_HOST and FAKEYC_PORT must not contain spaces" ;;
esac

if ! given --config "$@"; then
  if [ -n "${FAKEYC_CONFIG_JSON:-}" ]; then
    [ -z "${FAKEYC_CONFIG:-}" ] || fail "set FAKEYC_CONFIG (a file) or FAKEYC_CONFIG_JSON (the document), not both"
    dir=$(mktemp -d)
    config="$dir/FAKEYC_CONFIG_JSON"
    printf '%s' "$FAKEYC_CONFIG_JSON" >"$config"
  elif [ -n "${FAKEYC_CONFIG:-}" ]; then
    config=$FAKEYC_CONFIG
    [ -f "$config" ] || fail "FAKEYC_CONFIG=$config: no such file in the container; mount it, e.g. docker run -v \"\$PWD/cloud.json:$config:ro\" ..."
  elif [ -f /etc/fakeyc/cloud.json ]; then
    config=/etc/fakeyc/cloud.json
  else
    config=""
  fi
  case "$config" in *" "*) fail "the config file's path must not contain spaces: $config" ;; esac
  [ -z "$config" ] || add "--config $config"
fi

if [ -n "${FAKEYC_GRPC_PORT:-}" ] && ! given --grpc-port "$@"; then
  case "$FAKEYC_GRPC_PORT" in *" "*) fail "FAKEYC_GRPC_PORT must not contain spaces" ;; esac
  add "--grpc-port $FAKEYC_GRPC_PORT"
fi
if [ -n "${FAKEYC_GRPC_CA_FILE:-}" ] && ! given --grpc-ca-file "$@"; then
  case "$FAKEYC_GRPC_CA_FILE" in *" "*) fail "FAKEYC_GRPC_CA_FILE must not contain spaces: $FAKEYC_GRPC_CA_FILE" ;; esac
  add "--grpc-ca-file $FAKEYC_GRPC_CA_FILE"
fi

flag FAKEYC_WATCH && add --watch
flag FAKEYC_QUIET && add --quiet
flag FAKEYC_ALLOW_REMOTE_CONTROL && add --allow-remote-control

# JAVA_OPTS and $mapped are split into words on purpose; "$@" keeps the user's arguments whole.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/fakeyc/fakeyc.jar $mapped "$@"
