package dev.polymaker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance run: ./demo.sh with the real jars, headless. All services become ready, both
 * trading instances are on the SHARED feed and place paper orders on the simulator's moving
 * markets, the metrics the alerts and dashboard use exist, and Ctrl-C leaves no process behind.
 */
class DemoScriptIT {

    private static final Duration BUDGET = Duration.ofSeconds(170);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "demo-it-admin-token";

    /** Metrics the alert rules and dashboard rely on that exist from start-up (counters may appear later). */
    private static final Map<String, List<String>> STARTUP_METRICS = Map.of(
            "market-data-service", List.of("marketdata_upstream_sockets", "marketdata_tokens", "marketdata_stomp_sessions",
                    "marketdata_ticks_published_total", "polymaker_ready", "process_uptime_seconds"),
            "trading-service", List.of("trading_feed_mode", "trading_tokens", "trading_halted", "trading_realised_pnl", "trading_ticks_total",
                    "polymaker_ready", "process_uptime_seconds"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path demoDir;

    @Test
    void demoComesUpSharedPlacesPaperOrdersAndStopsClean() throws Exception {
        for (String module : List.of("exchange-simulator", "market-data-service", "trading-service")) {
            assumeTrue(jarOf(module) != null, module + " jar missing: run ./mvnw -B -DskipTests package first; skipping");
        }
        for (String service : List.of("market-data-service", "trading-service")) {
            assumeTrue(ConfigurationKeys.of(service).fromMetadata(), service
                    + " binds no configuration properties yet (no " + ConfigurationKeys.metadataFile(service)
                    + "): the service is not implemented; skipping the demo run");
        }
        Instant start = Instant.now();
        int[] ports = DemoScriptTest.freePorts(5);
        int mds = ports[2];
        int[] trading = {ports[3], ports[4]};
        ProcessBuilder builder = new ProcessBuilder(DemoScriptTest.withCtrlC(RepositoryLayout.path("demo.sh")));
        builder.command().addAll(List.of("--duration", String.valueOf(BUDGET.toSeconds() + 30), "--no-build"));
        builder
                .directory(RepositoryLayout.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(demoDir.resolve("demo.out").toFile());
        builder.environment().putAll(Map.of("DEMO_DIR", demoDir.resolve("run").toString(),
                "SIM_PORT", String.valueOf(ports[0]), "SIM_WS_PORT", String.valueOf(ports[1]),
                "MDS_PORT", String.valueOf(mds), "TRADING_A_PORT", String.valueOf(trading[0]),
                "TRADING_B_PORT", String.valueOf(trading[1]), "DEMO_READY_TIMEOUT", "120", "DEMO_ADMIN_TOKEN", ADMIN_TOKEN));
        Process demo = builder.start();
        List<Long> pids = List.of();
        Map<String, String> exposition = new java.util.TreeMap<>();
        try {
            // demo.sh starts the traders once market-data-service is ready, so they begin on SHARED.
            await("all services ready").atMost(Duration.ofSeconds(140)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(demo.isAlive()).as("demo.sh exited early:\n" + output()).isTrue();
                return output().contains("polymaker demo is up");
            });
            pids = Files.readAllLines(demoDir.resolve("run/pids")).stream().map(l -> Long.parseLong(l.split(" ")[1])).toList();
            for (int port : List.of(mds, trading[0], trading[1])) {
                assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            }
            for (int port : trading) {
                await("trading on :" + port + " in mode SHARED").atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                        assertThat(JSON.readTree(get(port, "/actuator/health").body())
                                .at("/components/marketData/details/mode").asText()).isEqualTo("SHARED"));
            }
            Duration left = BUDGET.minus(Duration.between(start, Instant.now()));
            for (int port : trading) {
                await("paper orders on :" + port).atMost(left.isNegative() ? Duration.ofSeconds(5) : left)
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> orderCount(get(port, "/api/orders").body()) > 0);
            }
            // The runbook's endpoints answer as docs/operations.md shows.
            for (String path : List.of("/api/ticks", "/api/subscriptions", "/actuator/health")) {
                assertThat(get(mds, path).statusCode()).as("market-data-service " + path).isEqualTo(200);
            }
            assertThat(JSON.readTree(get(trading[0], "/api/status").body()).path("mode").asText()).isEqualTo("SHARED");
            assertThat(post(trading[0], "/api/halt", null).statusCode()).as("halt without the admin token").isEqualTo(401);
            HttpResponse<String> halted = post(trading[0], "/api/halt?reason=it", ADMIN_TOKEN);
            assertThat(halted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(halted.body()).path("halted").asBoolean()).isTrue();
            assertThat(JSON.readTree(get(trading[0], "/api/status").body()).path("halted").asBoolean()).isTrue();
            assertThat(JSON.readTree(post(trading[0], "/api/resume", ADMIN_TOKEN).body()).path("halted").asBoolean()).isFalse();

            exposition.put("market-data-service", get(mds, "/actuator/prometheus").body());
            for (int port : trading) {
                String metrics = get(port, "/actuator/prometheus").body();
                exposition.put("trading-service", metrics);
                assertThat(metrics).contains("trading_feed_mode{", "mode=\"SHARED\"").contains("trading_orders_total{");
            }
        } finally {
            // Ctrl-C, as a user would stop it.
            new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor();
            boolean exited = demo.waitFor(45, TimeUnit.SECONDS);
            if (!exited) {
                // Never leave the services behind: they are the script's children only while it lives.
                demo.descendants().forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
            assertThat(exited).as("demo.sh stops within 45 s of Ctrl-C:\n" + output()).isTrue();
        }
        assertThat(pids).hasSize(4).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        for (int port : ports) {
            assertThat(portOpen(port)).as("port " + port + " released").isFalse();
        }
        assertThat(output()).contains("all stopped");
        // Last, so a missing metric is reported without hiding how the run itself went.
        Map<String, Set<String>> missing = new java.util.TreeMap<>();
        exposition.forEach((service, text) -> {
            Set<String> lacking = missingMetrics(service, text);
            if (!lacking.isEmpty()) {
                missing.put(service, lacking);
            }
        });
        assertThat(missing).as("metrics the alert rules and dashboard use but /actuator/prometheus lacks").isEmpty();
    }

    private static Set<String> missingMetrics(String service, String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(exposition);
        while (m.find()) {
            names.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(STARTUP_METRICS.get(service));
        missing.removeAll(names);
        return missing;
    }

    private static int orderCount(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node.isArray()) {
            return node.size();
        }
        return node.path("orders").size();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String output() throws IOException {
        Path out = demoDir.resolve("demo.out");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    private static Path jarOf(String module) throws IOException {
        return DockerfileTest.builtJar(module);
    }
}
