package dev.polymaker.marketdata.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * The whole top of book for one token at one point in its sequence. Ticks are state, not
 * deltas: a consumer that misses one loses nothing but latency. Prices are decimal strings on
 * the wire; a missing side is {@code null}; times are epoch milliseconds. {@code winningTokenId} is
 * set only on a {@link TickState#RESOLVED} tick (null when the winner is not known).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Tick(String tokenId, String market, String epoch, long seq, TickState state, TickEvent event,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestBid,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestAsk,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lastTradePrice,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal tickSize,
                   long exchangeTime, long receivedTime, long publishedTime, String winningTokenId) {

    /** A tick of any state but {@link TickState#RESOLVED}: no winner. */
    public Tick(String tokenId, String market, String epoch, long seq, TickState state, TickEvent event,
                BigDecimal bestBid, BigDecimal bestAsk, BigDecimal lastTradePrice, BigDecimal tickSize,
                long exchangeTime, long receivedTime, long publishedTime) {
        this(tokenId, market, epoch, seq, state, event, bestBid, bestAsk, lastTradePrice, tickSize, exchangeTime,
                receivedTime, publishedTime, null);
    }

    /** As above, the event given by its wire name (fixtures that script ticks as the wire shows them). */
    public Tick(String tokenId, String market, String epoch, long seq, TickState state, String event,
                BigDecimal bestBid, BigDecimal bestAsk, BigDecimal lastTradePrice, BigDecimal tickSize,
                long exchangeTime, long receivedTime, long publishedTime) {
        this(tokenId, market, epoch, seq, state, TickEvent.ofWireName(event), bestBid, bestAsk, lastTradePrice,
                tickSize, exchangeTime, receivedTime, publishedTime, null);
    }

    /** The event of a tick caused by a state change rather than by market data. */
    public static final TickEvent EVENT_STATE = TickEvent.STATE;

    public boolean tradable() {
        return state == TickState.LIVE;
    }

    /** True when this tick should replace {@code previous}: a new epoch, or a higher seq in the same one. */
    public boolean supersedes(Tick previous) {
        return previous == null || !epoch.equals(previous.epoch) || seq > previous.seq;
    }
}
