package dev.polymaker.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.fanout.TickFrameTest;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StalledStompSocket;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service end to end over real sockets: the exchange simulator upstream, real STOMP clients
 * and HTTP downstream. One context for all these tests; each uses its own tokens, because a token
 * that is already live sends nothing to a new subscriber until its book changes.
 */
@SpringBootTest(classes = MarketDataApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveFeedTest {

    static final String ADMIN = "test-admin-token-0123456789";
    static final String STOMP_SECRET = "stomp-secret";
    static final Duration AWAIT = Duration.ofSeconds(20);
    static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(12).seed(42).eventsPerSecond(0).build());
    static final Path TOKEN_FILE = tokenFile();

    final JsonMapper json = JsonMapper.builder().build();

    /** The service's own mapper, as Spring Boot configures it: what the relay and the fan-out's fallback use. */
    @Autowired
    JsonMapper serviceJson;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("marketdata.upstream.url", () -> SIM.marketUrl().toString());
        registry.add("marketdata.upstream.rest-url", () -> SIM.restUrl().toString());
        registry.add("marketdata.upstream.ping-interval", () -> "200ms");
        registry.add("marketdata.upstream.silence-timeout", () -> "1s");
        registry.add("marketdata.upstream.first-book-timeout", () -> "2s");
        registry.add("marketdata.upstream.reconnect.initial-backoff", () -> "100ms");
        registry.add("marketdata.upstream.reconnect.max-backoff", () -> "1s");
        registry.add("marketdata.status-interval", () -> "200ms");
        registry.add("marketdata.demand.grace-period", () -> "500ms");
        registry.add("marketdata.token-file", TOKEN_FILE::toString);
        registry.add("marketdata.token-file-poll-interval", () -> "100ms");
        registry.add("marketdata.admin.token", () -> ADMIN);
        registry.add("marketdata.stomp.auth-token", () -> STOMP_SECRET);
        registry.add("marketdata.stomp.max-subscriptions-per-session", () -> "30");
        registry.add("marketdata.stomp.send-time-limit", () -> "1s");
        registry.add("marketdata.stomp.send-buffer-size-limit", () -> "65536");
        registry.add("marketdata.stomp.heartbeat", () -> "1s");
        registry.add("marketdata.health.down-after", () -> "500ms");
    }

    /** Small server socket send buffers, so a client that stops reading blocks the server's sends quickly. */
    @Test
    void theFanOutsHandWrittenTickJsonIsWhatTheServicesOwnMapperWrites() {
        assertThat(TickFrameTest.sameFrames(serviceJson)).isGreaterThan(30);
    }

    @TestConfiguration
    static class SmallSocketBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffers() {
            return connector -> connector.setProperty("socket.txBufSize", "8192");
        }
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    StompTestClient client() {
        return StompTestClient.connect(port, Map.of("auth-token", STOMP_SECRET));
    }

    @Test
    void subscribingBringsTheTokenUpstreamAndTicksFollowTheExchangeBookThroughThousandsOfChanges() {
        List<String> tokens = SIM.tokenIds().subList(0, 8);
        try (StompTestClient client = client()) {
            Map<String, List<Tick>> received = new HashMap<>();
            for (String token : tokens) {
                received.put(token, client.subscribe(Destinations.ticks(token), Tick.class));
            }
            await().atMost(AWAIT).until(() -> SIM.connections().stream()
                    .anyMatch(c -> c.subscribedTokens().containsAll(tokens)));
            await().atMost(AWAIT).until(() -> received.values().stream().noneMatch(List::isEmpty));
            for (String token : tokens) {
                Tick first = received.get(token).get(0);
                assertThat(first.seq()).as("first seq of %s", token).isEqualTo(1);
                assertThat(first.state()).isEqualTo(TickState.LIVE);
                assertThat(first.event().wireName()).isEqualTo("book");
                assertThat(first.tokenId()).isEqualTo(token);
            }
            await().atMost(AWAIT).untilAsserted(() -> tokens.forEach(t -> assertMatches(last(received.get(t)), SIM.book(t))));
            String epoch = received.get(tokens.get(0)).get(0).epoch();

            for (int round = 0; round < 20; round++) {
                SIM.step(250);
                await().atMost(AWAIT).untilAsserted(() -> tokens.forEach(t -> assertMatches(last(received.get(t)), SIM.book(t))));
            }
            long total = 0;
            for (String token : tokens) {
                List<Tick> ticks = received.get(token);
                long conflated = client.conflated.getOrDefault(Destinations.ticks(token), 0L);
                total += ticks.size() + conflated;
                assertContiguous(ticks, conflated);
                // Book ticks are LIVE; a state tick may appear if the pool's REST witness misjudges a pause as a freeze.
                assertThat(ticks).allSatisfy(t -> {
                    assertThat(t.epoch()).isEqualTo(epoch);
                    if (!Tick.EVENT_STATE.equals(t.event())) {
                        assertThat(t.state()).isEqualTo(TickState.LIVE);
                    }
                });
            }
            assertThat(total).as("ticks received or superseded (conflated) over 5000 exchange events")
                    .isGreaterThan(500);
        }
    }

    @Test
    void lateSubscriberGetsTheSnapshotThenLiveTicksWithHigherSeq() {
        String token = SIM.tokenIds().get(8);
        try (StompTestClient early = client(); StompTestClient late = client()) {
            List<Tick> live = early.subscribe(Destinations.ticks(token), Tick.class);
            await().atMost(AWAIT).until(() -> !live.isEmpty());
            moveBestBid(token);
            await().atMost(AWAIT).untilAsserted(() -> assertMatches(last(live), SIM.book(token)));

            List<Tick> snapshot = late.subscribe(Destinations.snapshot(token), Tick.class);
            await().atMost(AWAIT).until(() -> !snapshot.isEmpty());
            Tick snap = snapshot.get(0);
            assertThat(snap).isEqualTo(last(live));
            assertThat(snap.seq()).isGreaterThan(1);

            List<Tick> lateLive = late.subscribe(Destinations.ticks(token), Tick.class);
            await().atMost(AWAIT).until(() -> subscribers(token) == 2); // no RECEIPT for SUBSCRIBE
            moveBestBid(token);
            await().atMost(AWAIT).until(() -> lateLive.stream().anyMatch(t -> t.seq() > snap.seq()));
            // The first may be the latest tick again (sent to every new subscriber); never anything older.
            assertThat(lateLive).allSatisfy(t -> {
                assertThat(t.seq()).isGreaterThanOrEqualTo(snap.seq());
                assertThat(t.epoch()).isEqualTo(snap.epoch());
            });
            await().atMost(AWAIT).untilAsserted(() -> assertMatches(last(lateLive), SIM.book(token)));
            assertThat(last(lateLive)).isEqualTo(last(live));
        }
    }

    @Test
    void snapshotOfATokenWithoutBookIsPendingWithoutPrices() {
        try (StompTestClient client = client()) {
            List<Tick> snapshot = client.subscribe(Destinations.snapshot("123456789"), Tick.class);
            await().atMost(AWAIT).until(() -> !snapshot.isEmpty());
            Tick tick = snapshot.get(0);
            assertThat(tick.state()).isEqualTo(TickState.PENDING);
            assertThat(tick.seq()).isZero();
            assertThat(tick.bestBid()).isNull();
            assertThat(tick.bestAsk()).isNull();
            assertThat(client.connected()).isTrue();
        }
    }

    @Test
    void clientsCannotSendAndCannotSubscribeOutsideTheContract() {
        String token = SIM.tokenIds().get(9);
        try (StompTestClient subscriber = client(); StompTestClient sender = client();
             StompTestClient badId = client(); StompTestClient badDestination = client()) {
            List<Object> received = new ArrayList<>();
            subscriber.subscribeRaw(Destinations.ticks(token), received, byte[].class);
            await().atMost(AWAIT).until(() -> !received.isEmpty()); // the first real tick
            int before = received.size();

            sender.session().send(Destinations.ticks(token), Map.of("tokenId", token, "seq", 999999, "epoch", "forged"));
            await().atMost(AWAIT).until(() -> !sender.errors.isEmpty());
            assertThat(sender.errors.get(0)).contains("SEND");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> received.stream().skip(before).noneMatch(p -> new String((byte[]) p).contains("forged")));

            badId.subscribe("/topic/ticks.abc", Tick.class);
            await().atMost(AWAIT).until(() -> !badId.errors.isEmpty());
            assertThat(badId.errors.get(0)).contains("1-100 decimal digits");

            badDestination.subscribe("/queue/anything", Tick.class);
            await().atMost(AWAIT).until(() -> !badDestination.errors.isEmpty());
            assertThat(badDestination.errors.get(0)).contains("cannot subscribe");
        }
        String metrics = Http.get(port, "/actuator/prometheus").body();
        assertThat(metrics).contains("marketdata_stomp_rejected_total{application=\"market-data-service\",reason=\"send\"}")
                .contains("reason=\"bad_token_id\"").contains("reason=\"destination\"");
    }

    @Test
    void connectWithoutTheSharedSecretIsRefused() {
        String auth = "marketdata_stomp_rejected_total{application=\"market-data-service\",reason=\"auth\"}";
        double before = metric(auth);
        assertRefused(Map.of());
        assertRefused(Map.of("auth-token", "wrong"));
        await().atMost(AWAIT).until(() -> metric(auth) == before + 2);
        try (StompTestClient right = client()) {
            assertThat(right.connected()).isTrue();
        }
    }

    private void assertRefused(Map<String, String> headers) {
        StompTestClient client;
        try {
            client = StompTestClient.connect(port, headers);
        } catch (IllegalStateException e) {
            return; // the connect itself failed: refused
        }
        try (client) {
            await().atMost(AWAIT).until(() -> !client.errors.isEmpty() || !client.connected());
        }
    }

    @Test
    void aSessionCannotHoldMoreThanTheSubscriptionLimit() {
        try (StompTestClient client = client()) {
            for (int i = 0; i < 30; i++) {
                client.subscribe(Destinations.FEED_STATUS, FeedStatus.class);
            }
            assertThat(client.errors).isEmpty();
            double before = metric("marketdata_stomp_rejected_total{application=\"market-data-service\",reason=\"subscription_limit\"}");
            client.subscribe(Destinations.FEED_STATUS, FeedStatus.class);
            // The ERROR frame can be overtaken by the close when feed-status frames are in flight: either shows the refusal.
            await().atMost(AWAIT).until(() -> !client.errors.isEmpty() || !client.connected());
            assertThat(client.errors).allSatisfy(e -> assertThat(e).contains("too many subscriptions"));
            assertThat(metric("marketdata_stomp_rejected_total{application=\"market-data-service\",reason=\"subscription_limit\"}"))
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void brokerSendsHeartBeats() throws IOException {
        try (StalledStompSocket client = StalledStompSocket.connect(port, STOMP_SECRET, "0,300")) {
            assertThat(client.connectedFrame()).contains("heart-beat:1000,1000");
            assertThat(client.heartbeatsWithin(Duration.ofMillis(3500))).isBetween(2, 5);
        }
    }

    @Test
    void feedStatusArrivesEveryStatusInterval() {
        try (StompTestClient client = client()) {
            List<FeedStatus> status = client.subscribe(Destinations.FEED_STATUS, FeedStatus.class);
            await().atMost(AWAIT).until(() -> status.size() >= 3);
            FeedStatus last = status.get(status.size() - 1);
            assertThat(last.epoch()).startsWith("mds-");
            assertThat(last.time()).isGreaterThan(status.get(0).time());
        }
    }

    @Test
    void slowConsumerIsCutOffWhileANormalOneKeepsReceiving() throws IOException {
        List<String> tokens = SIM.tokenIds().subList(16, 24);
        String[] destinations = tokens.stream().map(Destinations::ticks).toArray(String[]::new);
        try (StompTestClient normal = client();
             StalledStompSocket stalled = StalledStompSocket.open(port, STOMP_SECRET, destinations)) {
            Map<String, List<Tick>> received = new HashMap<>();
            tokens.forEach(t -> received.put(t, normal.subscribe(Destinations.ticks(t), Tick.class)));
            await().atMost(AWAIT).untilAsserted(() -> assertThat(received.entrySet().stream()
                    .filter(e -> e.getValue().isEmpty()).map(e -> e.getKey() + " (REST: "
                            + Http.get(port, "/api/ticks/" + e.getKey()).body() + ")").toList())
                    .as("tokens the normal consumer has no tick of yet").isEmpty());
            // Conflation keeps one tick per subscription waiting, so only a full socket (kernel buffers of up to
            // several MB here) makes a write block for the send-time limit: push enough ticks to fill it soon.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                SIM.step(400);
                return slowConsumers() >= 1;
            });
            await().atMost(AWAIT).untilAsserted(() -> tokens.forEach(t -> assertMatches(last(received.get(t)), SIM.book(t))));
            assertThat(normal.connected()).isTrue();
            received.forEach((t, ticks) -> assertContiguous(ticks, normal.conflated.getOrDefault(Destinations.ticks(t), 0L)));
        }
    }

    private double slowConsumers() {
        return metric("marketdata_stomp_slow_consumers_total");
    }

    @Test
    void restServesTicksBooksAndSubscriptionsWithJsonErrors() {
        String token = SIM.tokenIds().get(10);
        try (StompTestClient client = client()) {
            List<Tick> live = client.subscribe(Destinations.ticks(token), Tick.class);
            await().atMost(AWAIT).until(() -> !live.isEmpty());
            await().atMost(AWAIT).untilAsserted(() -> {
                Tick rest = json.readValue(Http.get(port, "/api/ticks/" + token).body(), Tick.class);
                assertThat(rest).isEqualTo(last(live));
            });

            JsonNode all = json.readTree(Http.get(port, "/api/ticks").body());
            assertThat(all.get("epoch").asString()).isEqualTo(live.get(0).epoch());
            assertThat(all.get("updatedAt").asLong()).isPositive();
            assertThat(all.get("tokens").has(token)).isTrue();

            await().atMost(AWAIT).untilAsserted(() -> {
                JsonNode book = json.readTree(Http.get(port, "/api/books/" + token).body());
                SimBook sim = SIM.book(token);
                assertThat(prices(book.get("bids"))).isEqualTo(sim.bids().stream().map(l -> l.price().stripTrailingZeros()).toList());
                assertThat(prices(book.get("asks"))).isEqualTo(sim.asks().stream().map(l -> l.price().stripTrailingZeros()).toList());
            });

            JsonNode subs = json.readTree(Http.get(port, "/api/subscriptions").body());
            JsonNode entry = null;
            for (JsonNode t : subs.get("tokens")) {
                if (t.get("tokenId").asString().equals(token)) {
                    entry = t;
                }
            }
            assertThat(entry).isNotNull();
            assertThat(entry.get("state").asString()).isEqualTo("LIVE");
            assertThat(entry.get("subscribers").asInt()).isEqualTo(1);
            assertThat(entry.get("sources").get("STOMP").asInt()).isEqualTo(1);
            assertThat(entry.get("socket").asInt()).isPositive();
        }

        HttpResponse<String> bad = Http.get(port, "/api/ticks/12ab");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("error").asString()).isEqualTo("bad_token_id");
        HttpResponse<String> unknown = Http.get(port, "/api/ticks/99999999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error").asString()).isEqualTo("unknown_token");
        assertThat(Http.get(port, "/api/books/99999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void adminSubscriptionsNeedTheBearerTokenAndDriveTheUpstream() {
        String token = SIM.tokenIds().get(11);
        assertThat(Http.put(port, "/api/subscriptions/" + token, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = Http.put(port, "/api/subscriptions/" + token, "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).get("error").asString()).isEqualTo("unauthorized");
        assertThat(Http.put(port, "/api/subscriptions/abc", ADMIN).statusCode()).isEqualTo(400);

        assertThat(Http.put(port, "/api/subscriptions/" + token, ADMIN).statusCode()).isEqualTo(201);
        await().atMost(AWAIT).until(() -> subscribedUpstream(token));
        await().atMost(AWAIT).until(() -> Http.get(port, "/api/ticks/" + token).body().contains("\"LIVE\""));

        assertThat(Http.delete(port, "/api/subscriptions/" + token, null).statusCode()).isEqualTo(401);
        assertThat(Http.delete(port, "/api/subscriptions/" + token, ADMIN).statusCode()).isEqualTo(204);
        await().atMost(AWAIT).until(() -> !subscribedUpstream(token));
        // The simulator sees the unsubscribe a moment before the service forgets the token's tick.
        await().atMost(AWAIT).until(() -> Http.get(port, "/api/ticks/" + token).statusCode() == 404);
    }

    @Test
    void tokenLeavesTheUpstreamAfterTheGracePeriodOnceTheLastSubscriberIsGone() {
        String token = SIM.tokenIds().get(12);
        try (StompTestClient client = client()) {
            List<Tick> live = client.subscribe(Destinations.ticks(token), Tick.class);
            await().atMost(AWAIT).until(() -> !live.isEmpty());
            assertThat(subscribedUpstream(token)).isTrue();
        }
        await().atMost(AWAIT).until(() -> !subscribedUpstream(token));
    }

    @Test
    void corruptTokenFileKeepsThePreviousSetAndIsReported() throws IOException {
        String fileToken = SIM.tokenIds().get(13);
        writeTokenFile("""
                {"updated_at":"2026-11-25T20:00:00Z","tokens":[
                  {"token_id":"%s","source_account":"0xabc","last_seen":"2026-11-25T20:00:00Z","active":true,"introduced_by_buy":true},
                  {"token_id":"555","active":false,"introduced_by_buy":true},
                  {"token_id":"556","active":true,"introduced_by_buy":false}
                ],"archived_tokens":[]}""".formatted(fileToken));
        await().atMost(AWAIT).until(() -> subscribedUpstream(fileToken));
        assertThat(subscribedUpstream("555")).isFalse();
        assertThat(subscribedUpstream("556")).isFalse();
        double errorsBefore = metric("marketdata_token_file_errors_total");

        writeTokenFile("{\"updated_at\":\"2026-11-25T20:01:00Z\",\"tokens\":[{\"token_id\":\"" + fileToken);
        await().atMost(AWAIT).until(() -> metric("marketdata_token_file_errors_total") > errorsBefore);
        JsonNode health = json.readTree(Http.get(port, "/actuator/health").body());
        assertThat(health.at("/components/marketData/details/tokenFile/lastError").asString()).contains("JSON");
        assertThat(health.at("/components/marketData/details/tokenFile/tokens").asInt()).isEqualTo(1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> subscribedUpstream(fileToken));
    }

    @Test
    void actuatorExposesHealthProbesAndPrometheusOnly() {
        await().atMost(AWAIT).untilAsserted(() -> {
            HttpResponse<String> health = Http.get(port, "/actuator/health");
            JsonNode body = json.readTree(health.body());
            assertThat(body.at("/components/upstream/status").asString()).isEqualTo("UP");
            assertThat(body.at("/components/marketData/status").asString()).isEqualTo("UP");
        });
        JsonNode body = json.readTree(Http.get(port, "/actuator/health").body());
        assertThat(body.at("/components/upstream/details/url").asString()).isEqualTo(SIM.marketUrl().toString());
        assertThat(body.at("/components/marketData/details/broker/available").asBoolean()).isTrue();
        assertThat(body.toString()).doesNotContain(ADMIN).doesNotContain(STOMP_SECRET);
        assertThat(Http.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        JsonNode readiness = json.readTree(Http.get(port, "/actuator/health/readiness").body());
        assertThat(readiness.at("/components/upstream").isMissingNode()).isFalse();
        assertThat(json.readTree(Http.get(port, "/actuator/health/liveness").body()).at("/components/upstream").isMissingNode())
                .isTrue();
        assertThat(Http.get(port, "/actuator/info").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/").body()).contains("<title>market-data-service</title>", "api/subscriptions");
        assertThat(Http.get(port, "/actuator/env").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/actuator/configprops").statusCode()).isEqualTo(404);

        try (StompTestClient client = client()) {
            List<Tick> ticks = client.subscribe(Destinations.ticks(SIM.tokenIds().get(14)), Tick.class);
            await().atMost(AWAIT).until(() -> !ticks.isEmpty());
            await().atMost(AWAIT).untilAsserted(() -> {
                String metrics = Http.get(port, "/actuator/prometheus").body();
                assertThat(metrics).contains("marketdata_upstream_frames_total{application=\"market-data-service\",type=\"book\"}")
                        .contains("marketdata_upstream_sockets{application=\"market-data-service\",state=\"CONNECTED\"}")
                        .contains("marketdata_tokens{application=\"market-data-service\",state=\"LIVE\"}")
                        .contains("marketdata_ticks_published_total{application=\"market-data-service\"}")
                        .contains("marketdata_tick_latency_seconds_bucket")
                        .contains("marketdata_tick_latency_seconds_count")
                        .contains("marketdata_stomp_sessions{application=\"market-data-service\"}")
                        .contains("marketdata_token_file_errors_total")
                        .contains("marketdata_stomp_slow_consumers_total");
            });
            assertThat(metric("marketdata_stomp_sessions")).isGreaterThanOrEqualTo(1);
        }
        assertThat(SIM.connections()).isNotEmpty();
    }

    // ------------------------------------------------------------------------------------------

    /** Sum of the samples of {@code name}, or of one exact series when {@code name} includes its tags. */
    private double metric(String name) {
        String text = Http.get(port, "/actuator/prometheus").body();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")
                        || name.endsWith("}") && l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private int subscribers(String token) {
        for (JsonNode t : json.readTree(Http.get(port, "/api/subscriptions").body()).get("tokens")) {
            if (t.get("tokenId").asString().equals(token)) {
                return t.get("subscribers").asInt();
            }
        }
        return 0;
    }

    private boolean subscribedUpstream(String token) {
        return SIM.connections().stream().anyMatch(c -> c.subscribedTokens().contains(token));
    }

    private static void moveBestBid(String token) {
        SimBook book = SIM.book(token);
        SimLevel best = book.bids().get(0);
        SIM.setLevel(token, SimSide.BUY, best.price(), BigDecimal.ZERO);
    }

    private static List<BigDecimal> prices(JsonNode levels) {
        List<BigDecimal> prices = new ArrayList<>();
        levels.forEach(l -> prices.add(new BigDecimal(l.get("price").asString()).stripTrailingZeros()));
        return prices;
    }

    /**
     * Seqs go up in order; the same tick may come twice when it was both published and replayed to
     * the new subscriber; every jump is a tick superseded while it waited for a slow reader, which
     * the {@code conflated} headers count: the jumps add up to exactly {@code conflated}.
     */
    static void assertContiguous(List<Tick> ticks, long conflated) {
        long skipped = 0;
        for (int i = 1; i < ticks.size(); i++) {
            long previous = ticks.get(i - 1).seq();
            assertThat(ticks.get(i).seq()).as("seq after %d (tick %d of %s)", previous, i, ticks.get(i).tokenId())
                    .isGreaterThanOrEqualTo(previous);
            skipped += Math.max(0, ticks.get(i).seq() - previous - 1);
        }
        assertThat(skipped).as("seq jumps of %s, all counted as conflated", ticks.get(0).tokenId())
                .isEqualTo(conflated);
    }

    private static Tick last(List<Tick> ticks) {
        assertThat(ticks).isNotEmpty();
        return ticks.get(ticks.size() - 1);
    }

    static void assertMatches(Tick tick, SimBook book) {
        assertThat(same(tick.bestBid(), book.bestBid())).as("best bid of %s: tick %s, exchange %s", book.tokenId(),
                tick.bestBid(), book.bestBid()).isTrue();
        assertThat(same(tick.bestAsk(), book.bestAsk())).as("best ask of %s: tick %s, exchange %s", book.tokenId(),
                tick.bestAsk(), book.bestAsk()).isTrue();
        assertThat(same(tick.tickSize(), book.tickSize())).as("tick size of %s", book.tokenId()).isTrue();
        assertThat(same(tick.lastTradePrice(), book.lastTradePrice())).as("last trade of %s: tick %s, exchange %s",
                book.tokenId(), tick.lastTradePrice(), book.lastTradePrice()).isTrue();
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Path tokenFile() {
        try {
            Path dir = Files.createTempDirectory("mds-token-file");
            Path file = dir.resolve("tokens_from_copytrade.json");
            Files.writeString(file, "{\"updated_at\":\"2026-11-25T19:00:00Z\",\"tokens\":[],\"archived_tokens\":[]}");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written like the copy-trade tool does it: a temp file renamed over the old one. */
    private static void writeTokenFile(String content) throws IOException {
        Path tmp = Files.createTempFile(TOKEN_FILE.getParent(), "tokens", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, TOKEN_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
