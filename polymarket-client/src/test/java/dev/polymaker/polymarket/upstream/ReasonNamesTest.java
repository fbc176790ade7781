package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.market.FrameType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons' metric names are label values of the metrics contract (architecture.md §4): they never change. */
class ReasonNamesTest {

    @Test
    void reconnectReasonsKeepTheirFourLabelValues() {
        assertThat(Arrays.stream(ReconnectReason.values()).map(ReconnectReason::metricName).distinct())
                .containsExactlyInAnyOrder("silence", "frozen", "closed", "error");
        assertThat(ReconnectReason.NO_FRAME.metricName()).isEqualTo("silence");
        assertThat(ReconnectReason.CONNECT_FAILED.metricName()).isEqualTo("error");
    }

    @Test
    void onlyTheExchangesFaultsShowTheSocketFrozen() {
        assertThat(Arrays.stream(ReconnectReason.values()).filter(r -> r.state() == SocketState.FROZEN))
                .containsExactlyInAnyOrder(ReconnectReason.SILENCE, ReconnectReason.FROZEN);
    }

    @Test
    void resyncReasonsKeepTheirLabelValues() {
        assertThat(Arrays.stream(ResyncReason.values()).map(ResyncReason::metricName))
                .containsExactly("desync", "first_book_timeout", "failed_retry");
    }

    @Test
    void frameTypesKeepTheirLabelValuesAndDataEventsTheirWireNames() {
        assertThat(Arrays.stream(FrameType.values()).map(FrameType::metricName)).containsExactly("book", "price_change",
                "tick_size_change", "last_trade_price", "best_bid_ask", "new_market", "market_resolved", "pong",
                "empty_answer", "error_text", "malformed", "unknown", "legacy_price_change", "rest_malformed");
    }
}
