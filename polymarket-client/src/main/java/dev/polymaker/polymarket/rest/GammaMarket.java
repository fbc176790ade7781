package dev.polymaker.polymarket.rest;

import dev.polymaker.polymarket.order.ExchangeVersion;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a Gamma market object this project reads: its condition id, Gamma {@code version}
 * ("v1", "v2", or null when absent), its outcome token ids (chosen by version), its neg-risk flag
 * (null when absent), the exchange that settles its orders, and for operators and the resolution
 * check its question, outcome names, outcome prices and {@code closed} flag (empty or null when
 * absent).
 */
public record GammaMarket(String conditionId, String version, List<String> outcomeTokenIds, Boolean negRisk,
                          ExchangeVersion exchangeVersion, String question, List<String> outcomes,
                          List<BigDecimal> outcomePrices, Boolean closed) {

    public GammaMarket {
        Objects.requireNonNull(exchangeVersion, "exchangeVersion");
        outcomeTokenIds = List.copyOf(outcomeTokenIds);
        outcomes = List.copyOf(outcomes);
        outcomePrices = List.copyOf(outcomePrices);
    }

    public GammaMarket(String conditionId, String version, List<String> outcomeTokenIds, Boolean negRisk,
                       ExchangeVersion exchangeVersion) {
        this(conditionId, version, outcomeTokenIds, negRisk, exchangeVersion, null, List.of(), List.of(), null);
    }

    /** The outcome name of one of the market's tokens ("Yes", "Down"...), when Gamma lists it. */
    public Optional<String> outcomeOf(String tokenId) {
        int index = outcomeTokenIds.indexOf(tokenId);
        return index >= 0 && index < outcomes.size() ? Optional.of(outcomes.get(index)) : Optional.empty();
    }

    /**
     * The winning token when the market is resolved: {@code closed} with binary outcome prices (one
     * "1", the others "0"). {@code ["0","0"]}, prices in between or an open market are not a
     * resolution (polymarket-protocol.md §9).
     */
    public Optional<String> winningTokenId() {
        if (!Boolean.TRUE.equals(closed) || outcomePrices.size() != outcomeTokenIds.size()) {
            return Optional.empty();
        }
        String winner = null;
        for (int i = 0; i < outcomePrices.size(); i++) {
            BigDecimal price = outcomePrices.get(i);
            if (price.compareTo(BigDecimal.ONE) == 0) {
                if (winner != null) {
                    return Optional.empty();
                }
                winner = outcomeTokenIds.get(i);
            } else if (price.signum() != 0) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(winner);
    }
}
