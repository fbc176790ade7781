package dev.polymaker.benchmarks.service;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * market-data-service as its own process: started from its exec jar (or, for the smoke test, from
 * a class path) against the simulator, on a random loopback port; waits until every token is
 * LIVE; reads its counters from {@code /actuator/prometheus}; stopped with SIGTERM at the end.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Prometheus counters read after each window (summed over their tags). */
    public static final Map<String, String> COUNTERS = Map.of(
            "published", "marketdata_ticks_published_total",
            "dropped", "marketdata_ticks_dropped_total",
            "slow", "marketdata_stomp_slow_consumers_total",
            "conflated", "marketdata_ticks_conflated_total",
            "batches", "marketdata_relay_batches_published_total");

    private final JavaProcess process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private ServiceProcess(JavaProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * @param launch {@code -jar <exec jar>} or {@code -cp <class path> <main class>}
     * @param jvmArgs the JVM options: {@link ShippedJvmFlags#marketDataService()} unless a run compares
     *     others, then extras (e.g. a flight recording)
     */
    public static ServiceProcess start(List<String> launch, List<String> jvmArgs, URI upstream, URI rest,
                                       List<String> tokens) throws IOException {
        return start(launch, jvmArgs, upstream, rest, tokens, Math.max(2000, tokens.size()), List.of());
    }

    /**
     * @param maxTokens {@code marketdata.max-tokens} (tokens may come from STOMP subscriptions)
     * @param settings further {@code --key=value} application arguments (e.g. the relay's)
     */
    public static ServiceProcess start(List<String> launch, List<String> jvmArgs, URI upstream, URI rest,
                                       List<String> tokens, int maxTokens, List<String> settings) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(jvmArgs);
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--marketdata.upstream.url=" + upstream, "--marketdata.upstream.rest-url=" + rest,
                "--marketdata.max-tokens=" + maxTokens, "--marketdata.gamma.enabled=false",
                "--logging.level.root=WARN", "--logging.level.dev.polymaker=INFO"));
        if (!tokens.isEmpty()) {
            command.add("--marketdata.tokens=" + String.join(",", tokens));
        }
        command.addAll(settings);
        return new ServiceProcess(JavaProcess.start("mds-", command), URI.create("http://127.0.0.1:" + port));
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    public URI stompUrl() {
        return URI.create("ws://127.0.0.1:" + base.getPort() + "/ws");
    }

    /** Tokens whose latest tick is LIVE, from {@code /api/ticks}. */
    public long liveTokens() throws Exception {
        JsonNode ticks = json.readTree(get("/api/ticks"));
        long live = 0;
        for (JsonNode tick : ticks.path("tokens").values()) {
            if ("LIVE".equals(tick.path("state").asString(""))) {
                live++;
            }
        }
        return live;
    }

    public void awaitLive(int tokens, Duration timeout) throws Exception {
        boolean live = Poll.until(timeout, Duration.ofMillis(100), () -> {
            process.checkAlive("market-data-service");
            return liveTokens() == tokens;
        });
        if (!live) {
            throw new IllegalStateException("market-data-service: not every token LIVE within " + timeout + "; see "
                    + process.log());
        }
    }

    public Map<String, Double> counters() throws Exception {
        Map<String, Double> out = new HashMap<>();
        COUNTERS.keySet().forEach(key -> out.put(key, 0.0));
        for (String line : get("/actuator/prometheus").split("\n")) {
            for (Map.Entry<String, String> counter : COUNTERS.entrySet()) {
                if (line.startsWith(counter.getValue())) {
                    out.merge(counter.getKey(), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                            Double::sum);
                }
            }
        }
        return out;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void close() {
        process.close();
    }
}
