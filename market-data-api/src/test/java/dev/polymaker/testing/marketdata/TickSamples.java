package dev.polymaker.testing.marketdata;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Ticks of every shape the wire can carry, for holding a hand-written tick writer to Jackson's output. */
public final class TickSamples {

    private TickSamples() {
    }

    /** Ticks {@code TickJsonWriter} writes: every state and event, absent prices, odd decimals, plain strings. */
    public static List<Tick> writable() {
        List<Tick> ticks = new ArrayList<>();
        String token = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
        String market = "0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e";
        BigDecimal[] prices = {null, new BigDecimal("0.52"), new BigDecimal("0.520"), new BigDecimal("0"),
                new BigDecimal("1"), new BigDecimal(".5"), new BigDecimal("1E-7"), new BigDecimal("1E+3"),
                new BigDecimal("-0.01"), new BigDecimal("123456789012345678901234567890.123456789"),
                BigDecimal.valueOf(5, -2), new BigDecimal("0.0000000001")};
        int i = 0;
        for (TickState state : TickState.values()) {
            for (TickEvent event : TickEvent.values()) {
                BigDecimal bid = prices[i % prices.length];
                BigDecimal ask = prices[(i + 3) % prices.length];
                BigDecimal last = prices[(i + 5) % prices.length];
                BigDecimal tick = prices[(i + 7) % prices.length];
                ticks.add(new Tick(token, market, "mds-a1b2-1764080000000", i, state, event, bid, ask, last, tick,
                        1764080000123L + i, 1764080000125L, 1764080000126L,
                        state == TickState.RESOLVED && i % 2 == 0 ? token : null));
                i++;
            }
        }
        ticks.add(new Tick("1", "", "", Long.MAX_VALUE, TickState.LIVE, TickEvent.BOOK, null, null, null, null,
                Long.MIN_VALUE, -1, 0, ""));
        ticks.add(new Tick("1", null, null, 0, null, null, null, null, null, null, 0, 0, 0, null));
        ticks.add(new Tick("7", "0x5f/é€ü\u007f\u2028 <tag> & 'q'", "epoch ü", 3, TickState.STALE, TickEvent.STATE,
                new BigDecimal("0.01"), null, null, null, 1, 2, 3, null));
        return ticks;
    }

    /** Ticks with a string JSON must escape (or a surrogate): the writer refuses them. */
    public static List<Tick> needingEscapes() {
        List<Tick> ticks = new ArrayList<>();
        for (String odd : List.of("0x\"q\"", "0x\\5f", "line\nbreak", "tab\there", "nul\u0000", "\u001f",
                "emoji \uD83D\uDE00", "lone \uD800", "lone \uDC00")) {
            ticks.add(new Tick("1", odd, "e", 1, TickState.LIVE, TickEvent.PRICE_CHANGE, null, null, null, null,
                    0, 0, 0, null));
            ticks.add(new Tick("1", "0x1", odd, 1, TickState.LIVE, TickEvent.PRICE_CHANGE, null, null, null, null,
                    0, 0, 0, null));
            ticks.add(new Tick("1", "0x1", "e", 1, TickState.RESOLVED, TickEvent.STATE, null, null, null, null,
                    0, 0, 0, odd));
        }
        ticks.add(new Tick("1\"", "0x1", "e", 1, TickState.LIVE, TickEvent.PRICE_CHANGE, null, null, null, null,
                0, 0, 0, null));
        return ticks;
    }
}
