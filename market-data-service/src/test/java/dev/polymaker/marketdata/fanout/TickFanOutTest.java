package dev.polymaker.marketdata.fanout;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.support.RecordingWebSocketSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticks of one upstream frame reach a session in one write: with writers that run at once (the
 * worst case for batching: a writer takes whatever is there the moment it is woken), ticks published
 * one by one are two WebSocket messages, the same ticks published together one.
 */
class TickFanOutTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingWebSocketSession session = new RecordingWebSocketSession("s-1");
    private final List<String> written = session.written;
    private TickFanOut fanOut;

    @BeforeEach
    void sessionSubscribedToBothTokensOfAMarket() {
        fanOut = new TickFanOut(JsonMapper.builder().build(), new MarketDataMetrics(registry), Runnable::run, 1 << 20,
                Duration.ofSeconds(10), Clock.systemUTC());
        fanOut.open(session.session(), why -> written.add("CUT " + why));
        fanOut.subscribed("s-1", "sub-yes", "111");
        fanOut.subscribed("s-1", "sub-no", "222");
    }

    @Test
    void oneByOneIsOneWriteEach() {
        fanOut.publish(tick("111", 1));
        fanOut.publish(tick("222", 1));
        assertThat(written).hasSize(2);
    }

    @Test
    void theTicksOfOneFrameAreOneWriteInOrder() {
        fanOut.publishAll(List.of(tick("111", 1), tick("222", 1)));
        assertThat(written).singleElement().asString()
                .contains("subscription:sub-yes", "subscription:sub-no")
                .satisfies(message -> assertThat(message.indexOf("sub-yes")).isLessThan(message.indexOf("sub-no")));
        assertThat(registry.get("marketdata.ticks.published").counter().count()).isEqualTo(2.0);

        fanOut.publishAll(List.of(tick("111", 2), tick("111", 3)));
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).as("a token twice in one frame: the later, the earlier counted as conflated")
                .contains("\"seq\":3", "conflated:1").doesNotContain("\"seq\":2");
        assertThat(registry.get("marketdata.ticks.conflated").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aSessionNotSubscribedToAnyOfTheTicksIsNotWoken() {
        fanOut.publishAll(List.of(tick("333", 1), tick("444", 1)));
        assertThat(written).isEmpty();
        assertThat(registry.get("marketdata.ticks.published").counter().count()).isEqualTo(2.0);
    }

    private static Tick tick(String tokenId, long seq) {
        return new Tick(tokenId, "0xm", "e-1", seq, TickState.LIVE, TickEvent.PRICE_CHANGE, new BigDecimal("0.48"),
                new BigDecimal("0.52"), null, new BigDecimal("0.01"), 1_000, 1_001, 1_002);
    }
}
