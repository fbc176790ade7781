package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
    void whateverTheArrivalOrderAcceptedSeqsRiseAndTheHighestIsKept() {
        Random random = new Random(20261125);
        for (int run = 0; run < 500; run++) {
            TickDeduplicator dedup = new TickDeduplicator();
            List<Long> arrivals = new ArrayList<>();
            for (long seq = 1; seq <= 40; seq++) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    arrivals.add(seq);
                }
            }
            for (int swaps = random.nextInt(30); swaps > 0; swaps--) {
                Collections.swap(arrivals, random.nextInt(arrivals.size()), random.nextInt(arrivals.size()));
            }

            long last = Long.MIN_VALUE;
            Map<TickDeduplicator.Outcome, Integer> outcomes = new EnumMap<>(TickDeduplicator.Outcome.class);
            for (long seq : arrivals) {
                TickDeduplicator.Outcome outcome = dedup.offer(tick("1", "e1", seq));
                outcomes.merge(outcome, 1, Integer::sum);
                if (outcome == ACCEPTED) {
                    assertThat(seq).as("run %d: %s", run, arrivals).isGreaterThan(last);
                    last = seq;
                } else {
                    assertThat(seq).isLessThanOrEqualTo(last);
                    assertThat(outcome).isEqualTo(seq == last ? DUPLICATE : STALE);
                }
            }
            assertThat(dedup.latest("1")).map(Tick::seq).contains(40L);
            assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(arrivals.size());
        }
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
