package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket on a hand-driven clock: nothing sleeps. */
class TokenBucketTest {

    static final long MS = 1_000_000L;
    final AtomicLong now = new AtomicLong(1_000 * MS);

    @Test
    void burstIsServedAtOnceThenTheRateApplies() {
        TokenBucket b = new TokenBucket(40, 60, now::get);
        for (int i = 0; i < 60; i++) {
            assertThat(b.reserve(1, 0)).isZero();
        }
        assertThat(b.reserve(1, 0)).isEqualTo(-1);
        // the 61st waits one token at 40/s: 25 ms
        assertThat(b.reserve(1, 100 * MS)).isEqualTo(25 * MS);
        now.addAndGet(25 * MS);
        assertThat(b.available()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        now.addAndGet(500 * MS);
        assertThat(b.available()).isCloseTo(20, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void reservationsQueueBehindEachOther() {
        TokenBucket b = new TokenBucket(10, 2, now::get);
        assertThat(b.reserve(2, 0)).isZero();
        assertThat(b.reserve(1, 1_000 * MS)).isEqualTo(100 * MS);
        assertThat(b.reserve(1, 1_000 * MS)).isEqualTo(200 * MS);
        assertThat(b.available()).isEqualTo(-2);
    }

    @Test
    void aCostAboveTheBurstNeverFitsAndTakesNothing() {
        TokenBucket b = new TokenBucket(80, 120, now::get);
        assertThat(b.reserve(121, Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(b.available()).isEqualTo(120);
        assertThat(b.reserve(120, 0)).isZero();
    }

    @Test
    void aRefusalTakesNothingAndSaysHowLongToWait() {
        TokenBucket b = new TokenBucket(1, 5, now::get);
        b.reserve(5, 0);
        assertThat(b.reserve(2, 1_000 * MS)).isEqualTo(-1);
        assertThat(b.nanosUntil(2)).isEqualTo(2_000 * MS);
        now.addAndGet(10_000 * MS);
        assertThat(b.available()).isEqualTo(5);
    }

    @Test
    void theExchangesRemainingCountLowersOurs() {
        TokenBucket b = new TokenBucket(10, 20, now::get);
        b.observeRemaining(3);
        assertThat(b.available()).isEqualTo(3);
        b.observeRemaining(50);
        assertThat(b.available()).isEqualTo(3);
    }

    @Test
    void aSmallerTierDropsTokensAboveTheNewBurst() {
        TokenBucket b = new TokenBucket(40, 60, now::get);
        b.configure(5, 10);
        assertThat(b.available()).isEqualTo(10);
        assertThat(b.burst()).isEqualTo(10);
    }
}
