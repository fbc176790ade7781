#!/usr/bin/env bash
# A private RabbitMQ node with STOMP on 127.0.0.1, from Debian's rabbitmq-server package, for the
# relay integration tests and benchmarks (CI and developer machines). It touches nothing of a
# system RabbitMQ: its own node name, ports, data and log directory, cookie home.
#   deploy/rabbitmq/local-broker.sh start <dir> [stomp-port] [amqp-port] [dist-port]
#   deploy/rabbitmq/local-broker.sh stop <dir>
#   deploy/rabbitmq/local-broker.sh ctl <dir> <rabbitmqctl arguments...>   (e.g. stop_app, start_app)
# POLYMAKER_RABBITMQ_ERL_ARGS adds Erlang VM flags at start (e.g. "+sbwt none" for a benchmark A/B).
# start waits until the node accepts STOMP and prints the node name; stop stops it and its own epmd
# (127.0.0.1, dist port + 1); nothing is left running after stop. Docs: docs/operations.md (relay).
set -euo pipefail
cmd="${1:?start|stop}"; dir="${2:?directory for the node}"
bin=/usr/lib/rabbitmq/bin
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
env_file="$dir/node.env"

node_env() {
  export HOME="$dir" RABBITMQ_NODENAME="$1" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$2"
  export RABBITMQ_DIST_PORT="$3" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbit.pid" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} ${POLYMAKER_RABBITMQ_ERL_ARGS:-}"
  # Its own epmd on 127.0.0.1 (dist port + 1), so stop can end it without touching anyone else's.
  export ERL_EPMD_PORT=$(( $3 + 1 )) ERL_EPMD_ADDRESS=127.0.0.1
}

case "$cmd" in
start)
  stomp="${3:-61613}"; amqp="${4:-5673}"; dist="${5:-25673}"
  node="polymaker-$stomp@localhost"
  [[ -x "$bin/rabbitmq-server" ]] || { echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2; exit 1; }
  for port in "$stomp" "$amqp" "$dist" $(( dist + 1 )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port on 127.0.0.1 is taken; choose other ports (start <dir> <stomp> <amqp> <dist>)" >&2; exit 1
    fi
  done
  echo "node=$node stomp=$stomp amqp=$amqp dist=$dist" > "$env_file"
  node_env "$node" "$amqp" "$dist"
  mkdir -p "$dir/log" "$dir/mnesia"; : > "$dir/rabbitmq-env.conf"
  echo '[rabbitmq_stomp].' > "$dir/enabled_plugins"
  echo '[].' > "$dir/advanced.config"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$amqp
stomp.listeners.tcp.1 = 127.0.0.1:$stomp
loopback_users = none
log.console = false
log.file.level = warning
CONF
  started=$(date +%s%N)
  "$bin/rabbitmq-server" -detached
  "$bin/rabbitmqctl" -n "$node" wait --timeout 60 "$dir/rabbit.pid" >/dev/null
  for _ in $(seq 1 100); do
    if exec 3<>"/dev/tcp/127.0.0.1/$stomp" 2>/dev/null; then
      printf 'CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n\0' >&3
      if timeout 5 head -c 9 <&3 | grep -q CONNECTED; then
        exec 3>&-
        echo "RabbitMQ node $node: STOMP on 127.0.0.1:$stomp after $(( ($(date +%s%N) - started) / 1000000 )) ms"
        exit 0
      fi
      exec 3>&-
    fi
    sleep 0.1
  done
  echo "RabbitMQ node $node did not accept STOMP on 127.0.0.1:$stomp; log: $dir/log" >&2; exit 1 ;;
stop)
  [[ -f "$env_file" ]] || { echo "no node in $dir" >&2; exit 0; }
  . <(sed 's/ /\n/g' "$env_file")
  node_env "$node" "$amqp" "$dist"
  timeout 30 "$bin/rabbitmqctl" -n "$node" stop >/dev/null 2>&1 || true
  pid="$(cat "$dir/rabbit.pid" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"; for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  # epmd refuses to die while the node is still registered (its VM may take a moment to go): retry, or
  # the next start finds the port taken.
  for _ in $(seq 1 100); do
    epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1 || break
    epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
    sleep 0.1
  done
  echo "RabbitMQ node $node stopped" ;;
ctl)
  [[ -f "$env_file" ]] || { echo "no node in $dir" >&2; exit 1; }
  . <(sed 's/ /\n/g' "$env_file")
  node_env "$node" "$amqp" "$dist"
  shift 2
  exec "$bin/rabbitmqctl" -n "$node" "$@" ;;
*) echo "usage: $0 start|stop|ctl <dir> [stomp-port] [amqp-port] [dist-port]" >&2; exit 2 ;;
esac
