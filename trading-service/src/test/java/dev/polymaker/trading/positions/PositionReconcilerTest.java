package dev.polymaker.trading.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.paper.PaperOrderGateway;
import dev.polymaker.trading.strategy.StrategyDispatcher;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our book of positions against the exchange's account, without sockets. */
class PositionReconcilerTest {

    private static final String OURS = "111";
    private static final String THEIRS = "222";

    private final Portfolio portfolio = new Portfolio();
    private final AtomicReference<List<HeldPosition>> account = new AtomicReference<>(List.of());
    private final List<String> disagreements = new CopyOnWriteArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final StrategyDispatcher dispatcher = new StrategyDispatcher(id -> Optional.empty(), List::of, tick -> { });
    private final PositionReconciler reconciler = new PositionReconciler(() -> {
        List<HeldPosition> held = account.get();
        if (held == null) {
            throw new IllegalStateException("data API down");
        }
        return held;
    }, () -> Set.of(OURS), portfolio, dispatcher, new PaperOrderGateway(portfolio, System::currentTimeMillis),
            new PositionReconciler.Events() {
                @Override
                public void disagreement(String tokenId) {
                    disagreements.add(tokenId);
                }

                @Override
                public void readFailed() {
                    failures.add("failed");
                }
            }, Clock.systemUTC(), new BigDecimal("0.01"));

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static HeldPosition held(String token, String size, String cost) {
        return new HeldPosition(token, new BigDecimal(size), new BigDecimal(cost), "Will it?", "Yes");
    }

    @Test
    void atStartOurPositionsAreAdoptedAndOthersOnlyReported() {
        account.set(List.of(held(OURS, "5", "0.59"), held(THEIRS, "7", "0.30"), held("333", "0.005", "0.5")));
        assertThat(reconciler.reconcileAtStart()).isTrue();
        assertThat(portfolio.size(OURS)).isEqualByComparingTo("5");
        assertThat(portfolio.position(OURS).orElseThrow().averageCost()).isEqualByComparingTo("0.59");
        assertThat(portfolio.position(THEIRS)).isEmpty();
        assertThat(reconciler.lastRead()).extracting(AccountPositionView::tokenId, AccountPositionView::owned)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OURS, true),
                        org.assertj.core.groups.Tuple.tuple(THEIRS, false),
                        org.assertj.core.groups.Tuple.tuple("333", false));
    }

    @Test
    void anUnreadableAccountIsNeverTakenForAnEmptyOne() {
        account.set(null);
        assertThat(reconciler.reconcileAtStart()).isFalse();
        assertThat(failures).hasSize(1);
        assertThat(reconciler.lastError()).contains("data API down");
        account.set(List.of(held(OURS, "5", "0.59")));
        assertThat(reconciler.reconcileAtStart()).isTrue();
        assertThat(reconciler.lastError()).isNull();
    }

    @Test
    void aDisagreementIsResolvedTowardTheExchangeOnlyWhenTheNextReadConfirmsIt() {
        account.set(List.of(held(OURS, "5", "0.59")));
        reconciler.reconcileAtStart();
        // A fill the data API has not caught up with yet: ours 10, theirs still 5. One read: nothing.
        portfolio.adopt(OURS, new BigDecimal("10"), new BigDecimal("0.58"));
        reconciler.check();
        assertThat(disagreements).isEmpty();
        assertThat(portfolio.size(OURS)).isEqualByComparingTo("10");
        // The API catches up: no disagreement.
        account.set(List.of(held(OURS, "10", "0.58")));
        reconciler.check();
        reconciler.check();
        assertThat(disagreements).isEmpty();
        // The exchange says 4 on two reads in a row (a sell we missed): ours becomes 4.
        account.set(List.of(held(OURS, "4", "0.58")));
        reconciler.check();
        assertThat(portfolio.size(OURS)).isEqualByComparingTo("10");
        reconciler.check();
        assertThat(disagreements).containsExactly(OURS);
        assertThat(portfolio.size(OURS)).isEqualByComparingTo("4");
        // Gone from the account altogether: flat, once confirmed.
        account.set(List.of());
        reconciler.check();
        reconciler.check();
        await().atMost(Duration.ofSeconds(5)).until(() -> portfolio.size(OURS).signum() == 0);
        assertThat(disagreements).hasSize(2);
    }
}
