package dev.polymaker.simulator.clob;

import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimFill;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.book.Exchange;
import java.math.BigDecimal;
import java.util.List;

/**
 * The simulator's own books as CLOB liquidity: a marketable order takes real levels, so the
 * market channel publishes the trade and the consumed levels like any other change.
 */
public final class ExchangeLiquidity implements Liquidity {

    private final Exchange exchange;

    public ExchangeLiquidity(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public BigDecimal available(String tokenId, String takerSide, BigDecimal limitPrice) {
        SimBook book = exchange.book(tokenId);
        boolean buy = "BUY".equals(takerSide);
        BigDecimal total = BigDecimal.ZERO;
        for (SimLevel level : buy ? book.asks() : book.bids()) {
            boolean ok = buy ? level.price().compareTo(limitPrice) <= 0 : level.price().compareTo(limitPrice) >= 0;
            if (!ok) {
                break;
            }
            total = total.add(level.size());
        }
        return total;
    }

    @Override
    public List<Taken> take(String tokenId, String takerSide, BigDecimal limitPrice, BigDecimal size) {
        List<SimFill> fills = exchange.take(tokenId, SimSide.valueOf(takerSide), limitPrice, size);
        return fills.stream().map(f -> new Taken(f.price(), f.size())).toList();
    }

    @Override
    public BigDecimal bestBid(String tokenId) {
        return exchange.book(tokenId).bestBid();
    }

    @Override
    public BigDecimal bestAsk(String tokenId) {
        return exchange.book(tokenId).bestAsk();
    }
}
