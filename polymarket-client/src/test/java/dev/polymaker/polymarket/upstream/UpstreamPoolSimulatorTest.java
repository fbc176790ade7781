package dev.polymaker.polymarket.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ClientFrame;
import dev.polymaker.simulator.ConnectionInfo;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pool against the exchange simulator over real sockets: protocol, sharding, data, faults. */
class UpstreamPoolSimulatorTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private final JsonMapper mapper = JsonMapper.builder().build();

    private static SimPool simPool(int markets) {
        return new SimPool(markets, UnaryOperator.identity());
    }

    private List<JsonNode> jsonFrames(ConnectionInfo connection) {
        List<JsonNode> out = new ArrayList<>();
        for (ClientFrame frame : connection.received()) {
            if (frame.text().startsWith("{")) {
                out.add(mapper.readTree(frame.text()));
            }
        }
        return out;
    }

    @Test
    void firstFrameIsTheOnlyMarketSubscribeAndPingsFollowAtTheInterval() {
        try (SimPool p = simPool(2)) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.sim.connections().size() == 1
                    && p.sim.connections().get(0).received().stream().filter(f -> f.text().equals("PING")).count() >= 8);

            List<ClientFrame> received = p.sim.connections().get(0).received();
            JsonNode first = mapper.readTree(received.get(0).text());
            assertThat(first.get("type").stringValue()).isEqualTo("market");
            assertThat(first.get("initial_dump").booleanValue()).isTrue();
            assertThat(first.get("custom_feature_enabled").booleanValue()).isTrue();
            assertThat(first.get("assets_ids").values()).extracting(JsonNode::stringValue)
                    .containsExactlyInAnyOrderElementsOf(tokens);
            assertThat(received.stream().filter(f -> f.text().contains("\"type\""))).hasSize(1);

            List<Long> pings = received.stream().filter(f -> f.text().equals("PING")).map(ClientFrame::timeMillis)
                    .toList();
            assertThat(pings.get(0)).isGreaterThanOrEqualTo(received.get(0).timeMillis());
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < pings.size(); i++) {
                gaps.add(pings.get(i) - pings.get(i - 1));
            }
            // Scheduling on a loaded 2-core machine jitters single gaps; the median is the rhythm.
            List<Long> sorted = gaps.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            assertThat(median).as("median PING gap, ms; gaps %s", gaps).isBetween(150L, 280L);
            double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertThat(mean).as("mean PING gap, ms; gaps %s", gaps).isBetween(120.0, 350.0);
            assertThat(p.listener.frames("pong")).isGreaterThanOrEqualTo(5);
            assertThat(p.listener.threads).containsOnly("upstream-dispatch");
        }
    }

    @Test
    void shardsOverSocketsOfAtMostMaxTokensAndBooksMatchTheExchange() {
        try (SimPool p = new SimPool(225, c -> SimPool.withStagger(c, Duration.ofMillis(150)))) {
            List<String> tokens = p.sim.tokenIds();
            assertThat(tokens).hasSize(450);
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            assertThat(p.pool.status().sockets()).extracting(SocketStatus::tokens).containsExactly(200, 200, 50);
            assertThat(p.sim.connections()).extracting(c -> c.subscribedTokens().size())
                    .containsExactlyInAnyOrder(200, 200, 50);
            for (ConnectionInfo connection : p.sim.connections()) {
                assertThat(jsonFrames(connection)).filteredOn(f -> f.has("type")).hasSize(1);
            }
            // Opened connectStagger apart, not in one burst (bursts get HTTP 429 upstream).
            List<Long> opened = p.sim.connections().stream().map(c -> c.openedAt().toEpochMilli()).sorted().toList();
            assertThat(opened.get(1) - opened.get(0)).isGreaterThanOrEqualTo(130);
            assertThat(opened.get(2) - opened.get(1)).isGreaterThanOrEqualTo(130);
            // The wire sends bids ascending and asks descending: our best levels must still be the exchange's.
            assertThat(tokens).allMatch(p::agrees);
            p.sim.step(500);
            await().atMost(AWAIT).until(() -> tokens.stream().allMatch(p::agrees));
        }
    }

    @Test
    void addingTokensFillsTheOpenSocketWithChunkedOperationFramesAndNoReconnect() {
        try (SimPool p = new SimPool(230, c -> SimPool.withMaxTokens(c, 450))) {
            List<String> tokens = p.sim.tokenIds();
            List<String> firstTen = tokens.subList(0, 10);
            p.pool.addTokens(firstTen);
            p.pool.start();
            p.awaitAll(firstTen, TokenState.LIVE);
            int attempts = p.sim.connectionAttempts();

            List<String> more = tokens.subList(10, 450);
            p.pool.addTokens(more);
            p.pool.addTokens(more); // idempotent
            assertThat(p.pool.tokens()).hasSize(450);
            assertThat(more).allMatch(t -> p.state(t) == TokenState.PENDING || p.state(t) == TokenState.LIVE);
            p.awaitAll(tokens.subList(0, 450), TokenState.LIVE);
            assertThat(p.sim.connectionAttempts()).isEqualTo(attempts);
            assertThat(p.pool.status().sockets()).hasSize(1);

            List<JsonNode> subscribes = jsonFrames(p.sim.connections().get(0)).stream()
                    .filter(f -> f.has("operation")).toList();
            assertThat(subscribes).hasSize(3).allSatisfy(f -> {
                assertThat(f.get("operation").stringValue()).isEqualTo("subscribe");
                assertThat(f.has("type")).isFalse();
                assertThat(f.get("assets_ids").size()).isLessThanOrEqualTo(200);
            });
            assertThat(subscribes.stream().mapToInt(f -> f.get("assets_ids").size()).sum()).isEqualTo(440);

            // One more token than fits: a second socket, the first one untouched.
            p.pool.addTokens(tokens.subList(450, 460));
            p.awaitAll(tokens.subList(450, 460), TokenState.LIVE);
            assertThat(p.pool.status().sockets()).extracting(SocketStatus::tokens).containsExactly(450, 10);
        }
    }

    @Test
    void removingTokensUnsubscribesForgetsTheBookAndClosesAnEmptySocket() {
        try (SimPool p = new SimPool(3, c -> SimPool.withMaxTokens(c, 4))) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            assertThat(p.pool.status().sockets()).hasSize(2);
            int attempts = p.sim.connectionAttempts();

            p.pool.removeTokens(List.of(tokens.get(0)));
            assertThat(p.pool.book(tokens.get(0))).isEmpty();
            assertThat(p.pool.tokenStatus(tokens.get(0))).isEmpty();
            assertThat(p.pool.tokens()).hasSize(5);
            await().atMost(AWAIT).until(() -> p.sim.connections().stream()
                    .noneMatch(c -> c.subscribedTokens().contains(tokens.get(0))));

            p.pool.removeTokens(tokens.subList(4, 6)); // empties the second socket
            await().atMost(AWAIT).until(() -> p.sim.connections().size() == 1);
            assertThat(p.pool.status().sockets()).hasSize(1);
            assertThat(p.sim.connectionAttempts()).isEqualTo(attempts);
        }
    }

    @Test
    void complementTokenEntriesAreIgnored() {
        try (SimPool p = simPool(1)) {
            SimMarket market = p.sim.markets().get(0);
            p.pool.addTokens(List.of(market.yesTokenId()));
            p.pool.start();
            p.awaitAll(List.of(market.yesTokenId()), TokenState.LIVE);
            SimBook yes = p.sim.book(market.yesTokenId());
            BigDecimal newBid = yes.bids().get(1).price();
            // One price_change carrying the YES entry (best bid removed) and its NO mirror (best ask removed).
            p.sim.setLevel(market.yesTokenId(), SimSide.BUY, yes.bestBid(), BigDecimal.ZERO);
            await().atMost(AWAIT).until(() -> p.pool.book(market.yesTokenId()).orElseThrow().top().bestBid()
                    .compareTo(newBid) == 0);
            assertThat(p.pool.book(market.noTokenId())).isEmpty();
            assertThat(p.pool.tokens()).containsExactly(market.yesTokenId());
            assertThat(p.listener.updates).noneMatch(u -> u.tokenId().equals(market.noTokenId()));
            assertThat(p.state(market.yesTokenId())).isEqualTo(TokenState.LIVE);
        }
    }

    @Test
    void deepLevelChangesDoNotRepublishAnUnchangedTop() {
        try (SimPool p = simPool(1)) {
            String token = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            SimBook book = p.sim.book(token);
            SimLevel deepest = book.asks().get(book.asks().size() - 1);
            for (int i = 1; i <= 3; i++) {
                p.sim.setLevel(token, SimSide.SELL, deepest.price(), deepest.size().add(BigDecimal.valueOf(i)));
            }
            p.sim.setLevel(token, SimSide.SELL, book.bestAsk(), BigDecimal.ZERO);
            BigDecimal newAsk = book.asks().get(1).price();
            await().atMost(AWAIT).until(() -> p.listener.updates.stream().anyMatch(u -> u.event().equals("price_change")));
            assertThat(p.listener.updates).filteredOn(u -> u.event().equals("price_change")).singleElement()
                    .satisfies(u -> {
                        assertThat(u.top().bestAsk()).isEqualByComparingTo(newAsk);
                        assertThat(u.top().bestBid()).isEqualByComparingTo(book.bestBid());
                        assertThat(u.market()).isEqualTo(book.market());
                        assertThat(u.exchangeTime()).isEqualTo(p.sim.book(token).timestamp());
                    });
        }
    }

    @Test
    void tradesAndTickChangesReachTheTopOfBook() {
        try (SimPool p = simPool(1)) {
            String token = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            p.sim.trade(token, new BigDecimal("0.42"), BigDecimal.TEN, SimSide.BUY);
            await().atMost(AWAIT).until(() -> p.listener.updates.stream().anyMatch(u -> u.event().equals(
                    "last_trade_price") && u.top().lastTradePrice().compareTo(new BigDecimal("0.42")) == 0));
            p.sim.setTickSize(token, new BigDecimal("0.001"));
            await().atMost(AWAIT).until(() -> p.pool.book(token).orElseThrow().tickSize()
                    .compareTo(new BigDecimal("0.001")) == 0);
            assertThat(p.listener.updates).anyMatch(u -> u.event().equals("tick_size_change"));
        }
    }

    @Test
    void droppedConnectionMakesBooksStaleUntilFreshSnapshots() {
        try (SimPool p = simPool(2)) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            p.sim.faults().dropAllConnections();
            await().atMost(AWAIT).until(() -> tokens.stream().allMatch(
                    t -> p.listener.statesOf(t).stream().anyMatch(s -> s.state() == TokenState.STALE)));
            p.awaitAll(tokens, TokenState.LIVE);
            assertThat(p.listener.reconnects).isNotEmpty();
            assertThat(p.listener.statesOf(tokens.get(0))).extracting(RecordingListener.StateChange::state)
                    .containsSubsequence(TokenState.PENDING, TokenState.LIVE, TokenState.STALE, TokenState.LIVE);
            // The new connection sent exactly one market subscribe with the whole set.
            ConnectionInfo now = p.sim.connections().get(0);
            List<JsonNode> typed = jsonFrames(now).stream().filter(f -> f.has("type")).toList();
            assertThat(typed).hasSize(1);
            assertThat(typed.get(0).get("assets_ids").size()).isEqualTo(tokens.size());
            assertThat(tokens).allMatch(p::agrees);
        }
    }

    @Test
    void frozenSocketIsDetectedThroughTheRestWitnessAndRecovers() {
        try (SimPool p = simPool(1)) {
            SimMarket market = p.sim.markets().get(0);
            String token = market.yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);

            p.sim.faults().freeze(true);
            SimBook before = p.sim.book(token);
            BigDecimal newBid = before.bids().get(1).price();
            p.sim.setLevel(token, SimSide.BUY, before.bestBid(), BigDecimal.ZERO);
            await().atMost(AWAIT).until(() -> p.listener.reconnects.contains("frozen"));
            assertThat(p.listener.sockets).anyMatch(s -> s.state() == SocketState.FROZEN);
            await().atMost(AWAIT).until(() -> p.state(token) == TokenState.STALE);
            assertThat(p.listener.statesOf(token).get(p.listener.statesOf(token).size() - 1).reason())
                    .contains("frozen");

            p.sim.faults().freeze(false);
            p.awaitAll(List.of(token), TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.agrees(token));
            assertThat(p.pool.book(token).orElseThrow().top().bestBid()).isEqualByComparingTo(newBid);
        }
    }

    @Test
    void frozenSocketIsCaughtEvenWhenOnlyTheLastTokenMoves() {
        try (SimPool p = simPool(3)) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            p.sim.faults().freeze(true);
            String last = tokens.get(tokens.size() - 1);
            SimBook before = p.sim.book(last);
            p.sim.setLevel(last, before.asks().isEmpty() ? SimSide.BUY : SimSide.SELL,
                    before.asks().isEmpty() ? before.bestBid() : before.bestAsk(), BigDecimal.ZERO);
            await().atMost(AWAIT).until(() -> p.listener.reconnects.contains("frozen"));
            p.sim.faults().freeze(false);
            p.awaitAll(tokens, TokenState.LIVE);
            await().atMost(AWAIT).until(() -> tokens.stream().allMatch(p::agrees));
        }
    }

    @Test
    void quietMarketIsNotMistakenForAFrozenSocket() {
        try (SimPool p = simPool(1)) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            p.sim.trade(tokens.get(0), new BigDecimal("0.5"), BigDecimal.ONE, SimSide.SELL);
            // Three silence timeouts without data: the witness is asked, REST agrees, nothing reconnects.
            await().during(Duration.ofMillis(2600)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.listener.reconnects.isEmpty() && tokens.stream()
                            .allMatch(t -> p.state(t) == TokenState.LIVE));
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void silentSocketIsReplacedEvenWhenTheRestWitnessCannotAnswer() {
        // REST points at a port nothing listens on: the witness fails every time, which must not keep a
        // silent socket forever (issue 9): it is replaced after 3 silence timeouts, the failures counted.
        java.net.URI deadRest;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadRest = java.net.URI.create("http://127.0.0.1:" + probe.getLocalPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.net.URI rest = deadRest;
        try (SimPool p = new SimPool(1, c -> SimPool.withRestUrl(c, rest))) {
            String token = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            p.sim.faults().freeze(true);
            await().atMost(AWAIT).until(() -> p.listener.reconnects.contains("silence"));
            assertThat(p.listener.witnessFailures).isNotEmpty().allMatch(f -> f == WitnessFailure.IO);
            assertThat(p.listener.statesOf(token)).extracting(RecordingListener.StateChange::state)
                    .contains(TokenState.STALE);
            SocketStatus socket = p.pool.status().sockets().get(0);
            assertThat(socket.witnessFailures()).isPositive();
            assertThat(socket.lastWitnessFailure()).startsWith("io");
            p.sim.faults().freeze(false);
            p.awaitAll(List.of(token), TokenState.LIVE);
        }
    }

    @Test
    void handshakeRefusedWith429BacksOffInsteadOfHammering() {
        try (SimPool p = simPool(1)) {
            List<String> tokens = p.sim.tokenIds();
            p.sim.faults().refuseConnections(429);
            p.pool.addTokens(tokens);
            p.pool.start();
            await().atMost(AWAIT).until(() -> p.sim.connectionAttempts() >= 3);
            long start = System.nanoTime();
            int first = p.sim.connectionAttempts();
            await().pollDelay(Duration.ofMillis(2000)).atMost(AWAIT).until(() -> true);
            double seconds = (System.nanoTime() - start) / 1e9;
            int during = p.sim.connectionAttempts() - first;
            // Backoff 50 ms doubling to 400 ms (jittered 200-400): about 5-10 per 2 s; a hammer would be 100s.
            assertThat(during / seconds).as("attempts per second").isLessThan(8);
            assertThat(p.pool.status().sockets().get(0).lastError()).contains("429");
            assertThat(p.pool.status().sockets().get(0).state()).isNotEqualTo(SocketState.CONNECTED);
            assertThat(tokens).allMatch(t -> p.state(t) == TokenState.PENDING);

            p.sim.faults().acceptConnections();
            p.awaitAll(tokens, TokenState.LIVE);
        }
    }

    @Test
    void acceptThenCloseKeepsGrowingTheBackoff() {
        try (SimPool p = simPool(1)) {
            List<String> tokens = p.sim.tokenIds();
            p.sim.faults().acceptThenClose(true);
            p.pool.addTokens(tokens);
            p.pool.start();
            await().atMost(AWAIT).until(() -> p.sim.connectionAttempts() >= 4);
            int first = p.sim.connectionAttempts();
            long start = System.nanoTime();
            await().pollDelay(Duration.ofMillis(2000)).atMost(AWAIT).until(() -> true);
            double seconds = (System.nanoTime() - start) / 1e9;
            int during = p.sim.connectionAttempts() - first;
            // Reset on open would reconnect every 25-50 ms (20+ per second); grown backoff is 200-400 ms.
            assertThat(during / seconds).as("attempts per second").isLessThan(8);
            assertThat(p.listener.reconnects).isNotEmpty().allMatch(r -> r.equals("closed") || r.equals("error"));

            p.sim.faults().acceptThenClose(false);
            p.awaitAll(tokens, TokenState.LIVE);
        }
    }

    @Test
    void tokenWithoutFirstBookIsRetriedThenFailed() {
        try (SimPool p = simPool(2)) {
            List<String> tokens = p.sim.tokenIds();
            String stalled = tokens.get(1);
            p.sim.faults().stallToken(stalled, true);
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens.stream().filter(t -> !t.equals(stalled)).toList(), TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.state(stalled) == TokenState.FAILED);
            assertThat(p.listener.resyncs).filteredOn(r -> r.tokenId().equals(stalled))
                    .extracting(RecordingListener.Resync::reason)
                    .containsExactly("first_book_timeout", "first_book_timeout", "first_book_timeout");
            assertThat(p.pool.tokenStatus(stalled).orElseThrow().reason()).contains("no book");
            // Each retry is an unsubscribe + subscribe of that token only, on the open socket.
            List<JsonNode> ops = jsonFrames(p.sim.connections().get(0)).stream()
                    .filter(f -> f.has("operation")).toList();
            assertThat(ops).hasSize(6).allSatisfy(f -> assertThat(f.get("assets_ids").get(0).stringValue())
                    .isEqualTo(stalled));
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void failedTokenIsSubscribedAfreshLaterAndRecovers() {
        try (SimPool p = new SimPool(2, c -> c, Duration.ofMillis(800))) {
            List<String> tokens = p.sim.tokenIds();
            String stalled = tokens.get(1);
            p.sim.faults().stallToken(stalled, true);
            p.pool.addTokens(tokens);
            p.pool.start();
            await().atMost(AWAIT).until(() -> p.state(stalled) == TokenState.FAILED);
            assertThat(p.listener.resyncs).filteredOn(r -> r.tokenId().equals(stalled))
                    .extracting(RecordingListener.Resync::reason)
                    .containsExactly("first_book_timeout", "first_book_timeout", "first_book_timeout");
            // Still stalled: the fresh subscribe gets no book and the token stays FAILED, not PENDING.
            await().atMost(AWAIT).until(() -> p.listener.resyncs.contains(
                    new RecordingListener.Resync(stalled, "failed_retry")));
            assertThat(p.state(stalled)).isEqualTo(TokenState.FAILED);

            p.sim.faults().stallToken(stalled, false);
            await().atMost(AWAIT).until(() -> p.state(stalled) == TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.agrees(stalled));
            assertThat(tokens).allMatch(t -> p.state(t) == TokenState.LIVE);
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void reconnectToAFrozenServerBlamesTheSocketNotTheTokens() {
        try (SimPool p = simPool(2)) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);

            p.sim.faults().freeze(true);
            p.sim.faults().dropAllConnections();
            // The reconnect lands on a server that answers PING only: after the first-book timeout the
            // socket is dropped as frozen; no token is resubscribed or failed for it.
            await().atMost(AWAIT).until(() -> p.listener.reconnects.contains("frozen"));
            assertThat(p.pool.status().sockets().get(0).lastError()).contains("no data at all");
            assertThat(p.listener.resyncs).isEmpty();
            assertThat(tokens).noneMatch(t -> p.state(t) == TokenState.FAILED);

            p.sim.faults().freeze(false);
            p.awaitAll(tokens, TokenState.LIVE);
            await().atMost(AWAIT).until(() -> tokens.stream().allMatch(p::agrees));
            assertThat(p.listener.states).noneMatch(s -> s.state() == TokenState.FAILED);
        }
    }

    @Test
    void tokensFailedDuringALongFreezeRecoverWhenItThaws() {
        try (SimPool p = new SimPool(1, c -> c, Duration.ofMillis(800))) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);

            p.sim.faults().freeze(true);
            p.sim.faults().dropAllConnections();
            // Frozen through every socket-level retry: the tokens end FAILED, yet are not abandoned.
            p.awaitAll(tokens, TokenState.FAILED);
            assertThat(p.listener.reconnects.stream().filter("frozen"::equals).count())
                    .isEqualTo(p.config.firstBookRetries());

            p.sim.faults().freeze(false);
            p.awaitAll(tokens, TokenState.LIVE);
            assertThat(p.listener.resyncs).extracting(RecordingListener.Resync::reason).contains("failed_retry");
            await().atMost(AWAIT).until(() -> tokens.stream().allMatch(p::agrees));
        }
    }

    @Test
    void missedUpdateIsDetectedAsDesyncAndRepairedByResubscribing() {
        try (SimPool p = simPool(1)) {
            SimMarket market = p.sim.markets().get(0);
            String token = market.yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            SimBook book = p.sim.book(token);
            assertThat(book.bids()).hasSizeGreaterThanOrEqualTo(2);

            p.sim.faults().dropUpdates(token, 1);
            p.sim.setLevel(token, SimSide.BUY, book.bestBid(), BigDecimal.ZERO); // lost: the best bid is gone
            SimLevel deepest = book.bids().get(book.bids().size() - 1);
            for (int i = 1; i <= 3; i++) {
                p.sim.setLevel(token, SimSide.BUY, deepest.price(), deepest.size().add(BigDecimal.valueOf(i)));
            }
            await().atMost(AWAIT).until(() -> p.listener.resyncs.contains(new RecordingListener.Resync(token, "desync")));
            assertThat(p.listener.statesOf(token)).extracting(RecordingListener.StateChange::state)
                    .contains(TokenState.DESYNCED);
            p.awaitAll(List.of(token), TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.agrees(token));
            assertThat(p.pool.book(token).orElseThrow().top().bestBid()).isEqualByComparingTo(book.bids().get(1).price());
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void oneOrTwoMismatchingFramesAreToleratedWhenTheBookCatchesUp() {
        try (SimPool p = simPool(1)) {
            String token = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            SimBook book = p.sim.book(token);
            SimLevel best = book.bids().get(0);
            SimLevel deepest = book.bids().get(book.bids().size() - 1);

            p.sim.faults().dropUpdates(token, 1);
            p.sim.setLevel(token, SimSide.BUY, best.price(), BigDecimal.ZERO); // lost
            p.sim.setLevel(token, SimSide.BUY, deepest.price(), deepest.size().add(BigDecimal.ONE)); // mismatch 1
            p.sim.setLevel(token, SimSide.BUY, deepest.price(), deepest.size().add(BigDecimal.valueOf(2))); // mismatch 2
            p.sim.setLevel(token, SimSide.BUY, best.price(), best.size()); // exchange back where we are: agree
            for (int i = 3; i <= 5; i++) {
                p.sim.setLevel(token, SimSide.BUY, deepest.price(), deepest.size().add(BigDecimal.valueOf(i)));
            }
            BigDecimal lastSize = deepest.size().add(BigDecimal.valueOf(5));
            await().atMost(AWAIT).until(() -> p.pool.book(token).orElseThrow().bids().stream()
                    .anyMatch(l -> l.price().compareTo(deepest.price()) == 0 && l.size().compareTo(lastSize) == 0));
            assertThat(p.listener.resyncs).isEmpty();
            assertThat(p.listener.statesOf(token)).extracting(RecordingListener.StateChange::state)
                    .containsExactly(TokenState.PENDING, TokenState.LIVE);
            assertThat(p.agrees(token)).isTrue();
        }
    }

    @Test
    void garbageFramesAreCountedAndTheSocketKeepsWorking() {
        try (SimPool p = simPool(1)) {
            String token = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);

            p.sim.faults().sendRaw("INVALID OPERATION");
            p.sim.faults().sendRaw("{\"event_type\":\"book\",\"asset_id\":\"" + token + "\",\"bids\":[{\"pri");
            p.sim.faults().sendRaw("not json at all {");
            p.sim.faults().sendRaw("[{\"event_type\":\"price_change\",\"market\":\"0x1\",\"timestamp\":\"1\"}]");
            p.sim.faults().sendRaw("{\"event_type\":\"brand_new_event\"}");
            p.sim.faults().sendRaw("{\"event_type\":\"price_change\",\"asset_id\":\"" + token
                    + "\",\"market\":\"0x1\",\"timestamp\":\"1\",\"changes\":[{\"price\":\"0.4\",\"side\":\"SELL\",\"size\":\"1\"}]}");
            await().atMost(AWAIT).until(() -> p.listener.frames("error_text") >= 2 && p.listener.frames("malformed") >= 2
                    && p.listener.frames("unknown") >= 1 && p.listener.frames("legacy_price_change") >= 1);

            SimBook book = p.sim.book(token);
            BigDecimal newAsk = book.asks().get(1).price();
            p.sim.setLevel(token, SimSide.SELL, book.bestAsk(), BigDecimal.ZERO);
            await().atMost(AWAIT).until(() -> p.pool.book(token).orElseThrow().top().bestAsk().compareTo(newAsk) == 0);
            assertThat(p.state(token)).isEqualTo(TokenState.LIVE);
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
            assertThat(p.listener.reconnects).isEmpty();
        }
    }

    @Test
    void unreachableUpstreamNeverThrowsAndKeepsRetrying() {
        UpstreamConfig config;
        try (SimPool p = simPool(1)) {
            config = p.config;
        }
        // The simulator is closed: nothing listens on its ports any more.
        RecordingListener listener = new RecordingListener();
        try (UpstreamPool pool = new UpstreamPool(config, listener, java.time.Clock.systemUTC())) {
            pool.addTokens(List.of("123"));
            pool.start();
            await().atMost(AWAIT).until(() -> listener.reconnects.size() >= 3);
            assertThat(pool.status().sockets().get(0).state()).isIn(SocketState.DOWN, SocketState.CONNECTING);
            assertThat(pool.status().sockets().get(0).lastError()).isNotBlank();
            assertThat(pool.tokenStatus("123").orElseThrow().state()).isEqualTo(TokenState.PENDING);
        }
    }
}
