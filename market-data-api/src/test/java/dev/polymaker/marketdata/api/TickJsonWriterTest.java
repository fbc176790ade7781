package dev.polymaker.marketdata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import dev.polymaker.testing.marketdata.TickSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written tick JSON is Jackson's, byte for byte, or refused (and then Jackson writes it). */
class TickJsonWriterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyWritableTickIsWrittenExactlyAsJacksonWritesIt() {
        assertThat(TickSamples.writable()).hasSizeGreaterThan(30);
        for (Tick tick : TickSamples.writable()) {
            StringBuilder out = new StringBuilder("prefix:");
            assertThat(TickJsonWriter.append(tick, out)).as(tick.toString()).isTrue();
            String written = out.substring("prefix:".length());
            byte[] jackson = json.writeValueAsBytes(tick);

            assertThat(written).isEqualTo(json.writeValueAsString(tick));
            assertThat(written.getBytes(StandardCharsets.UTF_8)).isEqualTo(jackson);
            assertThat(TickJsonWriter.utf8Length(out, "prefix:".length(), out.length())).isEqualTo(jackson.length);
            assertThat(json.readValue(written, Tick.class)).isEqualTo(tick);
        }
    }

    @Test
    void aTickWithAStringThatNeedsEscapingIsRefusedAndTheBufferLeftAsItWas() {
        for (Tick tick : TickSamples.needingEscapes()) {
            StringBuilder out = new StringBuilder("prefix:");
            assertThat(TickJsonWriter.append(tick, out)).as(tick.toString()).isFalse();
            assertThat(out).hasToString("prefix:");
        }
    }
}
