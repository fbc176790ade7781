package dev.polymaker.polymarket.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.999999);
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(99));
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(199));
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(399));
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(799));
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(999));
        assertThat(highest.next()).isEqualTo(Duration.ofMillis(999));
        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        assertThat(lowest.next()).isEqualTo(Duration.ofMillis(50));
        assertThat(lowest.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        backoff.next();
        backoff.next();
        backoff.next();
        assertThat(backoff.attempts()).isEqualTo(3);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
    }
}
