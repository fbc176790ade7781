package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One token the simulated CLOB trades: its market (condition id), tick, minimum order size,
 * and the exchange whose EIP-712 domain its orders must be signed for ("2" CTF V2, "3" ExchangeV3).
 */
public record ClobMarket(String tokenId, String conditionId, BigDecimal tickSize, BigDecimal minOrderSize,
                         boolean negRisk, String exchangeVersion) {

    public ClobMarket {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(conditionId, "conditionId");
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(minOrderSize, "minOrderSize");
        if (!"2".equals(exchangeVersion) && !"3".equals(exchangeVersion)) {
            throw new IllegalArgumentException("exchangeVersion must be \"2\" or \"3\", was " + exchangeVersion);
        }
    }

    /** A CTF (domain "2") market. */
    public static ClobMarket ctf(String tokenId, String conditionId, String tickSize, String minOrderSize,
                                 boolean negRisk) {
        return new ClobMarket(tokenId, conditionId, new BigDecimal(tickSize), new BigDecimal(minOrderSize), negRisk, "2");
    }

    public String verifyingContract() {
        return TypedDataVerifier.verifyingContract(exchangeVersion, negRisk);
    }
}
