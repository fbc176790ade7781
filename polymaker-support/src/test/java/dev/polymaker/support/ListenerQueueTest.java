package dev.polymaker.support;

import dev.polymaker.support.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Was polymarket-client's DispatcherTest (the upstream pool's queue is this class now), plus the policies. */
class ListenerQueueTest {

    interface Listener {
        void on(String id);
    }

    static ListenerQueue<Listener> queue(int capacity, Listener listener) {
        MutableClock clock = new MutableClock();
        var log = LoggerFactory.getLogger(ListenerQueueTest.class);
        return new ListenerQueue<>("test-dispatch", capacity, ListenerQueue.WhenFull.DROP, listener,
                new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10)),
                new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10)));
    }

    static Listener blockedUntil(CountDownLatch release, List<String> seen) {
        return id -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(id);
        };
    }

    @Test
    void aSlowListenerNeverBlocksTheSenderAndDropsAreCounted() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ListenerQueue<Listener> dispatcher = queue(4, blockedUntil(release, seen))) {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                String id = Integer.toString(i);
                if (dispatcher.submit(l -> l.on(id))) {
                    accepted++;
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(dispatcher.dropped()).isEqualTo(100 - accepted).isGreaterThanOrEqualTo(95);
            release.countDown();
            int expected = accepted;
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == expected);
            // Delivered in submission order.
            assertThat(seen).isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        }
    }

    @Test
    void aCallThatMustArriveIsQueuedBeyondTheCapacity() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ListenerQueue<Listener> dispatcher = queue(2, blockedUntil(release, seen))) {
            for (int i = 0; i < 10; i++) {
                String id = Integer.toString(i);
                dispatcher.submit(l -> l.on(id), ListenerQueue.WhenFull.DROP, "on", id);
            }
            assertThat(dispatcher.submit(l -> l.on("connected"), ListenerQueue.WhenFull.QUEUE_ANYWAY, "on", null))
                    .isTrue();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("connected"));
            assertThat(seen).endsWith("connected");
            assertThat(dispatcher.dropped()).isPositive();
        }
    }

    @Test
    void aThrowingListenerIsCountedAndDoesNotStopDelivery() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Listener flaky = id -> {
            if (id.equals("bad")) {
                throw new IllegalStateException("listener bug");
            }
            seen.add(id);
        };
        try (ListenerQueue<Listener> dispatcher = queue(16, flaky)) {
            dispatcher.submit(l -> l.on("a"));
            dispatcher.submit(l -> l.on("bad"));
            dispatcher.submit(l -> l.on("b"));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertThat(seen).containsExactly("a", "b");
            assertThat(dispatcher.listenerErrors()).isEqualTo(1);
        }
    }

    @Test
    void nothingIsDeliveredAfterClose() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ListenerQueue<Listener> dispatcher = queue(16, seen::add);
        dispatcher.close();
        assertThat(dispatcher.submit(l -> l.on("late"))).isFalse();
        assertThat(seen).isEmpty();
    }
}
