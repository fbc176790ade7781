package dev.polymaker.trading.tokens;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRegistryTest {

    private final AtomicInteger created = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TokenRegistry<String> registry = new TokenRegistry<>(id -> "owner-" + id + "-" + created.incrementAndGet(),
            new TokenRegistry.Lifecycle<>() {
                @Override
                public void added(String tokenId, String owner) {
                    events.add("+" + tokenId);
                }

                @Override
                public void removed(String tokenId, String owner) {
                    events.add("-" + tokenId);
                }
            });

    @Test
    void aTokenStaysOwnedWhileAnySourceWantsIt() {
        assertThat(registry.add("1", TokenSource.FILE)).isTrue();
        assertThat(registry.add("1", TokenSource.API)).isFalse();
        assertThat(registry.sources("1")).containsExactlyInAnyOrder(TokenSource.FILE, TokenSource.API);
        assertThat(registry.remove("1", TokenSource.FILE)).isFalse();
        assertThat(registry.owner("1")).contains("owner-1-1");
        assertThat(registry.remove("1", TokenSource.API)).isTrue();
        assertThat(registry.owner("1")).isEmpty();
        assertThat(events).containsExactly("+1", "-1");
    }

    @Test
    void replaceMakesTheFileSetTheWholeFileDemand() {
        registry.add("1", TokenSource.FILE);
        registry.add("2", TokenSource.FILE);
        registry.add("2", TokenSource.API);
        registry.replace(TokenSource.FILE, List.of("3"));
        assertThat(registry.ids()).containsExactlyInAnyOrder("2", "3");
        assertThat(registry.sources("2")).containsExactly(TokenSource.API);
    }

    @Test
    void badIdsAreRefused() {
        assertThatThrownBy(() -> registry.add("0xabc", TokenSource.API)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decimal digits");
    }

    @RepeatedTest(20)
    void concurrentAddsFromEverySourceCreateOneOwner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                TokenSource source = TokenSource.values()[i % 3];
                boolean viaFileReload = i % 5 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    if (viaFileReload) {
                        registry.replace(TokenSource.FILE, Set.of("42"));
                        return false;
                    }
                    return registry.add("42", source);
                }));
            }
            start.countDown();
            int creations = 0;
            for (Future<Boolean> f : results) {
                creations += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created.get()).isEqualTo(1);
            assertThat(registry.size()).isEqualTo(1);
            assertThat(events).containsExactly("+42");
            assertThat(creations).isLessThanOrEqualTo(1);
            assertThat(registry.sources("42")).containsExactlyInAnyOrder(TokenSource.values());
        } finally {
            pool.shutdownNow();
        }
    }
}
