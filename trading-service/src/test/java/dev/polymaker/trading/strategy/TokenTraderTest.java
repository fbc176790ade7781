package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.Side;
import dev.polymaker.trading.orders.paper.PaperOrderGateway;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A token's trader against the paper venue, and against a venue whose answer gets lost. */
class TokenTraderTest {

    private static final String TOKEN = "55";
    private long now = 10_000;
    private long seq;
    private final List<String> events = new ArrayList<>();

    private Tick tick(String bid, String ask) {
        now += 1000;
        return new Tick(TOKEN, "m", "e", ++seq, TickState.LIVE, "price_change", new BigDecimal(bid),
                new BigDecimal(ask), null, new BigDecimal("0.01"), now, now, now);
    }

    /** A trader on {@code venue}, its order events recorded in {@link #events}. */
    private TokenTrader traderOn(OrderGateway venue) {
        return new TokenTrader(TOKEN, new VolArbStrategy(TOKEN, StrategyParameters.defaults()), venue,
                (side, status) -> events.add(side + " " + status), () -> now);
    }

    /** Each tick to the paper venue (its market), then to the trader. */
    private static void feed(PaperOrderGateway paper, TokenTrader trader, Tick... ticks) {
        for (Tick t : ticks) {
            paper.onMarket(t);
            trader.onTick(t);
        }
    }

    @Test
    void buysFollowsFillsAndSellsThroughThePaperVenue() {
        Portfolio portfolio = new Portfolio();
        PaperOrderGateway paper = new PaperOrderGateway(portfolio, () -> now);
        TokenTrader trader = traderOn(paper);
        paper.onFill(trader::onFill);
        feed(paper, trader, tick("0.60", "0.62"), tick("0.59", "0.61"), tick("0.58", "0.59"), tick("0.61", "0.63"));
        assertThat(events).containsExactly("BUY OPEN", "BUY FILLED", "SELL OPEN", "SELL FILLED");
        assertThat(portfolio.position(TOKEN).orElseThrow().realisedPnl()).isEqualByComparingTo("0.10");
        assertThat(trader.view().state()).isEqualTo(StrategyState.FLAT);
    }

    @Test
    void aLostPlacementAnswerBlocksNewOrdersUntilReconciledAndAHaltPullsItThen() {
        LosingGateway venue = new LosingGateway();
        TokenTrader trader = traderOn(venue);
        trader.onTick(tick("0.60", "0.62"));
        trader.onTick(tick("0.59", "0.61"));
        assertThat(events).containsExactly("BUY PENDING");
        // The venue does not show the order yet: a deeper drop places nothing new.
        trader.onTick(tick("0.55", "0.57"));
        assertThat(venue.placed).hasSize(1);
        trader.halt("operator");
        assertThat(venue.cancelled).isEmpty();
        // Now it shows up: reconciled, and since we are halted it is pulled at once.
        venue.visible = true;
        trader.onTick(tick("0.55", "0.57"));
        assertThat(venue.placed).hasSize(1);
        assertThat(venue.cancelled).containsExactly("v-1");
        assertThat(trader.view().state()).isEqualTo(StrategyState.FLAT);
    }

    @Test
    void aCancelThatFailsIsSentAgainEvenWhileTheDataIsNotLive() {
        Portfolio portfolio = new Portfolio();
        PaperOrderGateway paper = new PaperOrderGateway(portfolio, () -> now);
        FailingCancels venue = new FailingCancels(paper);
        TokenTrader trader = traderOn(venue);
        feed(paper, trader, tick("0.60", "0.62"), tick("0.59", "0.61"));
        assertThat(venue.openOrders()).singleElement().satisfies(o -> assertThat(o.side()).isEqualTo(Side.BUY));

        // The data goes STALE and the venue fails the cancel: the BUY still rests.
        venue.failures = 2;
        trader.untradable("STALE on shared:a");
        assertThat(venue.attempts).isEqualTo(1);
        assertThat(venue.openOrders()).hasSize(1);
        assertThat(trader.view().lastActions()).first().satisfies(a -> assertThat(a.what()).contains("cancel failed"));
        // No tick comes (the data is not LIVE): the timer sends it again, fails once more, then gets through.
        trader.retryFailedCancels();
        assertThat(venue.attempts).isEqualTo(2);
        assertThat(venue.openOrders()).hasSize(1);
        trader.retryFailedCancels();
        assertThat(venue.attempts).isEqualTo(3);
        assertThat(venue.openOrders()).isEmpty();
        assertThat(events).containsExactly("BUY OPEN", "BUY CANCELLED");
        assertThat(trader.view().state()).isEqualTo(StrategyState.FLAT);
        // Nothing left to send.
        trader.retryFailedCancels();
        assertThat(venue.attempts).isEqualTo(3);
    }

    @Test
    void aCancelTheVenueAnswersWithoutCancellingIsSentAgain() {
        PaperOrderGateway paper = new PaperOrderGateway(new Portfolio(), () -> now);
        FailingCancels venue = new FailingCancels(paper);
        TokenTrader trader = traderOn(venue);
        feed(paper, trader, tick("0.60", "0.62"), tick("0.59", "0.61"));
        venue.refusals = 1;
        trader.halt("operator");
        assertThat(venue.openOrders()).as("answered OPEN: not cancelled").hasSize(1);
        trader.retryFailedCancels();
        assertThat(venue.attempts).isEqualTo(2);
        assertThat(venue.openOrders()).isEmpty();
        assertThat(trader.view().state()).isEqualTo(StrategyState.FLAT);
    }

    @Test
    void aHaltWhoseCancelOfTheTakeProfitFailsStillPullsItAndResumingPlacesItAgain() {
        Portfolio portfolio = new Portfolio();
        PaperOrderGateway paper = new PaperOrderGateway(portfolio, () -> now);
        FailingCancels venue = new FailingCancels(paper);
        TokenTrader trader = traderOn(venue);
        paper.onFill(trader::onFill);
        feed(paper, trader, tick("0.60", "0.62"), tick("0.59", "0.61"), tick("0.58", "0.59"));
        assertThat(venue.openOrders()).singleElement().satisfies(o -> assertThat(o.side()).isEqualTo(Side.SELL));

        venue.failures = 1;
        trader.halt("operator");
        assertThat(venue.openOrders()).as("the failed cancel left it resting").hasSize(1);
        trader.retryFailedCancels();
        assertThat(venue.openOrders()).isEmpty();
        assertThat(trader.view().state()).isEqualTo(StrategyState.LONG);

        trader.resume();
        feed(paper, trader, tick("0.58", "0.60"));
        assertThat(venue.openOrders()).singleElement().satisfies(o -> assertThat(o.side()).isEqualTo(Side.SELL));
        assertThat(venue.attempts).isEqualTo(2);
    }

    @Test
    void aTakeProfitTheVenueEndsOnItsOwnIsForgottenAndPlacedAgain() {
        Portfolio portfolio = new Portfolio();
        PaperOrderGateway paper = new PaperOrderGateway(portfolio, () -> now);
        TokenTrader trader = traderOn(paper);
        paper.onFill(trader::onFill);
        feed(paper, trader, tick("0.60", "0.62"), tick("0.59", "0.61"), tick("0.58", "0.59"));
        OrderView first = paper.openOrders().get(0);
        assertThat(first.side()).isEqualTo(Side.SELL);

        // The venue drops it (as the exchange's dead-man switch would), not at our request.
        OrderView ended = paper.cancel(first.orderId());
        trader.onOrderEnded(ended);
        assertThat(paper.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.orderId()).isNotEqualTo(first.orderId());
            assertThat(o.size()).isEqualByComparingTo(first.size());
        });
        assertThat(events).containsExactly("BUY OPEN", "BUY FILLED", "SELL OPEN", "SELL CANCELLED", "SELL OPEN");
        assertThat(trader.view().lastActions()).anySatisfy(a -> assertThat(a.what()).contains("ended by the exchange"));
        // An end reported twice, or of an order no longer ours, changes nothing.
        trader.onOrderEnded(ended);
        assertThat(paper.openOrders()).hasSize(1);
    }

    /**
     * The paper venue, except that the next {@code failures} cancels throw as a venue error would, and
     * the next {@code refusals} are answered without cancelling (the CLOB's {@code not_canceled}).
     */
    private static final class FailingCancels implements OrderGateway {
        final OrderGateway venue;
        int failures;
        int refusals;
        int attempts;

        FailingCancels(OrderGateway venue) {
            this.venue = venue;
        }

        @Override
        public OrderView place(OrderRequest r) {
            return venue.place(r);
        }

        @Override
        public OrderView cancel(String orderId) {
            attempts++;
            if (failures > 0) {
                failures--;
                throw new OrderGatewayException("cancel " + orderId + ": HTTP 500", false, null);
            }
            if (refusals > 0) {
                refusals--;
                return venue.orders().stream().filter(o -> o.orderId().equals(orderId)).findFirst().orElseThrow();
            }
            return venue.cancel(orderId);
        }

        @Override
        public List<String> cancelAll(Collection<String> tokenIds) {
            return venue.cancelAll(tokenIds);
        }

        @Override
        public List<OrderView> openOrders() {
            return venue.openOrders();
        }

        @Override
        public List<OrderView> orders() {
            return venue.orders();
        }

        @Override
        public void onFill(FillListener listener) {
            venue.onFill(listener);
        }
    }

    /** Places the order but throws as if the answer was lost; finds it later by client order id. */
    private final class LosingGateway implements OrderGateway {
        final List<OrderView> placed = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        boolean visible;

        @Override
        public OrderView place(OrderRequest r) {
            placed.add(new OrderView("v-" + (placed.size() + 1), r.clientOrderId(), r.tokenId(), r.side(), r.price(),
                    r.size(), BigDecimal.ZERO, r.type(), OrderStatus.OPEN, null, now, now));
            throw new OrderGatewayException("timeout", true, null);
        }

        @Override
        public OrderView cancel(String orderId) {
            cancelled.add(orderId);
            OrderView o = placed.stream().filter(v -> v.orderId().equals(orderId)).findFirst().orElseThrow();
            return new OrderView(o.orderId(), o.clientOrderId(), o.tokenId(), o.side(), o.price(), o.size(), o.filled(),
                    o.type(), OrderStatus.CANCELLED, null, o.createdTime(), now);
        }

        @Override
        public List<String> cancelAll(Collection<String> tokenIds) {
            return List.of();
        }

        @Override
        public List<OrderView> openOrders() {
            return visible ? placed : List.of();
        }

        @Override
        public List<OrderView> orders() {
            return visible ? placed : List.of();
        }

        @Override
        public void onFill(FillListener listener) {
        }
    }
}
