package dev.polymaker.polymarket.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    @Test
    void aSlowListenerNeverBlocksTheSenderAndDropsAreCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        UpstreamListener slow = new UpstreamListener() {
            @Override
            public void onUpdate(TokenUpdate update) {
            }

            @Override
            public void onTokenState(String tokenId, TokenState state, String reason) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(tokenId);
            }
        };
        try (Dispatcher dispatcher = new Dispatcher("test-dispatch", 4, slow)) {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                String id = Integer.toString(i);
                if (dispatcher.submit(l -> l.onTokenState(id, TokenState.LIVE, "x"))) {
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
    void aThrowingListenerIsCountedAndDoesNotStopDelivery() {
        List<String> seen = new CopyOnWriteArrayList<>();
        UpstreamListener flaky = new UpstreamListener() {
            @Override
            public void onUpdate(TokenUpdate update) {
            }

            @Override
            public void onTokenState(String tokenId, TokenState state, String reason) {
                if (tokenId.equals("bad")) {
                    throw new IllegalStateException("listener bug");
                }
                seen.add(tokenId);
            }
        };
        try (Dispatcher dispatcher = new Dispatcher("test-dispatch", 16, flaky)) {
            dispatcher.submit(l -> l.onTokenState("a", TokenState.LIVE, ""));
            dispatcher.submit(l -> l.onTokenState("bad", TokenState.LIVE, ""));
            dispatcher.submit(l -> l.onTokenState("b", TokenState.LIVE, ""));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertThat(seen).containsExactly("a", "b");
            assertThat(dispatcher.listenerErrors()).isEqualTo(1);
        }
    }
}
