package dev.polymaker.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The relay benchmark's client counts ticks only, and reports how long the feed-status heart-beat went silent. */
class StompCountingClientTest {

    private static final String TICK = "MESSAGE\ndestination:/topic/ticks.111\nsubscription:s0\nmessage-id:1\n\n"
            + "{\"tokenId\":\"111\",\"seq\":1,\"exchangeTime\":1,\"publishedTime\":2}\0";
    private static final String STATUS = "MESSAGE\ndestination:/topic/feed-status\nsubscription:fs\nmessage-id:2\n\n"
            + "{\"epoch\":\"e-1\",\"upstream\":\"UP\"}\0";

    @Test
    void feedStatusIsNotCountedAsATickAndItsLongestSilenceIsReported() {
        AtomicLong now = new AtomicLong(1_000_000);
        StompCountingClient client = new StompCountingClient(now::get);
        client.longestFeedStatusGapSinceLastCall(); // the window starts now
        client.onText(TICK + STATUS);
        now.addAndGet(150);
        client.onText(STATUS + TICK);
        now.addAndGet(20);
        assertThat(client.messages()).isEqualTo(2);
        assertThat(client.longestFeedStatusGapSinceLastCall()).as("the 150 ms between the two").isEqualTo(150);

        now.addAndGet(120);
        assertThat(client.longestFeedStatusGapSinceLastCall()).as("no status at all: the silence up to now")
                .isEqualTo(120);
    }
}
