package dev.polymaker.polymarket.rest;

import dev.polymaker.polymarket.order.ExchangeVersion;
import java.util.List;
import java.util.Objects;

/**
 * The part of a Gamma market object that trading needs: its condition id, Gamma {@code version}
 * ("v1", "v2", or null when absent), its outcome token ids (chosen by version), its neg-risk flag
 * (null when absent), and the exchange that settles its orders.
 */
public record GammaMarket(String conditionId, String version, List<String> outcomeTokenIds, Boolean negRisk,
                          ExchangeVersion exchangeVersion) {

    public GammaMarket {
        Objects.requireNonNull(exchangeVersion, "exchangeVersion");
        outcomeTokenIds = List.copyOf(outcomeTokenIds);
    }
}
