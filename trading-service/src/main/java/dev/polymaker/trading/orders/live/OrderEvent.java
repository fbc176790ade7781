package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.OrderPlacement;
import java.math.BigDecimal;

/**
 * Everything that can change a live order's state, the one input of {@link LiveOrders}: answers
 * to its POST, what the poller learns (trades, the open-order book, a lost answer found again),
 * cancels and give-ups.
 */
sealed interface OrderEvent {

    /** The POST's answer (possibly found again by {@code ClobClient} itself after a lost answer). */
    record Answered(OrderPlacement placement) implements OrderEvent { }

    /** The POST is over, whatever came of it: from now on the poller may look the order up. */
    record PostEnded() implements OrderEvent { }

    /** The POST's answer was lost: the order may or may not rest. */
    record AnswerLost(ClobException cause) implements OrderEvent { }

    /** The exchange refused the order, or it never reached the exchange. */
    record Rejected(String reason) implements OrderEvent { }

    /** The exchange confirmed a cancel. */
    record Cancelled(String reason) implements OrderEvent { }

    /** The poller found an order whose answer was lost; ignored unless the order is still PENDING. */
    record FoundAfterLostAnswer(OrderPlacement placement) implements OrderEvent { }

    /** The poller gave up looking for an order whose answer was lost; ignored unless still PENDING. */
    record NeverArrived(String reason) implements OrderEvent { }

    /** One trade of this order (taker or maker side); counted once per trade id. */
    record Traded(String tradeId, BigDecimal size, BigDecimal price, long matchTimeSeconds) implements OrderEvent { }

    /** One poll of {@code /data/orders}: whether the order is among the exchange's open orders. */
    record OpenOnExchange(boolean open) implements OrderEvent { }
}
