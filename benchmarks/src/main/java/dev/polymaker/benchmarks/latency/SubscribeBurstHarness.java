package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.service.Poll;
import dev.polymaker.benchmarks.service.ServiceProcess;
import dev.polymaker.benchmarks.service.ShippedJvmFlags;
import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import dev.polymaker.simulator.ClientFrame;
import dev.polymaker.simulator.ConnectionInfo;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many tokens at once (issue 10's 5,000-token goal): a fresh market-data-service process with no
 * configured tokens; STOMP consumers (at most 500 subscriptions each, the service's default limit)
 * subscribe every token of a large simulated exchange; measured: time from the first SUBSCRIBE
 * until every token is LIVE, the subscribe frames the exchange received, and the service's RSS
 * once everything is LIVE and again after a further quiet period.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.polymaker.benchmarks.latency.SubscribeBurstHarness
 * --mds-jar=... --markets=2500 --out=burst.md}; the service runs with the shipped JVM flags
 * ({@link ShippedJvmFlags}) unless {@code --mds-base-jvm=<flags>} replaces them; {@code --mds-jvm} adds some.
 */
public final class SubscribeBurstHarness {

    private static final Logger log = LoggerFactory.getLogger(SubscribeBurstHarness.class);

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("mds-jar",
                "market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar", "markets", "2500",
                "per-session", "500", "settle", "10", "mds-jvm", "", "mds-base-jvm", ShippedJvmFlags.SHIPPED));
        for (String arg : args) {
            o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        List<String> jvm = ShippedJvmFlags.forOptions(o.get("mds-base-jvm"), o.get("mds-jvm"));
        log.info("market-data-service JVM flags {}", jvm);
        MicrosecondClock clock = new MicrosecondClock();
        int markets = Integer.parseInt(o.get("markets"));
        int perSession = Integer.parseInt(o.get("per-session"));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(markets)
                .levelsPerSide(5).seed(42).build());
             ServiceProcess mds = ServiceProcess.start(List.of("-jar", o.get("mds-jar")), jvm, sim.marketUrl(),
                     sim.restUrl(), List.of(), markets * 2, List.of())) {
            List<String> tokens = sim.tokenIds();
            awaitUp(mds);
            long rssIdle = ProcessCpu.rssMegabytes(mds.pid());
            List<StompTickConsumer> consumers = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int from = 0; from < tokens.size(); from += perSession) {
                    StompTickConsumer consumer = new StompTickConsumer(clock);
                    consumers.add(consumer);
                    consumer.connect(mds.stompUrl(), tokens.subList(from, Math.min(tokens.size(), from + perSession)));
                }
                double subscribedAfter = (System.nanoTime() - start) / 1e9;
                Poll.until(Duration.ofSeconds(120), Duration.ofMillis(50), () -> mds.liveTokens() >= tokens.size());
                long live = mds.liveTokens();
                double liveAfter = (System.nanoTime() - start) / 1e9;
                long rssLive = ProcessCpu.rssMegabytes(mds.pid());
                Thread.sleep(Long.parseLong(o.get("settle")) * 1000L);
                long rssSettled = ProcessCpu.rssMegabytes(mds.pid());
                long frames = sim.connections().stream().map(ConnectionInfo::received).flatMap(List::stream)
                        .map(ClientFrame::text).filter(t -> t.contains("assets_ids")).count();
                long logLines = Files.readAllLines(mds.log()).stream()
                        .filter(l -> l.contains("subscribing ") && l.contains("upstream")).count();
                String report = String.format(Locale.ROOT, "| tokens | STOMP sessions | all SUBSCRIBEs sent after "
                                + "| all LIVE after (from the first SUBSCRIBE) | LIVE | subscribe frames at the exchange "
                                + "| 'subscribing' log lines | RSS idle / all LIVE / after %s s (MB) |%n"
                                + "|---|---|---|---|---|---|---|---|%n| %d | %d | %.2f s | %.2f s | %d | %d | %d | %d / %d / %d |%n"
                                + "%nmarket-data-service JVM flags: `%s`%n",
                        o.get("settle"), tokens.size(), consumers.size(), subscribedAfter, liveAfter, live, frames,
                        logLines, rssIdle, rssLive, rssSettled, String.join(" ", jvm));
                log.info("\n{}", report);
                if (o.get("out") != null) {
                    Files.writeString(Path.of(o.get("out")), report);
                }
            } finally {
                consumers.forEach(StompTickConsumer::close);
            }
        }
    }

    private static void awaitUp(ServiceProcess mds) throws Exception {
        if (!Poll.until(Duration.ofSeconds(120), Duration.ofMillis(100), () -> mds.liveTokens() >= 0)) {
            throw new IllegalStateException("market-data-service did not come up; see " + mds.log());
        }
    }
}
