package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the exchange requires of orders in one market: tick size, minimum size (shares, null when
 * unknown), and which exchange contract verifies them (version and neg-risk).
 */
public record MarketRules(TickSize tickSize, BigDecimal minOrderSize, boolean negRisk, ExchangeVersion exchangeVersion) {

    public MarketRules {
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(exchangeVersion, "exchangeVersion");
    }

    public ExchangeDomain domain() {
        return ExchangeDomain.polygon(exchangeVersion, negRisk);
    }
}
