package dev.polymaker.marketdata.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * The whole top of book for one token at one point in its sequence. Ticks are state, not
 * deltas: a consumer that misses one loses nothing but latency. Prices are decimal strings on
 * the wire; a missing side is {@code null}; times are epoch milliseconds.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Tick(String tokenId, String market, String epoch, long seq, TickState state, String event,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestBid,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestAsk,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastTradePrice,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal tickSize,
                   long exchangeTime, long receivedTime, long publishedTime) {

    /** Event name of a tick caused by a state change rather than by market data. */
    public static final String EVENT_STATE = "state";

    public boolean tradable() {
        return state == TickState.LIVE;
    }

    /** True when this tick should replace {@code previous}: a new epoch, or a higher seq in the same one. */
    public boolean supersedes(Tick previous) {
        return previous == null || !epoch.equals(previous.epoch) || seq > previous.seq;
    }
}
