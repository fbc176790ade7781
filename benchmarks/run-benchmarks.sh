#!/usr/bin/env bash
# Builds the benchmarks jar and runs the JMH suite and the upstream load harness, writing raw
# results, ratio tables and the machine's load into benchmarks/results/<UTC time>/.
# Usage: benchmarks/run-benchmarks.sh [jmh|paired|load|fanout|latency|relay|all] (default all). Run it alone: 2 cores
# (on a shared machine: /work/mvn-exclusive benchmarks/run-benchmarks.sh latency).
# relay (not part of all) starts a private RabbitMQ node (deploy/rabbitmq/local-broker.sh) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
out="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
modules=benchmarks
if [[ "$what" == all || "$what" == fanout || "$what" == latency || "$what" == relay ]]; then
  modules=benchmarks,market-data-service
fi
./mvnw -B -q -o -pl "$modules" -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
{
  echo "date: $(date -u)"; echo "cores: $(nproc)"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"; java -version 2>&1 | head -1
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
if [[ "$what" == all || "$what" == jmh ]]; then
  # Rounds at different moments instead of one long run: on a shared machine the load drifts, and
  # the spread of a ratio over rounds shows how much (JMH runs subject and baseline one after the other).
  rounds="${JMH_ROUNDS:-3}"
  files=()
  for ((r = 1; r <= rounds; r++)); do
    java -jar "$jar" -f 1 -t 1 -wi 3 -w 1 -i 5 -r 1 -rf json -rff "$out/jmh-$r.json" | tee "$out/jmh-$r.txt"
    files+=("$out/jmh-$r.json")
  done
  java -cp "$jar" dev.polymaker.benchmarks.report.JmhRatios "${files[@]}" --out="$out/jmh-ratios.md"
  echo "load after jmh: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
if [[ "$what" == all || "$what" == paired ]]; then
  # The same comparisons interleaved in time (see PairedRatioHarness): each in its own JVM, several rounds.
  for ((r = 1; r <= ${PAIRED_ROUNDS:-3}; r++)); do
    for only in FrameParseBenchmark.priceChange FrameParseBenchmark.bookArray BookApplyBenchmark.priceChange; do
      java -cp "$jar" dev.polymaker.benchmarks.paired.PairedRatioHarness --only="$only" --pairs=200 \
          --slice-ms=20 --warmup-s=3 --csv="$out/paired.csv" | tee -a "$out/paired.txt"
    done
  done
  java -cp "$jar" dev.polymaker.benchmarks.paired.PairedRatioHarness --summarise="$out/paired.csv" \
      | tee "$out/paired-summary.txt"
  echo "load after paired: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
if [[ "$what" == all || "$what" == load ]]; then
  java -cp "$jar" dev.polymaker.benchmarks.upstream.UpstreamLoadHarness --rates=5000,20000,max --runs=3 \
      --warmup=3 --seconds=10 --markets=50 --levels=10 --out="$out/upstream.md" | tee "$out/upstream.txt"
  echo "load after load harness: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
if [[ "$what" == all || "$what" == fanout ]]; then
  java -cp "$jar" dev.polymaker.benchmarks.fanout.FanOutHarness \
      --mds-jar=market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar --clients=1,10,50,100 \
      --rate=2000 --markets=50 --runs=3 --warmup=3 --seconds=10 --out="$out/fanout.md" | tee "$out/fanout.txt"
  echo "load after fan-out: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
if [[ "$what" == all || "$what" == latency ]]; then
  # Tick latency of the service against a raw broadcast of the same frames, K = 1, 4, 16 (about 6 minutes).
  # LATENCY_ARGS adds options, e.g. LATENCY_ARGS='--mds-jvm=-XX:StartFlightRecording=filename=mds.jfr'.
  java -cp "$jar" dev.polymaker.benchmarks.latency.LatencyHarness \
      --mds-jar=market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar --consumers=1,4,16 \
      --rate=2000 --markets=100 --runs=2 --warmup=3 --seconds=5 ${LATENCY_ARGS:-} --out="$out/latency.md" \
      | tee "$out/latency.txt"
  echo "load after latency: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
if [[ "$what" == relay ]]; then
  # In-process broker, the node-queue relay and the naive relay (Spring's, one queue per subscription; last, so the
  # backlog it leaves in RabbitMQ does not weigh on the others), in one
  # harness run against one simulator. Generator 3500 steps/s ~ 2000 ticks/s published (latency point);
  # 40000 steps/s saturates the chain (throughput point). K = 4 consumers, each subscribed to all 100 tokens.
  rabbit_dir="$(mktemp -d /tmp/polymaker-bench-rabbitmq.XXXXXX)"
  trap 'deploy/rabbitmq/local-broker.sh stop "$rabbit_dir" >/dev/null 2>&1 || true; rm -rf "$rabbit_dir"' EXIT
  deploy/rabbitmq/local-broker.sh start "$rabbit_dir" "${BENCH_RABBITMQ_STOMP_PORT:-61623}" \
      "${BENCH_RABBITMQ_AMQP_PORT:-5683}" "${BENCH_RABBITMQ_DIST_PORT:-25683}"
  java -cp "$jar" dev.polymaker.benchmarks.fanout.FanOutHarness \
      --mds-jar=market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar --clients=4 \
      --modes=in-process,node-queue,per-subscription --broker="127.0.0.1:${BENCH_RABBITMQ_STOMP_PORT:-61623}" \
      --rates="${RELAY_RATES:-3500,40000}" --markets=50 --runs="${RELAY_RUNS:-2}" --warmup=3 --seconds=10 \
      --out="$out/relay.md" | tee "$out/relay.txt"
  echo "load after relay: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi
echo "results in $out"
