package dev.polymaker.simulator;

import java.math.BigDecimal;

/**
 * A simulated binary market: its condition id, the YES and NO token ids, its initial tick size, neg-risk flag and Gamma
 * {@code version}: "v1" (CTF, orders signed for CTF Exchange V2) or "v2" (protocol V2, orders signed for ExchangeV3).
 */
public record SimMarket(String conditionId, String yesTokenId, String noTokenId, BigDecimal tickSize, boolean negRisk,
                        String version) {

    public static final String V1 = "v1";
    public static final String V2 = "v2";

    public SimMarket {
        if (!V1.equals(version) && !V2.equals(version)) {
            throw new IllegalArgumentException("version must be \"v1\" or \"v2\", was " + version);
        }
    }

    /** A CTF ("v1") market. */
    public SimMarket(String conditionId, String yesTokenId, String noTokenId, BigDecimal tickSize, boolean negRisk) {
        this(conditionId, yesTokenId, noTokenId, tickSize, negRisk, V1);
    }

    /** True for a protocol-V2 market, whose orders settle on ExchangeV3 (EIP-712 domain version "3"). */
    public boolean protocolV2() {
        return V2.equals(version);
    }

    public boolean hasToken(String tokenId) {
        return yesTokenId.equals(tokenId) || noTokenId.equals(tokenId);
    }

    /** The other outcome's token id. */
    public String complementOf(String tokenId) {
        if (yesTokenId.equals(tokenId)) {
            return noTokenId;
        }
        if (noTokenId.equals(tokenId)) {
            return yesTokenId;
        }
        throw new IllegalArgumentException("token " + tokenId + " is not part of market " + conditionId);
    }
}
