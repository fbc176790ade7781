package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ordering contract checked on what a feed delivered (docs/architecture.md §3.10). */
public final class FeedTestTicks {

    private FeedTestTicks() {
    }

    /** Across every change of source or epoch, a fed tick is never older than the one fed before it. */
    public static void assertNeverOlderAfterNewer(List<Tick> ticks) {
        Map<String, Tick> last = new HashMap<>();
        for (Tick t : ticks) {
            Tick prev = last.put(t.tokenId(), t);
            if (prev == null) {
                continue;
            }
            if (prev.epoch().equals(t.epoch())) {
                assertThat(t.seq()).as("seq order within %s", t.epoch()).isGreaterThan(prev.seq());
            } else {
                assertThat(t.exchangeTime()).as("tick %s/%d after %s/%d", t.epoch(), t.seq(), prev.epoch(), prev.seq())
                        .isGreaterThan(prev.exchangeTime());
            }
        }
    }
}
