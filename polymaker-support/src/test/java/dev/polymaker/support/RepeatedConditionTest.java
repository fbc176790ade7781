package dev.polymaker.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.polymaker.support.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedConditionTest {

    final Logger logger = (Logger) LoggerFactory.getLogger("repeated-condition-test");
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final MutableClock clock = new MutableClock(1_000);
    final RepeatedCondition condition = new RepeatedCondition(logger, Level.WARN, clock, Duration.ofSeconds(10));

    RepeatedConditionTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void theFirstOccurrenceIsLoggedThenOneLinePerIntervalWithTheCounts() {
        condition.record("queue full");
        clock.advance(Duration.ofSeconds(9));
        condition.record("queue full");
        condition.record("queue full");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("queue full [1 in total]");

        clock.advance(Duration.ofSeconds(1));
        condition.record("queue full again");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("queue full [1 in total]",
                "queue full again [4 in total, 2 not logged since the last report]");
        assertThat(lines.list).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);
        assertThat(condition.total()).isEqualTo(4);
    }

    @Test
    void aSuppressedMessageIsNeverBuilt() {
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            condition.record(() -> "dropped " + built.incrementAndGet());
        }
        assertThat(built).hasValue(1);
        assertThat(condition.total()).isEqualTo(100);
    }
}
