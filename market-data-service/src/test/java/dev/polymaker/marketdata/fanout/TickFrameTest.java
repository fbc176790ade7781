package dev.polymaker.marketdata.fanout;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.testing.marketdata.TickSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tick's frame with its JSON written by hand is the frame built from Jackson's bytes (the path
 * before, and still the one for relayed ticks and for ticks the writer refuses), to the character.
 * {@code LiveFeedTest} checks the same against the service's own configured mapper.
 */
public class TickFrameTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWrittenFrameIsTheFrameOfJacksonsBytes() {
        assertThat(sameFrames(json)).isGreaterThan(30);
    }

    @Test
    void aTickWhoseStringsNeedEscapingIsLeftToJackson() {
        for (Tick tick : TickSamples.needingEscapes()) {
            if (tick.tokenId().equals("1")) {
                assertThat(TickFrame.written(tick, 5)).as(tick.toString()).isNull();
            }
        }
    }

    /** Checks every writable sample, splicing two subscriptions with and without conflation; returns how many. */
    public static int sameFrames(JsonMapper json) {
        int checked = 0;
        long number = 1;
        for (Tick tick : TickSamples.writable()) {
            number = number * 7 + 3; // message numbers of different lengths
            TickFrame written = TickFrame.written(tick, number);
            TickFrame jackson = TickFrame.of(tick, number, json.writeValueAsBytes(tick));
            assertThat(written).as(tick.toString()).isEqualTo(jackson);
            for (long conflated : new long[] {0, 12}) {
                StringBuilder a = new StringBuilder();
                StringBuilder b = new StringBuilder();
                written.appendTo(a, "sub-1", conflated);
                jackson.appendTo(b, "sub-1", conflated);
                assertThat(a).hasToString(b.toString());
            }
            checked++;
        }
        return checked;
    }
}
