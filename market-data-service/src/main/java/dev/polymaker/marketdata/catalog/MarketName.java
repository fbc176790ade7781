package dev.polymaker.marketdata.catalog;

/**
 * What an operator reads instead of a 77-digit id: the market's question and this token's
 * outcome ("Will X happen?" — "Yes"), from Gamma; either may be null when Gamma does not say.
 */
public record MarketName(String conditionId, String question, String outcome) {

    /** "Will X happen? — Yes", or whichever part is known. */
    public String label() {
        if (question == null) {
            return outcome;
        }
        return outcome == null ? question : question + " — " + outcome;
    }
}
