package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool against behaviours of the real exchange our first simulator lacked (issue 9): a witness
 * that fails, {@code ""} last trades, {@code []} for unknown tokens, resubscribes without a
 * {@code book}, taker sweeps framed out of order, and {@code market_resolved} on every shard.
 */
class ExchangeFidelityTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    /** PING every 10 min (no PONG arrives, the no-frame limit is 30 min), silence after 1 min of clock time. */
    private static UpstreamConfig clockConfig(ExchangeSimulator sim) {
        return new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofHours(1), 200, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(10),
                Duration.ofSeconds(2), 3, 3);
    }

    private static ExchangeSimulator sim(int markets) {
        return ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(markets).seed(7)
                .eventsPerSecond(0).build());
    }

    @Test
    void aSilentSocketWhoseWitnessGets500IsReplacedAtThreeSilenceTimeoutsNotBefore() {
        MutableClock clock = new MutableClock();
        RecordingListener listener = new RecordingListener();
        try (ExchangeSimulator sim = sim(1);
             UpstreamPool pool = new UpstreamPool(clockConfig(sim), listener, clock)) {
            List<String> tokens = sim.tokenIds();
            pool.addTokens(tokens);
            pool.start();
            await().atMost(AWAIT).until(() -> tokens.stream()
                    .allMatch(t -> pool.tokenStatus(t).orElseThrow().state() == TokenState.LIVE));
            sim.faults().failRest(500);

            clock.advance(Duration.ofSeconds(61));
            await().atMost(AWAIT).until(() -> listener.witnessFailures.size() == 1);
            assertThat(listener.witnessFailures).containsExactly(WitnessFailure.HTTP_ERROR);
            assertThat(pool.status().sockets().get(0).lastWitnessFailure()).startsWith("http_error").contains("500");
            clock.advance(Duration.ofSeconds(61));
            await().atMost(AWAIT).until(() -> listener.witnessFailures.size() == 2);
            clock.advance(Duration.ofSeconds(56)); // 178 s of silence: under 3 x 60 s
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(listener.reconnects::isEmpty);

            clock.advance(Duration.ofSeconds(3)); // 181 s
            await().atMost(AWAIT).until(() -> listener.reconnects.contains("silence"));
            assertThat(listener.statesOf(tokens.get(0))).extracting(RecordingListener.StateChange::state)
                    .contains(TokenState.STALE);
            assertThat(pool.status().sockets().get(0).lastError()).contains("no REST witness confirmed");
            // The replacement subscribes afresh: the books come back and the tokens are LIVE again.
            await().atMost(AWAIT).until(() -> tokens.stream()
                    .allMatch(t -> pool.tokenStatus(t).orElseThrow().state() == TokenState.LIVE));
            assertThat(sim.connectionAttempts()).isEqualTo(2);
        }
    }

    @Test
    void restBooksWithAnEmptyLastTradeStillWitnessAFrozenSocket() {
        MutableClock clock = new MutableClock();
        RecordingListener listener = new RecordingListener();
        try (ExchangeSimulator sim = sim(1);
             UpstreamPool pool = new UpstreamPool(clockConfig(sim), listener, clock)) {
            String token = sim.markets().get(0).yesTokenId();
            // The simulator's last market has not traded: REST says "last_trade_price": "".
            assertThat(sim.book(token).lastTradePrice()).isNull();
            pool.addTokens(List.of(token));
            pool.start();
            await().atMost(AWAIT).until(() -> pool.tokenStatus(token).orElseThrow().state() == TokenState.LIVE);
            assertThat(pool.book(token).orElseThrow().lastTradePrice()).isNull();

            sim.faults().freeze(true);
            SimBook before = sim.book(token);
            sim.setLevel(token, SimSide.BUY, before.bestBid(), BigDecimal.ZERO);
            clock.advance(Duration.ofSeconds(61));
            await().atMost(AWAIT).until(() -> listener.reconnects.contains("frozen"));
            assertThat(listener.witnessFailures).isEmpty();
        }
    }

    @Test
    void aTokenTheExchangeAnswersWithAnEmptyArrayAndRest404FailsAtOnceAsUnknownOrClosed() {
        try (SimPool p = new SimPool(1, c -> c)) {
            String known = p.sim.tokenIds().get(0);
            String unknown = "12345678901234567890123456789012345678901234567890123456789012345678901234";
            p.pool.addTokens(List.of(known, unknown));
            p.pool.start();
            await().atMost(AWAIT).until(() -> p.state(unknown) == TokenState.FAILED);
            assertThat(p.pool.tokenStatus(unknown).orElseThrow().reason()).contains("unknown or closed");
            assertThat(p.listener.frames("empty_answer")).isPositive();
            assertThat(p.state(known)).isEqualTo(TokenState.LIVE);
            // The socket is not blamed: no reconnect, one connection.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.listener.reconnects.isEmpty());
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void aDesyncedTokenIsRebuiltFromRestWhenTheResubscribeBringsNoBook() {
        try (SimPool p = new SimPool(1, c -> c)) {
            SimMarket market = p.sim.markets().get(0);
            String token = market.yesTokenId();
            p.pool.addTokens(List.of(token));
            p.pool.start();
            p.awaitAll(List.of(token), TokenState.LIVE);
            p.sim.faults().booklessResubscribe(true);

            // A lost update: the top we build disagrees with the exchange's for the following frames.
            SimBook book = p.sim.book(token);
            p.sim.faults().dropUpdates(token, 1);
            p.sim.setLevel(token, SimSide.BUY, book.bestBid(), BigDecimal.ZERO);
            BigDecimal deep = book.bids().get(book.bids().size() - 1).price();
            for (int i = 1; i <= 4; i++) {
                p.sim.setLevel(token, SimSide.BUY, deep, new BigDecimal(i * 10));
            }
            await().atMost(AWAIT).until(() -> p.listener.statesOf(token).stream()
                    .anyMatch(s -> s.state() == TokenState.DESYNCED));
            assertThat(p.listener.disagreements).contains(token);
            p.awaitAll(List.of(token), TokenState.LIVE);
            await().atMost(AWAIT).until(() -> p.agrees(token));
            // Deltas after the rebuild keep it right.
            p.sim.setLevel(token, SimSide.SELL, p.sim.book(token).bestAsk(), BigDecimal.ZERO);
            await().atMost(AWAIT).until(() -> p.agrees(token));
            assertThat(p.state(token)).isEqualTo(TokenState.LIVE);
            assertThat(p.sim.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void aTakerSweepFramedOutOfOrderIsNeverPublishedCrossedOrLocked() {
        try (SimPool p = new SimPool(1, c -> c)) {
            SimMarket market = p.sim.markets().get(0);
            String yes = market.yesTokenId();
            p.pool.addTokens(List.of(yes));
            p.pool.start();
            p.awaitAll(List.of(yes), TokenState.LIVE);
            p.sim.setBook(yes, List.of(new SimLevel(new BigDecimal("0.29"), new BigDecimal("50")),
                            new SimLevel(new BigDecimal("0.30"), new BigDecimal("10")),
                            new SimLevel(new BigDecimal("0.31"), new BigDecimal("10"))),
                    List.of(new SimLevel(new BigDecimal("0.35"), new BigDecimal("40"))));
            await().atMost(AWAIT).until(() -> p.agrees(yes));
            int before = p.listener.updates.size();

            // Sell 30 at 0.30: takes 0.31 and 0.30, 10 rest as the new best ask at 0.30. The exchange sends the
            // resting ask first: levels alone would read 0.31/0.30 (crossed), then 0.30/0.30 (locked).
            p.sim.sweep(yes, SimSide.SELL, new BigDecimal("0.30"), new BigDecimal("30"));
            await().atMost(AWAIT).until(() -> p.agrees(yes));
            List<TokenUpdate> after = new ArrayList<>(p.listener.updates.subList(before, p.listener.updates.size()));
            assertThat(after).isNotEmpty().noneMatch(u -> u.top().crossedOrLocked());
            TopOfBook last = after.get(after.size() - 1).top();
            assertThat(last.bestBid()).isEqualByComparingTo("0.29");
            assertThat(last.bestAsk()).isEqualByComparingTo("0.30");
            assertThat(p.state(yes)).isEqualTo(TokenState.LIVE);
        }
    }

    @Test
    void aSweepAcrossManyLevelsFramedOneRemovalAtATimeIsNotADesync() {
        try (SimPool p = new SimPool(1, c -> c)) {
            String yes = p.sim.markets().get(0).yesTokenId();
            p.pool.addTokens(List.of(yes));
            p.pool.start();
            p.awaitAll(List.of(yes), TokenState.LIVE);
            List<SimLevel> bids = new ArrayList<>(List.of(new SimLevel(new BigDecimal("0.25"), new BigDecimal("50"))));
            for (String price : List.of("0.27", "0.28", "0.29", "0.30", "0.31")) {
                bids.add(new SimLevel(new BigDecimal(price), new BigDecimal("10")));
            }
            p.sim.setBook(yes, bids, List.of(new SimLevel(new BigDecimal("0.35"), new BigDecimal("40"))));
            await().atMost(AWAIT).until(() -> p.agrees(yes));
            int states = p.listener.states.size();
            int disagreements = p.listener.disagreements.size();

            // Sell 60 at 0.27: takes five levels, 10 rest as the new best ask. The resting ask comes first, then
            // one removal per frame: the levels disagree with the stated top for five frames, each one closer.
            p.sim.sweep(yes, SimSide.SELL, new BigDecimal("0.27"), new BigDecimal("60"));
            await().atMost(AWAIT).until(() -> p.agrees(yes));
            await().atMost(AWAIT).until(() -> p.listener.disagreements.size() >= disagreements + 3);
            assertThat(p.pool.book(yes).orElseThrow().top().bestBid()).isEqualByComparingTo("0.25");
            assertThat(p.pool.book(yes).orElseThrow().top().bestAsk()).isEqualByComparingTo("0.27");
            assertThat(p.state(yes)).isEqualTo(TokenState.LIVE);
            assertThat(p.listener.states.subList(states, p.listener.states.size())).as("no DESYNCED on the way").isEmpty();
        }
    }

    @Test
    void theOtherOutcomeOfAResolvedMarketAskedForLaterIsResolvedAtOnce() {
        try (SimPool p = new SimPool(1, c -> c)) {
            SimMarket market = p.sim.markets().get(0);
            p.pool.addTokens(List.of(market.yesTokenId()));
            p.pool.start();
            p.awaitAll(List.of(market.yesTokenId()), TokenState.LIVE);
            p.sim.resolve(market.conditionId(), market.noTokenId());
            p.awaitAll(List.of(market.yesTokenId()), TokenState.RESOLVED);

            // Someone asks for the NO token afterwards: the exchange would answer its subscription with
            // nothing at all; the pool already knows how the market ended.
            p.pool.addTokens(List.of(market.noTokenId()));
            p.awaitAll(List.of(market.noTokenId()), TokenState.RESOLVED);
            assertThat(p.pool.tokenStatus(market.noTokenId()).orElseThrow().reason()).contains(market.noTokenId());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.state(market.noTokenId()) == TokenState.RESOLVED);
            assertThat(p.listener.resolutions).hasSize(1);
        }
    }

    @Test
    void marketResolvedOnEveryShardIsHandledOnce() {
        try (SimPool p = new SimPool(2, c -> SimPool.withMaxTokens(c, 1))) {
            List<String> tokens = p.sim.tokenIds();
            p.pool.addTokens(tokens);
            p.pool.start();
            p.awaitAll(tokens, TokenState.LIVE);
            assertThat(p.pool.status().sockets()).hasSize(4);
            SimMarket market = p.sim.markets().get(0);
            p.sim.resolve(market.conditionId(), market.noTokenId());

            p.awaitAll(List.of(market.yesTokenId(), market.noTokenId()), TokenState.RESOLVED);
            await().atMost(AWAIT).until(() -> p.listener.frames("market_resolved") == 4);
            assertThat(p.listener.resolutions).hasSize(1);
            MarketResolution resolution = p.listener.resolutions.get(0);
            assertThat(resolution.winningTokenId()).isEqualTo(market.noTokenId());
            assertThat(resolution.source()).isEqualTo(MarketResolution.Source.EXCHANGE);
            assertThat(p.pool.tokenStatus(market.yesTokenId()).orElseThrow().reason())
                    .contains(market.noTokenId());
            SimMarket other = p.sim.markets().get(1);
            assertThat(p.state(other.yesTokenId())).isEqualTo(TokenState.LIVE);
        }
    }
}
