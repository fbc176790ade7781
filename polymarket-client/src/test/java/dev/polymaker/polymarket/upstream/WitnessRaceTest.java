package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import java.time.Clock;
import dev.polymaker.support.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.polymarket.rest.RestBook;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST witness of a silent socket answers asynchronously; data that arrives before its
 * answer makes the answer moot. Driven step by step: the injected clock makes the socket silent,
 * the watchdog is run by hand, and the witness answers when the test completes its future.
 */
class WitnessRaceTest {

    private final MutableClock clock = new MutableClock();
    private final RecordingListener listener = new RecordingListener();
    private final AtomicReference<List<String>> asked = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<List<RestBook>>> answer = new AtomicReference<>();
    private ExchangeSimulator sim;
    private ScheduledThreadPoolExecutor scheduler;
    private ListenerQueue<UpstreamListener> dispatcher;
    private MarketChannel channel;

    @BeforeEach
    void connect() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(1).seed(7)
                .eventsPerSecond(0).build());
        // PING every 10 min of real time and first books due after an hour: only the silence watchdog can fire.
        UpstreamConfig config = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMinutes(10),
                Duration.ofMinutes(1), Duration.ofHours(1), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
        scheduler = new ScheduledThreadPoolExecutor(1);
        dispatcher = UpstreamPool.listenerQueue("witness-test-dispatch", 10_000, listener, Clock.systemUTC());
        channel = new MarketChannel(1, config, Duration.ofMinutes(5), clock, HttpClient.newHttpClient(), scheduler,
                dispatcher, new BookRest() {
                    @Override
                    public CompletableFuture<List<RestBook>> books(List<String> tokenIds) {
                        CompletableFuture<List<RestBook>> future = new CompletableFuture<>();
                        asked.set(tokenIds);
                        answer.set(future);
                        return future;
                    }

                    @Override
                    public CompletableFuture<RestBook> book(String tokenId) {
                        return new CompletableFuture<>(); // never answers: this test is about the witness
                    }
                }, resolved -> { });
        channel.addTokens(sim.tokenIds());
        channel.start(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.tokenIds().stream()
                .allMatch(t -> channel.tokenStatus(t).orElseThrow().state() == TokenState.LIVE));
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        dispatcher.close();
        sim.close();
    }

    @Test
    void movedRestBookOfASilentSocketMeansFrozen() throws Exception {
        clock.advance(Duration.ofSeconds(61));
        channel.checkWatchdogs();
        assertThat(answer.get()).as("witness asked").isNotNull();

        answerThatTheBooksMoved();

        assertThat(channel.status().reconnects()).isEqualTo(1);
        assertThat(channel.status().lastError()).contains("frozen");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.reconnects.contains("frozen"));
    }

    @Test
    void dataArrivingWhileTheWitnessIsAskedDiscardsItsVerdict() throws Exception {
        clock.advance(Duration.ofSeconds(61));
        channel.checkWatchdogs();
        assertThat(answer.get()).as("witness asked").isNotNull();

        // The socket speaks again just as the silence timeout expired.
        String token = sim.tokenIds().get(0);
        SimBook before = sim.book(token);
        sim.setLevel(token, SimSide.BUY, before.bestBid(), BigDecimal.ZERO);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.lastDataTime() == clock.millis());

        answerThatTheBooksMoved();

        SocketStatus status = channel.status();
        assertThat(status.state()).isEqualTo(SocketState.CONNECTED);
        assertThat(status.reconnects()).isZero();
        assertThat(sim.tokenIds()).allMatch(t -> channel.tokenStatus(t).orElseThrow().state() == TokenState.LIVE);
        assertThat(sim.connectionAttempts()).isEqualTo(1);
    }

    /** Completes the witness with REST books newer than ours and with another best bid, then lets it be judged. */
    private void answerThatTheBooksMoved() throws Exception {
        List<RestBook> moved = asked.get().stream()
                .map(tokenId -> new RestBook("market", tokenId, Long.MAX_VALUE / 4, "moved",
                        List.of(new PriceLevel(new BigDecimal("0.001"), BigDecimal.ONE)), List.of(), BigDecimal.ONE,
                        new BigDecimal("0.001"), false, null))
                .toList();
        answer.get().complete(moved);
        // The verdict is judged on the single scheduler thread: a task queued after it runs after it.
        scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
