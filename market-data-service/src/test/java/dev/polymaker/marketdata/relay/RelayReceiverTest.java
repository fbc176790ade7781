package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.fanout.TickFanOut;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.stomp.BrokerAvailability;
import dev.polymaker.marketdata.support.RecordingWebSocketSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What comes back through the broker's namespace (docs/architecture.md §3.6): tick batches are
 * split into their ticks and delivered to the sessions subscribed to each token; a line that is
 * not a tick, a tick sent on its own, or another epoch's message is dropped and counted, and the
 * rest of the batch still flows.
 */
class RelayReceiverTest {

    private static final Pattern DELIVERED = Pattern.compile("\\{\"tokenId\":\"(\\d+)\",\"seq\":(\\d+)}");
    private final RelayNamespace namespace = new RelayNamespace("mds-a");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketDataMetrics metrics = new MarketDataMetrics(registry);
    private final RecordingWebSocketSession session = new RecordingWebSocketSession("s-1");
    private final List<String> written = session.written;
    private RelayReceiver receiver;

    @BeforeEach
    void sessionSubscribedToToken111() {
        JsonMapper json = JsonMapper.builder().build();
        TickFanOut fanOut = new TickFanOut(json, metrics, Runnable::run, 1 << 20, Duration.ofSeconds(10), Clock.systemUTC());
        fanOut.open(session.session(), why -> written.add("CUT " + why));
        fanOut.subscribed("s-1", "sub-0", "111");
        receiver = new RelayReceiver("epoch-1", namespace, json,
                new BrokerAvailability("test", true, false, Clock.systemUTC()), metrics, Clock.systemUTC());
        receiver.deliverTo(null, fanOut);
    }

    @Test
    void aBatchIsSplitIntoItsTicksInOrderAndEachGoesToItsTokensSubscribers() {
        receiver.message(namespace.tickBatches(), "epoch-1", body(tick("111", 1), tick("222", 1), tick("111", 2)));
        assertThat(delivered()).containsExactly("111 seq 1", "111 seq 2");
        assertThat(receiver.lastDelivered("222")).get().extracting(RelayReceiver.RelayedTick::seq).isEqualTo(1L);
        assertThat(foreign()).isZero();
    }

    @Test
    void aLineThatIsNotATickIsDroppedAndCountedAndTheRestOfTheBatchFlows() {
        receiver.message(namespace.tickBatches(), "epoch-1",
                body(tick("111", 1), "{\"tokenId\":\"111\"}", "not json", "{\"tokenId\":\"x-1\",\"seq\":9}", tick("111", 2)));
        assertThat(delivered()).containsExactly("111 seq 1", "111 seq 2");
        assertThat(foreign()).isEqualTo(3);
    }

    @Test
    void anotherEpochOrATickSentOnItsOwnIsDroppedAndCounted() {
        receiver.message(namespace.tickBatches(), "epoch-0", body(tick("111", 5)));
        receiver.message(namespace.toBroker("/topic/ticks.111"), "epoch-1", body(tick("111", 6)));
        assertThat(delivered()).isEmpty();
        assertThat(foreign()).isEqualTo(2);
        assertThat(receiver.lastDelivered("111")).isEmpty();
    }

    private double foreign() {
        return registry.find("marketdata.relay.foreign.messages").counter().count();
    }

    private static String tick(String tokenId, long seq) {
        return "{\"tokenId\":\"" + tokenId + "\",\"seq\":" + seq + "}";
    }

    private static byte[] body(String... lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private List<String> delivered() {
        List<String> out = new ArrayList<>();
        for (String message : written) {
            Matcher m = DELIVERED.matcher(message);
            while (m.find()) {
                out.add(m.group(1) + " seq " + m.group(2));
            }
        }
        return out;
    }
}
