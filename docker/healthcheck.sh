#!/usr/bin/env bash
# Container health probe without curl or wget in the image (bash's /dev/tcp is enough).
#   healthcheck http PORT PATH   healthy when GET http://127.0.0.1:PORT/PATH answers 200
#   healthcheck tcp PORT         healthy when 127.0.0.1:PORT accepts a connection
set -u
mode=${1:?usage: healthcheck http PORT PATH | tcp PORT}
port=${2:?port missing}
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
if [ "$mode" = tcp ]; then
  exit 0
fi
path=${3:-/actuator/health/readiness}
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
IFS= read -r -t 5 status_line <&3 || exit 1
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "unhealthy: ${status_line%$'\r'}" >&2; exit 1 ;;
esac
