package dev.polymaker.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithTheUpperHalfOfEachStep() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.999_999);
        assertThat(IntStream.range(0, 6).mapToLong(i -> top.next().toMillis()).toArray())
                .containsExactly(99L, 199L, 399L, 799L, 999L, 999L);

        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.0);
        assertThat(IntStream.range(0, 6).mapToLong(i -> bottom.next().toMillis()).toArray())
                .containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void resetStartsOverFromTheInitialDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), () -> 0.0);
        for (int i = 0; i < 40; i++) {
            backoff.next();
        }
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void countsTheFailuresUntilReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.0);
        backoff.next();
        backoff.next();
        backoff.next();
        assertThat(backoff.failures()).isEqualTo(3);
        backoff.reset();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
    }
}
