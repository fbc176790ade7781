package dev.polymaker.marketdata.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pricesTravelAsDecimalStringsAndMissingSidesAsNull() {
        Tick tick = new Tick("7132", "0x5f65", "mds-a1b2-1764080000000", 42, TickState.LIVE, "price_change",
                new BigDecimal("0.52"), null, new BigDecimal("0.520"), new BigDecimal("0.01"),
                1764080000123L, 1764080000125L, 1764080000126L);

        String text = json.writeValueAsString(tick);

        assertThat(text).contains("\"bestBid\":\"0.52\"", "\"bestAsk\":null", "\"lastTradePrice\":\"0.520\"",
                "\"seq\":42", "\"state\":\"LIVE\"");
        assertThat(json.readValue(text, Tick.class)).isEqualTo(tick);
    }

    @Test
    void theEventTravelsAsItsWireNameAndAnUnknownOneIsRefused() {
        Tick tick = new Tick("7132", "0x5f65", "e", 1, TickState.LIVE, TickEvent.TICK_SIZE_CHANGE, null, null, null,
                null, 0, 0, 0);
        String text = json.writeValueAsString(tick);
        assertThat(text).contains("\"event\":\"tick_size_change\"");
        assertThat(json.readValue(text, Tick.class).event()).isEqualTo(TickEvent.TICK_SIZE_CHANGE);
        assertThat(Arrays.stream(TickEvent.values()).map(TickEvent::wireName)).containsExactly("book", "price_change",
                "last_trade_price", "tick_size_change", "best_bid_ask", "state");
        assertThatThrownBy(() -> json.readValue(text.replace("tick_size_change", "trade"), Tick.class))
                .hasMessageContaining("unknown tick event: trade");
    }

    @Test
    void newEpochOrHigherSeqSupersedes() {
        Tick seq5 = tick("e1", 5);
        assertThat(tick("e1", 6).supersedes(seq5)).isTrue();
        assertThat(tick("e1", 5).supersedes(seq5)).isFalse();
        assertThat(tick("e1", 4).supersedes(seq5)).isFalse();
        assertThat(tick("e2", 1).supersedes(seq5)).isTrue();
        assertThat(seq5.supersedes(null)).isTrue();
    }

    @Test
    void destinationsAcceptOnlyDecimalTokenIds() {
        assertThat(Destinations.tickToken("/topic/ticks.123")).contains("123");
        assertThat(Destinations.tickToken("/topic/ticks.abc")).isEmpty();
        assertThat(Destinations.tickToken("/topic/ticks." + "1".repeat(101))).isEmpty();
        assertThat(Destinations.snapshotToken("/app/ticks.77")).contains("77");
        assertThat(Destinations.isValidTokenId("")).isFalse();
    }

    private static Tick tick(String epoch, long seq) {
        return new Tick("1", "0x1", epoch, seq, TickState.LIVE, "book", null, null, null, null, 0, 0, 0);
    }
}
