#!/usr/bin/env bash
# polymaker demo: the exchange simulator, market-data-service and two trading-service instances
# (paper orders) on this machine, no Docker. Ctrl-C stops everything.
#
#   ./demo.sh                  run until Ctrl-C
#   ./demo.sh --duration 120   run headless for 120 s, then stop (tests, CI)
#   ./demo.sh --no-build       fail instead of building missing jars
#
# Ports and settings come from the environment (defaults in brackets):
#   SIM_PORT [8090] SIM_WS_PORT [8091] MDS_PORT [8080] TRADING_A_PORT [8081] TRADING_B_PORT [8082]
#   DEMO_MARKETS [6] DEMO_RATE [20] DEMO_SEED [42] DEMO_READY_TIMEOUT [180] DEMO_DIR [./.demo]
#   DEMO_ADMIN_TOKEN [random] DEMO_JAVA_OPTS [small heap, serial GC] JAVA [java, or $JAVA_HOME/bin/java]
# Logs: $DEMO_DIR/logs/<service>.log. Walkthrough: docs/demo.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

SIM_PORT=${SIM_PORT:-8090}
SIM_WS_PORT=${SIM_WS_PORT:-8091}
MDS_PORT=${MDS_PORT:-8080}
TRADING_A_PORT=${TRADING_A_PORT:-8081}
TRADING_B_PORT=${TRADING_B_PORT:-8082}
DEMO_MARKETS=${DEMO_MARKETS:-6}
DEMO_RATE=${DEMO_RATE:-20}
DEMO_SEED=${DEMO_SEED:-42}
DEMO_READY_TIMEOUT=${DEMO_READY_TIMEOUT:-180}
DEMO_DIR=${DEMO_DIR:-$ROOT/.demo}
DEMO_JAVA_OPTS=${DEMO_JAVA_OPTS:--Xms32m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}
if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi
fi

duration=""
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=${2:?--duration needs a number of seconds}; shift 2 ;;
    --duration=*) duration=${1#*=}; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$duration" ] && ! [[ "$duration" =~ ^[0-9]+$ ]]; then
  echo "demo.sh: --duration wants whole seconds, got '$duration'" >&2; exit 2
fi

LOG_DIR=$DEMO_DIR/logs
TOKEN_DIR=$DEMO_DIR/tokens
PID_FILE=$DEMO_DIR/pids
DEMO_ADMIN_TOKEN=${DEMO_ADMIN_TOKEN:-demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}

say() { printf '[demo %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '[demo %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# --- processes: each service in its own process group, so stopping it stops everything it started.
names=()
pids=()
stopping=false

stop_all() {
  local status=$?
  $stopping && return
  stopping=true
  trap '' INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping ${names[*]}"
    local i
    # Reverse start order: traders first (they cancel resting orders), the simulator last.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
      kill -TERM -- "-${pids[$i]}" 2>/dev/null || kill -TERM "${pids[$i]}" 2>/dev/null || true
      # A service frozen with kill -STOP (the failover walkthrough) only sees SIGTERM once continued.
      kill -CONT -- "-${pids[$i]}" 2>/dev/null || true
    done
    local deadline=$((SECONDS + 30))
    for ((i = 0; i < ${#pids[@]}; i++)); do
      while kill -0 "${pids[$i]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
      if kill -0 "${pids[$i]}" 2>/dev/null; then
        say "${names[$i]} (pid ${pids[$i]}) ignored SIGTERM for 30 s: killing it"
        kill -KILL -- "-${pids[$i]}" 2>/dev/null || kill -KILL "${pids[$i]}" 2>/dev/null || true
      fi
    done
    wait 2>/dev/null || true
    rm -f "$PID_FILE"
    say "all stopped; logs in $LOG_DIR"
  fi
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() {
  local name=$1; shift
  local log=$LOG_DIR/$name.log
  say "starting $name (log: $log)"
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" >"$log" 2>&1 </dev/null &
  else
    ( set -m; exec "$@" ) >"$log" 2>&1 </dev/null &
  fi
  names+=("$name")
  pids+=("$!")
  echo "$name $!" >>"$PID_FILE"
}

# Exits with the log tail of any service that died: a demo that hides a crash teaches the wrong thing.
check_alive() {
  local i
  for ((i = 0; i < ${#pids[@]}; i++)); do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      local code=0
      wait "${pids[$i]}" 2>/dev/null || code=$?
      echo "---- last lines of $LOG_DIR/${names[$i]}.log ----" >&2
      tail -n 40 "$LOG_DIR/${names[$i]}.log" >&2 || true
      fail "${names[$i]} exited (status $code)"
    fi
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { "$ROOT/docker/healthcheck.sh" http "$1" "$2" 2>/dev/null; }

# GET a small JSON document (no curl needed).
http_get() {
  local port=$1 path=$2 body
  exec 4<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" "$port" >&4
  body=$(timeout 5 cat <&4 || true)
  exec 4<&-
  printf '%s' "${body#*$'\r\n\r\n'}"
}

# First (or, with json_last, last) value of a field in a JSON text: enough for the status line.
json_field() { grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}[A-Za-z0-9_.-]*" | head -n1 | sed 's/.*:[[:space:]]*"\{0,1\}//'; }
json_last() { grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}[A-Za-z0-9_.-]*" | tail -n1 | sed 's/.*:[[:space:]]*"\{0,1\}//'; }

# --- jars -------------------------------------------------------------------------------------
# The runnable jar: <module>-<version>-exec.jar when the module also builds a plain jar, else the one jar.
find_jar() {
  local jars
  jars=$(ls "$ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -e '-sources.jar$' -e '-javadoc.jar$' -e '-tests.jar$' || true)
  grep -e '-exec.jar$' <<<"$jars" | head -n1 || true
  grep -q -e '-exec.jar$' <<<"$jars" || head -n1 <<<"$jars"
}
SIM_JAR=$(find_jar exchange-simulator)
MDS_JAR=$(find_jar market-data-service)
TRADING_JAR=$(find_jar trading-service)
if [ -z "$SIM_JAR" ] || [ -z "$MDS_JAR" ] || [ -z "$TRADING_JAR" ]; then
  $build || fail "jars missing under */target and --no-build given: run ./mvnw -B -DskipTests package"
  say "building the jars once: ./mvnw -B -q -DskipTests package"
  ./mvnw -B -q -DskipTests package
  SIM_JAR=$(find_jar exchange-simulator)
  MDS_JAR=$(find_jar market-data-service)
  TRADING_JAR=$(find_jar trading-service)
  [ -n "$SIM_JAR" ] && [ -n "$MDS_JAR" ] && [ -n "$TRADING_JAR" ] || fail "build finished but a jar is still missing"
fi
"$JAVA" -version >/dev/null 2>&1 || fail "no java at '$JAVA': install a JDK 17+ or set JAVA_HOME"

for spec in "SIM_PORT:$SIM_PORT" "SIM_WS_PORT:$SIM_WS_PORT" "MDS_PORT:$MDS_PORT" "TRADING_A_PORT:$TRADING_A_PORT" "TRADING_B_PORT:$TRADING_B_PORT"; do
  if port_in_use "${spec#*:}"; then
    fail "port ${spec#*:} is already in use: stop what listens there or set ${spec%%:*}=<free port>"
  fi
done

mkdir -p "$LOG_DIR" "$TOKEN_DIR"
rm -f "$LOG_DIR"/*.log "$TOKEN_DIR"/*.json "$PID_FILE"

# --- 1. the exchange simulator: markets that move, on localhost -------------------------------
# shellcheck disable=SC2086 # DEMO_JAVA_OPTS is a list of JVM flags
start exchange-simulator "$JAVA" $DEMO_JAVA_OPTS -jar "$SIM_JAR" \
  --server.port="$SIM_PORT" --ws.port="$SIM_WS_PORT" \
  --markets="$DEMO_MARKETS" --rate="$DEMO_RATE" --seed="$DEMO_SEED" \
  --token-file="$TOKEN_DIR/tokens_from_copytrade.json"

deadline=$((SECONDS + 60))
until [ -s "$TOKEN_DIR/tokens_from_copytrade.json" ] && port_in_use "$SIM_WS_PORT"; do
  check_alive
  [ $SECONDS -lt $deadline ] || fail "simulator wrote no token file / opened no port $SIM_WS_PORT in 60 s"
  sleep 0.5
done
TOKENS_A=$("$ROOT/docker/split-tokens.sh" "$TOKEN_DIR/tokens_from_copytrade.json" 1 2)
TOKENS_B=$("$ROOT/docker/split-tokens.sh" "$TOKEN_DIR/tokens_from_copytrade.json" 2 2)
count() { tr ',' '\n' <<<"$1" | grep -c .; }
say "simulator up: $(count "$TOKENS_A,$TOKENS_B") tokens; trading-a gets $(count "$TOKENS_A"), trading-b $(count "$TOKENS_B")"

# --- 2. market-data-service: the one upstream connection --------------------------------------
# shellcheck disable=SC2086
start market-data-service "$JAVA" $DEMO_JAVA_OPTS -jar "$MDS_JAR" \
  --server.port="$MDS_PORT" \
  --marketdata.upstream.url="ws://127.0.0.1:$SIM_WS_PORT/ws/market" \
  --marketdata.upstream.rest-url="http://127.0.0.1:$SIM_PORT" \
  --marketdata.token-file="$TOKEN_DIR/tokens_from_copytrade.json" \
  --marketdata.admin.token="$DEMO_ADMIN_TOKEN"

# --- 3. two trading instances, disjoint tokens, paper orders ----------------------------------
# Started once market-data-service is ready, so they begin on the shared feed (SHARED) instead of
# falling back to DIRECT first and returning after trading.feed.return-after.
wait_ready() {
  local name=$1 port=$2
  until http_ok "$port" /actuator/health/readiness; do
    check_alive
    [ $SECONDS -lt $deadline ] || fail "$name not ready after ${DEMO_READY_TIMEOUT} s: see $LOG_DIR/$name.log and http://127.0.0.1:$port/actuator/health"
    sleep 1
  done
  say "$name ready"
}
start_trading() {
  local name=$1 port=$2 tokens=$3
  # shellcheck disable=SC2086
  start "$name" "$JAVA" $DEMO_JAVA_OPTS -jar "$TRADING_JAR" \
    --server.port="$port" \
    --trading.tokens="$tokens" \
    --trading.market-data.url="ws://127.0.0.1:$MDS_PORT/ws" \
    --trading.direct.url="ws://127.0.0.1:$SIM_WS_PORT/ws/market" \
    --trading.direct.rest-url="http://127.0.0.1:$SIM_PORT" \
    --trading.clob.url="http://127.0.0.1:$SIM_PORT" \
    --trading.orders.mode=paper \
    --trading.admin.token="$DEMO_ADMIN_TOKEN"
}
deadline=$((SECONDS + DEMO_READY_TIMEOUT))
wait_ready market-data-service "$MDS_PORT"
start_trading trading-a "$TRADING_A_PORT" "$TOKENS_A"
start_trading trading-b "$TRADING_B_PORT" "$TOKENS_B"

# --- 4. wait for readiness ---------------------------------------------------------------------
wait_ready trading-a "$TRADING_A_PORT"
wait_ready trading-b "$TRADING_B_PORT"

mds_pid() { echo "${pids[1]}"; }
dashboard="(none: no page at /)"
if http_ok "$MDS_PORT" /; then dashboard="http://127.0.0.1:$MDS_PORT/"; fi

cat <<EOF

polymaker demo is up.                                        (stop: Ctrl-C; logs: $LOG_DIR)

  exchange simulator     REST http://127.0.0.1:$SIM_PORT      market channel ws://127.0.0.1:$SIM_WS_PORT/ws/market
  market-data-service    dashboard   $dashboard
                         health      http://127.0.0.1:$MDS_PORT/actuator/health
                         ticks       http://127.0.0.1:$MDS_PORT/api/ticks
                         tokens      http://127.0.0.1:$MDS_PORT/api/subscriptions
                         metrics     http://127.0.0.1:$MDS_PORT/actuator/prometheus
  trading-a              status      http://127.0.0.1:$TRADING_A_PORT/api/status
                         orders      http://127.0.0.1:$TRADING_A_PORT/api/orders
                         health      http://127.0.0.1:$TRADING_A_PORT/actuator/health
                         metrics     http://127.0.0.1:$TRADING_A_PORT/actuator/prometheus
  trading-b              status      http://127.0.0.1:$TRADING_B_PORT/api/status
                         orders      http://127.0.0.1:$TRADING_B_PORT/api/orders
                         health      http://127.0.0.1:$TRADING_B_PORT/actuator/health
                         metrics     http://127.0.0.1:$TRADING_B_PORT/actuator/prometheus
  admin token            $DEMO_ADMIN_TOKEN
                         halt:   curl -X POST -H 'Authorization: Bearer $DEMO_ADMIN_TOKEN' http://127.0.0.1:$TRADING_A_PORT/api/halt
                         resume: curl -X POST -H 'Authorization: Bearer $DEMO_ADMIN_TOKEN' http://127.0.0.1:$TRADING_A_PORT/api/resume

What you are looking at:
  The simulator plays Polymarket: $DEMO_MARKETS markets whose books move ~$DEMO_RATE times a second.
  market-data-service holds the ONE upstream connection, numbers every tick (epoch + seq) and
  fans them out over STOMP. Each trading instance owns half of the tokens, takes the shared feed
  (mode SHARED), and places paper orders when its strategy sees a move.
  Failover: freeze market-data-service with  kill -STOP $(mds_pid)  and both traders switch to
  their DIRECT feed within seconds (trading.feed.stale-after); resume it with  kill -CONT $(mds_pid)
  and they return to SHARED after it has been healthy for 30 s (trading.feed.return-after).
  Every 30 s this script prints each instance's health and feed mode; docs/demo.md walks through it.

EOF

# --- 5. run: report every 30 s; stop on Ctrl-C, on --duration, or when a service dies -----------
summary() {
  local line="" spec mode health
  health=$(http_get "$MDS_PORT" /actuator/health 2>/dev/null || true)
  line="market-data-service $(json_field status <<<"$health")"
  local orders status
  for spec in "trading-a:$TRADING_A_PORT" "trading-b:$TRADING_B_PORT"; do
    health=$(http_get "${spec#*:}" /actuator/health 2>/dev/null || true)
    mode=$(json_field mode <<<"$health")
    orders=$(http_get "${spec#*:}" /api/orders 2>/dev/null | grep -o '"orderId"' | wc -l || true)
    # The top-level realisedPnl is the last one in /api/status (per-token ones come first).
    status=$(http_get "${spec#*:}" /api/status 2>/dev/null || true)
    line="$line | ${spec%%:*} $(json_field status <<<"$health") mode=${mode:-?} orders=${orders:-?} pnl=$(json_last realisedPnl <<<"$status")"
  done
  say "$line"
}
say "running${duration:+ for $duration s}"
end=$((SECONDS + ${duration:-0}))
next_summary=$((SECONDS + 30))
while [ -z "$duration" ] || [ $SECONDS -lt $end ]; do
  check_alive
  if [ $SECONDS -ge $next_summary ]; then
    summary || true
    next_summary=$((SECONDS + 30))
  fi
  sleep 1 &
  wait $! 2>/dev/null || true
done
say "--duration $duration s reached"
exit 0
