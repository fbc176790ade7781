package dev.polymaker.support;

import dev.polymaker.support.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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

    static ListenerQueue<Listener> callerWhenIdle(int capacity, Listener listener) {
        MutableClock clock = new MutableClock();
        var log = LoggerFactory.getLogger(ListenerQueueTest.class);
        return new ListenerQueue<>("test-dispatch", capacity, ListenerQueue.WhenFull.DROP,
                ListenerQueue.Delivery.CALLER_WHEN_IDLE, listener,
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

    @Test
    void callerWhenIdleRunsAnIdleCallOnTheSubmittingThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ListenerQueue<Listener> dispatcher = callerWhenIdle(16, id -> threads.add(Thread.currentThread().getName()))) {
            assertThat(dispatcher.submit(l -> l.on("a"))).isTrue();
            assertThat(threads).containsExactly(Thread.currentThread().getName());
            assertThat(dispatcher.ranByCaller()).isEqualTo(1);
            // A call that must never run on the caller goes to the queue's thread even when idle.
            dispatcher.submitToOwnThread(l -> l.on("b"), ListenerQueue.WhenFull.DROP, "on", "b");
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 2);
            assertThat(threads.get(1)).isEqualTo("test-dispatch");
            assertThat(dispatcher.ranByCaller()).isEqualTo(1);
        }
    }

    @Test
    void callerWhenIdleQueuesBehindACallInProgressAndKeepsOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Listener listener = id -> {
            if (id.equals("slow")) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(id + "@" + Thread.currentThread().getName());
        };
        try (ListenerQueue<Listener> dispatcher = callerWhenIdle(16, listener)) {
            dispatcher.submitToOwnThread(l -> l.on("slow"), ListenerQueue.WhenFull.DROP, "on", null);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            dispatcher.submit(l -> l.on("1"));
            dispatcher.submit(l -> l.on("2"));
            assertThat(seen).isEmpty(); // neither overtook the call in progress nor ran beside it
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertThat(seen).containsExactly("slow@test-dispatch", "1@test-dispatch", "2@test-dispatch");
            // Idle again: the next call runs here.
            dispatcher.submit(l -> l.on("3"));
            assertThat(seen).last().isEqualTo("3@" + Thread.currentThread().getName());
        }
    }

    @Test
    void callerWhenIdleQueuesACallMadeFromInsideTheListener() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<ListenerQueue<Listener>> self = new AtomicReference<>();
        Listener listener = id -> {
            if (id.equals("outer")) {
                self.get().submit(l -> l.on("inner"));
            }
            seen.add(id);
        };
        try (ListenerQueue<Listener> dispatcher = callerWhenIdle(16, listener)) {
            self.set(dispatcher);
            dispatcher.submit(l -> l.on("outer"));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertThat(seen).containsExactly("outer", "inner");
        }
    }

    @Test
    void callerWhenIdleNeverRunsTwoCallsAtOnceAndKeepsEachSubmittersOrder() throws Exception {
        AtomicBoolean inCall = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        Map<String, List<Integer>> bySubmitter = new ConcurrentHashMap<>();
        Listener listener = id -> {
            if (!inCall.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            String[] parts = id.split(":");
            bySubmitter.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
            inCall.set(false);
        };
        int perThread = 20_000;
        try (ListenerQueue<Listener> dispatcher = callerWhenIdle(4 * perThread, listener)) {
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String name = "s" + t;
                submitters.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = name + ":" + i;
                        dispatcher.submit(l -> l.on(id));
                    }
                }));
            }
            submitters.forEach(Thread::start);
            for (Thread t : submitters) {
                t.join(30_000);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bySubmitter.values().stream().mapToInt(List::size).sum() == 4 * perThread);
            assertThat(overlaps).hasValue(0);
            assertThat(dispatcher.dropped()).isZero();
            bySubmitter.values().forEach(ids -> assertThat(ids).isSorted());
            assertThat(dispatcher.ranByCaller()).isPositive();
        }
    }

    @Test
    void callerWhenIdleRunsNothingAfterClose() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ListenerQueue<Listener> dispatcher = callerWhenIdle(16, seen::add);
        dispatcher.close();
        assertThat(dispatcher.submit(l -> l.on("late"))).isFalse();
        assertThat(seen).isEmpty();
    }
}
