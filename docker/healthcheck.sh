#!/bin/bash
# Docker's HEALTHCHECK: healthy when GET /_fakeyc/health answers 200 on the container's own loopback
# (the control API always answers loopback clients). bash's /dev/tcp, so the image needs no curl.
exec 3<>"/dev/tcp/127.0.0.1/${FAKEYC_PORT:-8080}" || exit 1
printf 'GET /_fakeyc/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ "$status" == HTTP/1.?" 200 "* ]]
