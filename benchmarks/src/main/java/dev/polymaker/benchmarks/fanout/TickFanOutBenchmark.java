package dev.polymaker.benchmarks.fanout;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.fanout.TickFanOut;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tick through market-data-service's fan-out as the dispatch thread publishes it: the real
 * {@link TickFanOut} serialises the tick and builds the shared STOMP frame once, then each of the
 * {@code consumers} sessions' real outbox writes it (one WebSocket message per tick: the writers run
 * on the calling thread here, so nothing waits to be batched). The sessions stand in for Tomcat's:
 * they only read the message's payload, so Tomcat's own UTF-8 encoding (into a buffer it keeps) is
 * not in the figure.
 * Run with {@code -prof gc}: bytes allocated per tick ({@code gc.alloc.rate.norm}) for 1 and 4
 * consumers give the per-tick part and the per-write part (docs/performance.md §5, third round).
 * Each op also builds its {@link Tick} (the sequencer does that too; about 80 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class TickFanOutBenchmark {

    /** A token id of Polymarket's length (77 digits). */
    static final String TOKEN = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
    static final String MARKET = "0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e";

    @Param({"1", "4"})
    public int consumers;

    private TickFanOut fanOut;
    private BigDecimal[] bids;
    private BigDecimal[] asks;
    private final BigDecimal tickSize = new BigDecimal("0.01");
    private long seq;
    private long written;

    @Setup(Level.Trial)
    public void subscribe() {
        fanOut = new TickFanOut(JsonMapper.builder().build(), new MarketDataMetrics(new SimpleMeterRegistry()),
                Runnable::run, 1 << 20, Duration.ofSeconds(10), Clock.systemUTC());
        for (int i = 0; i < consumers; i++) {
            String id = "session-" + i;
            fanOut.open(countingSession(id), why -> {
                throw new IllegalStateException("session cut off in a benchmark: " + why);
            });
            fanOut.subscribed(id, "sub-" + i, TOKEN);
        }
        bids = new BigDecimal[64];
        asks = new BigDecimal[64];
        for (int i = 0; i < 64; i++) {
            bids[i] = new BigDecimal("0." + (10 + i));
            asks[i] = new BigDecimal("0." + (11 + i));
        }
    }

    private WebSocketSession countingSession(String id) {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> true;
                    case "sendMessage" -> {
                        // The payload's characters: Spring's getPayloadLength() would encode it to UTF-8 once
                        // more, which Tomcat does into a buffer of its own (no array per message).
                        written += ((CharSequence) ((WebSocketMessage<?>) args[0]).getPayload()).length();
                        yield null;
                    }
                    case "toString" -> "counting session " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Characters written to all sessions so far (the smoke test checks that ticks arrive). */
    public long written() {
        return written;
    }

    @Benchmark
    public long publish() {
        long s = ++seq;
        int i = (int) (s & 63);
        long now = 1_764_080_000_000L + s;
        fanOut.publish(new Tick(TOKEN, MARKET, "mds-a1b2-1764080000000", s, TickState.LIVE, TickEvent.PRICE_CHANGE,
                bids[i], asks[i], null, tickSize, now - 3, now - 1, now, null));
        return written;
    }
}
