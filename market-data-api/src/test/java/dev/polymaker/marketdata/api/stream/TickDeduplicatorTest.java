package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import org.junit.jupiter.api.Test;

import static dev.polymaker.marketdata.api.stream.TickDeduplicator.Outcome.ACCEPTED;
import static dev.polymaker.marketdata.api.stream.TickDeduplicator.Outcome.DUPLICATE;
import static dev.polymaker.marketdata.api.stream.TickDeduplicator.Outcome.STALE;
import static org.assertj.core.api.Assertions.assertThat;

class TickDeduplicatorTest {

    private final TickDeduplicator dedup = new TickDeduplicator();

    @Test
    void higherSeqIsAcceptedEqualIsDuplicateLowerIsStale() {
        assertThat(dedup.offer(tick("1", "e1", 5))).isEqualTo(ACCEPTED);
        assertThat(dedup.offer(tick("1", "e1", 6))).isEqualTo(ACCEPTED);
        assertThat(dedup.offer(tick("1", "e1", 6))).isEqualTo(DUPLICATE);
        assertThat(dedup.offer(tick("1", "e1", 4))).isEqualTo(STALE);
        assertThat(dedup.latest("1")).map(Tick::seq).contains(6L);
    }

    @Test
    void aNewEpochResetsEvenToALowerSeq() {
        dedup.offer(tick("1", "e1", 50));
        assertThat(dedup.offer(tick("1", "e2", 1))).isEqualTo(ACCEPTED);
        assertThat(dedup.offer(tick("1", "e2", 1))).isEqualTo(DUPLICATE);
        assertThat(dedup.latest("1")).map(t -> t.epoch() + "/" + t.seq()).contains("e2/1");
    }

    @Test
    void tokensAreIndependentAndForgottenOnRequest() {
        dedup.offer(tick("1", "e1", 9));
        assertThat(dedup.offer(tick("2", "e1", 1))).isEqualTo(ACCEPTED);
        dedup.forget("1");
        assertThat(dedup.latest("1")).isEmpty();
        assertThat(dedup.offer(tick("1", "e1", 3))).isEqualTo(ACCEPTED);
    }

    @Test
    void labelsAreTheMetricOutcomes() {
        assertThat(DUPLICATE.label()).isEqualTo("duplicate");
        assertThat(STALE.label()).isEqualTo("stale");
        assertThat(ACCEPTED.label()).isEqualTo("accepted");
    }

    private static Tick tick(String token, String epoch, long seq) {
        return new Tick(token, "0x1", epoch, seq, TickState.LIVE, "book", null, null, null, null, 0, 0, 0);
    }
}
