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
        // The same exchange instant with the same top of book: the state already fed, not fed again.
        assertThat(gate.admit(TickSource.SHARED, tick("e2", 2, 1000, 1002))).isEqualTo(DUPLICATE);
        assertThat(gate.admit(TickSource.SHARED, tick("e2", 3, 1001, 1003))).isEqualTo(ACCEPTED);
    }

    static Tick tick(String epoch, long seq, long exchangeTime, String bid, String ask) {
        return new Tick("1", "m", epoch, seq, TickState.LIVE, "price_change", new BigDecimal(bid), new BigDecimal(ask),
                null, new BigDecimal("0.01"), exchangeTime, exchangeTime + 2, exchangeTime + 3);
    }

    @Test
    void aReplicaSwitchFeedsOnlyTicksLaterByExchangeTime() {
        assertThat(gate.admit(TickSource.SHARED, tick("mds-a", 40, 5000, "0.50", "0.52"))).isEqualTo(ACCEPTED);
        // Replica B's seq numbers mean nothing next to A's: a high seq with an older exchange time is stale.
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 900, 4990, "0.49", "0.52"))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 901, 5010, "0.48", "0.52"))).isEqualTo(ACCEPTED);
        // From now on B is ordered by its own seq; a late tick of A is older than what B fed.
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 902, 5008, "0.47", "0.52"))).isEqualTo(ACCEPTED);
        assertThat(gate.admit(TickSource.SHARED, tick("mds-a", 41, 5005, "0.51", "0.52"))).isEqualTo(STALE);
    }

    @Test
    void atTheSameExchangeTimeTheSameTopIsADuplicateAndAnotherTopIsHeldBack() {
        gate.admit(TickSource.SHARED, tick("mds-a", 7, 5000, "0.50", "0.52"));
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 3, 5000, "0.500", "0.52"))).isEqualTo(DUPLICATE);
        // Same instant, other prices: which is newer cannot be told, so the strategy keeps what it has.
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 4, 5000, "0.51", "0.52"))).isEqualTo(STALE);
        assertThat(gate.admit(TickSource.SHARED, tick("mds-b", 5, 5001, "0.51", "0.52"))).isEqualTo(ACCEPTED);
    }

    @Test
    void aDifferentStateAtTheSameTimeIsNotTheSameTop() {
        Tick live = tick("mds-a", 7, 5000, "0.50", "0.52");
        Tick desynced = new Tick("1", "m", "mds-b", 2, TickState.DESYNCED, "state", live.bestBid(), live.bestAsk(), null,
                live.tickSize(), 5000, 5002, 5003);
        assertThat(TickGate.sameTop(live, desynced)).isFalse();
        assertThat(TickGate.sameTop(live, tick("mds-b", 1, 5000, "0.5", "0.520"))).isTrue();
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
