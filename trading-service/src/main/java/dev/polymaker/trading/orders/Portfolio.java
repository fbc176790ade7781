package dev.polymaker.trading.orders;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Positions built from fills: size, average cost (weighted by size, kept at 6 dp) and realised
 * P&L (sell price minus average cost, per share sold). Thread-safe.
 */
public final class Portfolio {

    private static final int COST_SCALE = 6;

    private static final class Position {
        BigDecimal size = BigDecimal.ZERO;
        BigDecimal averageCost = BigDecimal.ZERO;
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal bought = BigDecimal.ZERO;
        BigDecimal sold = BigDecimal.ZERO;
        String resolution;
        BigDecimal resolvedPnl;
    }

    private final Map<String, Position> positions = new TreeMap<>();

    public synchronized PositionView apply(Fill fill) {
        Position p = positions.computeIfAbsent(fill.tokenId(), id -> new Position());
        if (fill.side() == Side.BUY) {
            BigDecimal cost = p.averageCost.multiply(p.size).add(fill.price().multiply(fill.size()));
            p.size = p.size.add(fill.size());
            p.averageCost = cost.divide(p.size, COST_SCALE, RoundingMode.HALF_EVEN);
            p.bought = p.bought.add(fill.size());
        } else {
            BigDecimal qty = fill.size().min(p.size);
            if (qty.compareTo(fill.size()) < 0) {
                throw new IllegalStateException("token " + fill.tokenId() + ": sold " + fill.size()
                        + " but held only " + p.size + " (order " + fill.orderId() + ")");
            }
            p.realised = p.realised.add(fill.price().subtract(p.averageCost).multiply(qty, MathContext.DECIMAL64));
            p.size = p.size.subtract(qty);
            p.sold = p.sold.add(qty);
            if (p.size.signum() == 0) {
                p.averageCost = BigDecimal.ZERO;
            }
        }
        return view(fill.tokenId(), p);
    }

    /**
     * The token's market resolved: the shares held are valued at settlement, 1 each when this
     * outcome won and 0 when it lost ({@code winningTokenId} null: unknown, not valued). Idempotent.
     */
    public synchronized Optional<PositionView> resolve(String tokenId, String winningTokenId) {
        Position p = positions.get(tokenId);
        if (p == null || p.resolution != null) {
            return p == null ? Optional.empty() : Optional.of(view(tokenId, p));
        }
        if (winningTokenId == null) {
            p.resolution = "RESOLVED";
        } else {
            boolean won = winningTokenId.equals(tokenId);
            p.resolution = won ? "WON" : "LOST";
            BigDecimal payout = won ? BigDecimal.ONE : BigDecimal.ZERO;
            p.resolvedPnl = payout.subtract(p.averageCost).multiply(p.size, MathContext.DECIMAL64);
        }
        return Optional.of(view(tokenId, p));
    }

    /**
     * Sets a position to what the exchange says the account holds (restart reconciliation, or a
     * correction toward the exchange); P&L realised so far is kept.
     */
    public synchronized PositionView adopt(String tokenId, BigDecimal size, BigDecimal averageCost) {
        Position p = positions.computeIfAbsent(tokenId, id -> new Position());
        p.size = size.max(BigDecimal.ZERO);
        p.averageCost = p.size.signum() > 0 && averageCost != null ? averageCost : BigDecimal.ZERO;
        return view(tokenId, p);
    }

    public synchronized Optional<PositionView> position(String tokenId) {
        Position p = positions.get(tokenId);
        return p == null ? Optional.empty() : Optional.of(view(tokenId, p));
    }

    /** Shares held of one token, zero when none. */
    public synchronized BigDecimal size(String tokenId) {
        Position p = positions.get(tokenId);
        return p == null ? BigDecimal.ZERO : p.size;
    }

    public synchronized Map<String, PositionView> all() {
        Map<String, PositionView> out = new TreeMap<>();
        positions.forEach((id, p) -> out.put(id, view(id, p)));
        return out;
    }

    public synchronized BigDecimal totalRealised() {
        return positions.values().stream().map(p -> p.realised).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static PositionView view(String tokenId, Position p) {
        return new PositionView(tokenId, p.size, p.averageCost, p.realised, p.bought, p.sold, p.resolution,
                p.resolvedPnl);
    }
}
