package dev.polymaker.trading.web;

import dev.polymaker.trading.positions.AccountPositionView;
import dev.polymaker.trading.orders.PositionView;
import dev.polymaker.trading.strategy.StrategyView;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/status}: the feed mode, every token (feed state, strategy with its stop-loss,
 * position, P&L) and totals. {@code unrealisedPnl} values what is held at the best bid (what it could
 * be sold for now); null when a held token has no bid.
 */
public record StatusResponse(String mode, String source, String modeReason, long modeSince, boolean halted,
                             String haltReason, String ordersMode, Shared shared, List<Shared> replicas,
                             boolean directRunning, String directEpoch,
                             Map<String, TokenStatus> tokens, Map<String, PositionView> positions,
                             BigDecimal realisedPnl, int openOrders, TokenFile tokenFile, Account account,
                             BigDecimal unrealisedPnl) {

    /**
     * Live mode: the account's positions as last read from the exchange (owned ones are traded,
     * the others only reported), when, and why the last read failed (null when it did not).
     */
    public record Account(List<AccountPositionView> positions, long lastReadAt, String lastError) {
    }

    /** A market-data-service replica; {@code shared} is the one followed (the last one, outside SHARED). */
    public record Shared(String replica, String url, boolean active, boolean healthy, boolean connected,
                         long lastFeedStatusTime, String upstream, String problem) {
    }

    public record TokenStatus(String tokenId, List<String> sources, String state, String source, String epoch,
                              long seq, long ageMs, boolean tradable, String reason, BigDecimal bestBid,
                              BigDecimal bestAsk, BigDecimal lastTradePrice, BigDecimal position,
                              BigDecimal averageCost, BigDecimal realisedPnl, StrategyView strategy,
                              BigDecimal unrealisedPnl, String fedEpoch, long fedSeq, long fedExchangeTime) {

        /** size x (best bid - average cost); zero when nothing is held, null when held without a bid. */
        static BigDecimal unrealised(BigDecimal size, BigDecimal averageCost, BigDecimal bestBid) {
            if (size == null || size.signum() == 0) {
                return BigDecimal.ZERO;
            }
            return bestBid == null || averageCost == null ? null : bestBid.subtract(averageCost).multiply(size);
        }
    }

    public record TokenFile(String path, int tokens, String lastError) {
    }
}
