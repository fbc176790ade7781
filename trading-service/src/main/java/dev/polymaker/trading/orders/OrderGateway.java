package dev.polymaker.trading.orders;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where orders go: {@code PaperOrderGateway} simulates fills against live ticks,
 * {@code ClobOrderGateway} trades on the Polymarket CLOB V2. Implementations are thread-safe.
 * Failures come back as an {@link OrderView} with status {@link OrderStatus#REJECTED} and a
 * reason, or as {@link OrderGatewayException} when the venue's state is unknown.
 */
public interface OrderGateway extends AutoCloseable {

    /** Places an order and returns its state after placement (OPEN, FILLED, REJECTED, …). */
    OrderView place(OrderRequest request);

    /** Cancels one order; returns its state afterwards. */
    OrderView cancel(String orderId);

    /** Cancels every resting order of these tokens; returns the ids cancelled. */
    List<String> cancelAll(Collection<String> tokenIds);

    /**
     * Cancels every order of ours resting on the venue for these tokens that this run does not
     * track (left by an earlier run); returns their ids. Paper: there are none.
     */
    default List<String> cancelLeftovers(Collection<String> tokenIds) {
        return List.of();
    }

    /** Orders that are not yet terminal. */
    List<OrderView> openOrders();

    /** Every order this gateway placed in this run, newest first. */
    List<OrderView> orders();

    /**
     * The order placed for this client order id, as the gateway knows it now. After an
     * {@link OrderGatewayException} this is how a caller learns what became of its order: finding
     * it on the exchange is the gateway's job, not the caller's.
     */
    default Optional<OrderView> order(String clientOrderId) {
        return orders().stream().filter(o -> clientOrderId.equals(o.clientOrderId())).findFirst();
    }

    /** Registers the single listener told about every fill, on the gateway's own thread. */
    void onFill(FillListener listener);

    /**
     * Registers the single listener told when the venue ends one of our orders without our asking
     * (its dead-man switch after missed heartbeats, a market that stops trading), on the gateway's
     * own thread, after the fills the order had. Paper: the paper venue never does.
     */
    default void onOrderEnded(OrderEndListener listener) {
    }

    /** True while the venue accepts our orders (live: heartbeats succeed, not geoblocked). */
    default boolean healthy() {
        return true;
    }

    /** Why {@link #healthy()} is false, or "ok". */
    default String healthReason() {
        return healthy() ? "ok" : "unhealthy";
    }

    /**
     * False while the venue refuses to serve us at all (geoblocked, credentials refused): no new
     * order can succeed, so trading halts until it answers again. Transient trouble (a failed
     * heartbeat, HTTP 425 during an engine restart) does not count.
     */
    default boolean acceptsOrders() {
        return true;
    }

    @Override
    default void close() {
    }

    @FunctionalInterface
    interface FillListener {
        void onFill(Fill fill);
    }

    @FunctionalInterface
    interface OrderEndListener {
        /** {@code order} is terminal (usually CANCELLED), with what it had filled. */
        void onOrderEnded(OrderView order);
    }
}
