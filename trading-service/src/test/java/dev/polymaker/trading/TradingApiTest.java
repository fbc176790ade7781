package dev.polymaker.trading;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testing.marketdata.FakeMarketDataServer;
import dev.polymaker.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app on the shared feed (a real STOMP server standing in for market-data-service): ticks,
 * de-duplication, the REST API and its admin guard, and token ownership from config, file and API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class TradingApiTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String ADMIN = "s3cret-admin";
    private static final String TOKEN_A = "1001";
    private static final String TOKEN_B = "2002";
    private static final FakeMarketDataServer MDS = FakeMarketDataServer.start("mds-test-1");
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(3).eventsPerSecond(0).build());
    private static final Path TOKEN_FILE;
    private static final AtomicLong FILE_VERSION = new AtomicLong();

    static {
        try {
            TOKEN_FILE = Files.createTempDirectory("trading-api-test").resolve("tokens_from_copytrade.json");
            writeTokenFile(TOKEN_B);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, MDS.url().toString(), SIM);
        r.add("trading.tokens", () -> TOKEN_A);
        r.add("trading.token-file", TOKEN_FILE::toString);
        r.add("trading.token-file-poll", () -> "50ms");
        r.add("trading.admin.token", () -> ADMIN);
    }

    @AfterAll
    static void stop() {
        MDS.close();
        SIM.close();
    }

    /** Written like the copy-trade watcher does: a temp file renamed over the real one. */
    static void writeTokenFile(String... ids) throws IOException {
        StringBuilder json = new StringBuilder("{\"updated_at\":\"2026-03-01T10:00:00Z\",\"tokens\":[");
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"token_id\":\"").append(ids[i])
                    .append("\",\"active\":true,\"introduced_by_buy\":true}");
        }
        json.append("],\"archived_tokens\":[]}");
        writeRaw(json.toString());
    }

    static void writeRaw(String content) throws IOException {
        Path tmp = TOKEN_FILE.resolveSibling("tokens.tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        // Distinct modification times even within one millisecond of writes.
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(System.currentTimeMillis() + FILE_VERSION.incrementAndGet() * 1000));
        Files.move(tmp, TOKEN_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode status(Http http) {
        return http.get("/api/status").json();
    }

    private static double metric(String prometheus, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.E+-]+)$").matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void sharedFeedTicksFlowAndDuplicatesAreCounted() {
        Http http = new Http(port);
        Tick tick = MDS.publish(TOKEN_A, "0.40", "0.42", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> status(http).path("tokens").path(TOKEN_A).path("seq").asLong() >= tick.seq());
        JsonNode a = status(http).path("tokens").path(TOKEN_A);
        assertThat(status(http).path("mode").asString()).isEqualTo("SHARED");
        assertThat(a.path("source").asString()).isEqualTo("shared:127.0.0.1:" + MDS.url().getPort());
        assertThat(a.path("state").asString()).isEqualTo("LIVE");
        assertThat(a.path("tradable").asBoolean()).isTrue();
        assertThat(a.path("sources").toString()).contains("CONFIG");

        MDS.publish(tick);
        await().atMost(AWAIT).until(() -> metric(http.get("/actuator/prometheus").body(), "trading_ticks_total",
                "application=\"trading-service\",outcome=\"duplicate\",source=\"shared\"") >= 1);
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("trading_tick_latency_seconds_count{application=\"trading-service\"}")
                .contains("trading_feed_mode{application=\"trading-service\",mode=\"SHARED\"} 1.0");

        JsonNode health = http.get("/actuator/health").json();
        JsonNode md = health.path("components").path("marketData");
        assertThat(md.path("status").asString()).isEqualTo("UP");
        assertThat(md.path("details").path("mode").asString()).isEqualTo("SHARED");
        assertThat(md.path("details").path("source").asString()).isEqualTo("shared:127.0.0.1:" + MDS.url().getPort());
        JsonNode t = md.path("details").path("tokens").path(TOKEN_A);
        assertThat(t.path("state").asString()).isEqualTo("LIVE");
        assertThat(t.path("source").asString()).isEqualTo("shared:127.0.0.1:" + MDS.url().getPort());
        assertThat(t.path("seq").asLong()).isGreaterThanOrEqualTo(tick.seq());
        assertThat(t.path("ageMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(health.path("components").path("orders").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void adminCallsNeedTheBearerToken() {
        Http http = new Http(port);
        Http.Response none = http.post("/api/halt", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").asString()).isEqualTo("unauthorized");
        assertThat(none.body()).doesNotContain(ADMIN);
        assertThat(http.post("/api/halt", "wrong").status()).isEqualTo(401);
        assertThat(http.put("/api/tokens/3003", null).status()).isEqualTo(401);
        assertThat(http.delete("/api/tokens/" + TOKEN_A, "wrong").status()).isEqualTo(401);
        assertThat(status(http).path("halted").asBoolean()).isFalse();

        Http.Response halted = http.post("/api/halt", ADMIN);
        assertThat(halted.status()).isEqualTo(200);
        assertThat(halted.json().path("halted").asBoolean()).isTrue();
        assertThat(status(http).path("halted").asBoolean()).isTrue();
        assertThat(status(http).path("tokens").path(TOKEN_A).path("strategy").path("halted").asBoolean()).isTrue();
        Http.Response resumed = http.post("/api/resume", ADMIN);
        assertThat(resumed.json().path("halted").asBoolean()).isFalse();
        assertThat(status(http).path("tokens").path(TOKEN_A).path("strategy").path("halted").asBoolean()).isFalse();
    }

    @Test
    void badInputGets400Json() {
        Http http = new Http(port);
        Http.Response bad = http.put("/api/tokens/0xabc", ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asString()).isEqualTo("bad_request");
        assertThat(bad.json().path("message").asString()).contains("decimal digits");
        assertThat(http.get("/api/orders?open=maybe").status()).isEqualTo(400);
        Http.Response unknown = http.delete("/api/tokens/987654321", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asString()).isEqualTo("not_found");
    }

    @Test
    void tokensComeAndGoThroughTheApi() {
        Http http = new Http(port);
        Http.Response created = http.put("/api/tokens/4004", ADMIN);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("created").asBoolean()).isTrue();
        Http.Response again = http.put("/api/tokens/4004", ADMIN);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(status(http).path("tokens").path("4004").path("sources").toString()).contains("API");

        // A token also wanted by the config stays when the API lets go of it.
        http.put("/api/tokens/" + TOKEN_A, ADMIN);
        Http.Response kept = http.delete("/api/tokens/" + TOKEN_A, ADMIN);
        assertThat(kept.json().path("removed").asBoolean()).isFalse();
        assertThat(status(http).path("tokens").has(TOKEN_A)).isTrue();

        Http.Response removed = http.delete("/api/tokens/4004", ADMIN);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("removed").asBoolean()).isTrue();
        assertThat(status(http).path("tokens").has("4004")).isFalse();
    }

    @Test
    void tokenFileChangesAreFollowedAndACorruptFileKeepsTheLastGoodSet() throws Exception {
        Http http = new Http(port);
        await().atMost(AWAIT).until(() -> status(http).path("tokens").has(TOKEN_B));
        writeTokenFile(TOKEN_B, "5005");
        await().atMost(AWAIT).until(() -> status(http).path("tokens").has("5005"));
        writeTokenFile("5005");
        await().atMost(AWAIT).until(() -> !status(http).path("tokens").has(TOKEN_B));

        double errorsBefore = metric(http.get("/actuator/prometheus").body(), "trading_token_file_errors_total",
                "application=\"trading-service\"");
        writeRaw("{\"tokens\":[{\"token_id\":\"6006\"");
        await().atMost(AWAIT).until(() -> !status(http).path("tokenFile").path("lastError").isNull());
        JsonNode s = status(http);
        assertThat(s.path("tokenFile").path("lastError").asString()).contains("not valid JSON");
        assertThat(s.path("tokens").has("5005")).isTrue();
        assertThat(metric(http.get("/actuator/prometheus").body(), "trading_token_file_errors_total",
                "application=\"trading-service\"")).isEqualTo(errorsBefore + 1);

        writeTokenFile("5005", TOKEN_B);
        await().atMost(AWAIT).until(() -> status(http).path("tokens").has(TOKEN_B)
                && status(http).path("tokenFile").path("lastError").isNull());
    }

    @Test
    void theSameTokenFromFileAndApiAtOnceGetsOneStrategy() throws Exception {
        Http http = new Http(port);
        double startedBefore = metric(http.get("/actuator/prometheus").body(), "trading_strategies_started_total",
                "application=\"trading-service\"");
        List<String> raced = List.of("7001", "7002", "7003", "7004", "7005");
        List<String> inFile = new ArrayList<>(List.of(TOKEN_B, "5005"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (String token : raced) {
                inFile.add(token);
                String[] ids = inFile.toArray(String[]::new);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> calls = new ArrayList<>();
                calls.add(pool.submit(() -> {
                    go.await();
                    writeTokenFile(ids);
                    return 0;
                }));
                for (int i = 0; i < 5; i++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return http.put("/api/tokens/" + token, ADMIN).status();
                    }));
                }
                go.countDown();
                for (Future<Integer> f : calls) {
                    assertThat(f.get(20, TimeUnit.SECONDS)).isIn(0, 200, 201);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String token : raced) {
            await().atMost(AWAIT).until(() -> status(http).path("tokens").path(token).path("sources").size() == 2);
        }
        String after = http.get("/actuator/prometheus").body();
        assertThat(metric(after, "trading_strategies_started_total", "application=\"trading-service\""))
                .isEqualTo(startedBefore + raced.size());
    }
}
