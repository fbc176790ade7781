package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.trading.feed.FeedMode;
import dev.polymaker.trading.feed.FeedTransition;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.paper.PaperOrderGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StrategyDispatcherTest {

    private static final String TOKEN = "99";
    private final List<Tick> marketSeen = new CopyOnWriteArrayList<>();
    private final TokenTrader trader = new TokenTrader(TOKEN, new VolArbStrategy(TOKEN, StrategyParameters.defaults()),
            new PaperOrderGateway(new Portfolio(), System::currentTimeMillis), (side, status) -> { },
            System::currentTimeMillis);
    private final StrategyDispatcher dispatcher = new StrategyDispatcher(
            id -> TOKEN.equals(id) ? Optional.of(trader) : Optional.empty(), () -> List.of(trader), marketSeen::add);

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static Tick tick(long seq) {
        return new Tick(TOKEN, "m", "e", seq, TickState.LIVE, "price_change", new BigDecimal("0.50"),
                new BigDecimal("0.52"), null, new BigDecimal("0.01"), seq, seq, seq);
    }

    @Test
    void aBusyStrategySeesOnlyTheLatestTickNotABacklog() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Thread blocker = new Thread(() -> dispatcher.call(() -> {
            blocked.countDown();
            return release.await(10, TimeUnit.SECONDS);
        }));
        blocker.start();
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (long seq = 1; seq <= 100; seq++) {
            dispatcher.onTick(tick(seq));
        }
        release.countDown();
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !marketSeen.isEmpty());
        dispatcher.call(() -> null);
        assertThat(marketSeen).extracting(Tick::seq).containsExactly(100L);
        assertThat(trader.view().lastMid()).isEqualByComparingTo("0.51");
        blocker.join(10_000);
    }

    @Test
    void operatorAndFeedHaltsAreIndependent() {
        dispatcher.halt("operator");
        assertThat(dispatcher.halted()).isTrue();
        dispatcher.onModeChange(new FeedTransition(FeedMode.DIRECT, null, FeedMode.NONE, null,
                dev.polymaker.trading.feed.FeedSwitchReason.NO_LIVE_SOURCE, "no data", 1));
        dispatcher.resume();
        assertThat(dispatcher.halted()).as("still halted by the feed").isTrue();
        assertThat(trader.view().halted()).isTrue();
        dispatcher.onModeChange(new FeedTransition(FeedMode.NONE, null, FeedMode.DIRECT, null,
                dev.polymaker.trading.feed.FeedSwitchReason.DIRECT_LIVE, "back", 2));
        dispatcher.call(() -> null);
        assertThat(dispatcher.halted()).isFalse();
        assertThat(trader.view().halted()).isFalse();
    }

    @Test
    void aTraderAdoptedWhileHaltedStartsHalted() {
        dispatcher.halt("operator");
        TokenTrader late = new TokenTrader("100", new VolArbStrategy("100", StrategyParameters.defaults()),
                new PaperOrderGateway(new Portfolio(), System::currentTimeMillis), (s, st) -> { },
                System::currentTimeMillis);
        dispatcher.adopt(late);
        dispatcher.call(() -> null);
        assertThat(late.view().halted()).isTrue();
    }
}
