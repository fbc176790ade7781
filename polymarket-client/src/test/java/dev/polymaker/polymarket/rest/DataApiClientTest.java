package dev.polymaker.polymarket.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data API's {@code /positions} shape (polymarket-protocol.md §9): numbers as JSON numbers. */
class DataApiClientTest {

    @Test
    void positionsAreReadWithTheirAverageCostAndEmptyOnesLeftOut() {
        List<AccountPosition> positions = DataApiClient.parse("""
                [{"proxyWallet":"0xabc","asset":"7132","conditionId":"0x5f","size":12.5,"avgPrice":0.412,
                  "initialValue":5.15,"currentValue":6.0,"cashPnl":0.85,"percentPnl":16.5,"totalBought":12.5,
                  "realizedPnl":0,"curPrice":0.48,"redeemable":false,"mergeable":false,"title":"Will X happen?",
                  "slug":"will-x","outcome":"Yes","outcomeIndex":0},
                 {"proxyWallet":"0xabc","asset":"9999","size":0,"avgPrice":0.5}]""", "test");
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.tokenId()).isEqualTo("7132");
            assertThat(p.size()).isEqualByComparingTo("12.5");
            assertThat(p.averagePrice()).isEqualByComparingTo("0.412");
            assertThat(p.currentPrice()).isEqualByComparingTo("0.48");
            assertThat(p.title()).isEqualTo("Will X happen?");
            assertThat(p.outcome()).isEqualTo("Yes");
        });
    }

    @Test
    void aPositionWithoutSizeVoidsTheWholeAnswer() {
        assertThatThrownBy(() -> DataApiClient.parse("[{\"asset\":\"7132\"}]", "test"))
                .isInstanceOfSatisfying(DataApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(DataApiException.Kind.BAD_RESPONSE));
        assertThatThrownBy(() -> DataApiClient.parse("{\"error\":\"nope\"}", "test"))
                .isInstanceOf(DataApiException.class);
    }
}
