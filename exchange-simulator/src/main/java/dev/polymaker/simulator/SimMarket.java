package dev.polymaker.simulator;

import java.math.BigDecimal;

/** A simulated binary market: its condition id, the YES and NO token ids, its initial tick size and neg-risk flag. */
public record SimMarket(String conditionId, String yesTokenId, String noTokenId, BigDecimal tickSize, boolean negRisk) {

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
