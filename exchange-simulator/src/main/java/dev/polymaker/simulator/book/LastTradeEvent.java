package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.List;

/** A last_trade_price event: a match at price for size; side is the taker's side. */
public record LastTradeEvent(String market, String assetId, BigDecimal price, BigDecimal size, SimSide side,
                             long timestamp, String transactionHash) implements MarketEvent {
    @Override
    public List<String> tokens() {
        return List.of(assetId);
    }
}
