package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.polymaker.trading.feed.TickGate.Verdict.ACCEPTED;
import static dev.polymaker.trading.feed.TickGate.Verdict.DUPLICATE;
import static dev.polymaker.trading.feed.TickGate.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;

class TickGateTest {

    private final TickGate gate = new TickGate();

    static Tick tick(String epoch, long seq, long exchangeTime, long receivedTime) {
        return new Tick("1", "m", epoch, seq, TickState.LIVE, "price_change", new BigDecimal("0.5"),
                new BigDecimal("0.51"), null, new BigDecimal("0.01"), exchangeTime, receivedTime, receivedTime);
    }

    @Test
    void sameSourceAndEpochIsOrderedBySeq() {
        assertThat(gate.admit(TickSource.SHARED, tick("e1", 5, 100, 100))).isEqualTo(ACCEPTED);
        assertThat(gate.admit(TickSource.SHARED, tick("e1", 5, 100, 100))).isEqualTo(DUPLICATE);
        assertThat(gate.admit(TickSource.SHARED, tick("e1", 4, 200, 200))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.SHARED, tick("e1", 6, 90, 90))).isEqualTo(ACCEPTED);
    }

    @Test
    void newEpochOnTheSameSourceIsJudgedByTime() {
        gate.admit(TickSource.SHARED, tick("e1", 50, 1000, 1000));
        assertThat(gate.admit(TickSource.SHARED, tick("e2", 1, 999, 1001))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.SHARED, tick("e2", 2, 1000, 1002))).isEqualTo(ACCEPTED);
    }

    @Test
    void afterASwitchNoOlderTickIsFedAfterANewerOne() {
        gate.admit(TickSource.SHARED, tick("mds", 10, 2000, 2001));
        // The direct pool's first book predates what the shared feed already delivered.
        assertThat(gate.admit(TickSource.DIRECT, tick("direct", 1, 1999, 2100))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.DIRECT, tick("direct", 2, 2005, 2110))).isEqualTo(ACCEPTED);
        // A late shared tick from before the switch is not fed either.
        assertThat(gate.admit(TickSource.SHARED, tick("mds", 11, 2003, 2120))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.SHARED, tick("mds", 12, 2010, 2130))).isEqualTo(ACCEPTED);
    }

    @Test
    void withoutExchangeTimesReceiveTimesDecide() {
        gate.admit(TickSource.SHARED, tick("mds", 3, 0, 500));
        assertThat(gate.admit(TickSource.DIRECT, tick("d", 1, 0, 499))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.DIRECT, tick("d", 2, 0, 501))).isEqualTo(ACCEPTED);
    }
}
