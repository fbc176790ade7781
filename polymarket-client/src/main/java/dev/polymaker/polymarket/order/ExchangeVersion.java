package dev.polymaker.polymarket.order;

/**
 * Which exchange contract settles a market's orders (protocol §5.1). CLOB V1 orders (domain "1")
 * have been rejected since 2026-04-28 and are not supported.
 */
public enum ExchangeVersion {
    /** CTF markets (Gamma {@code version:"v1"}): CTF Exchange V2, domain version "2". */
    CTF_V2("2"),
    /** Protocol-V2 markets (Gamma {@code version:"v2"}): ExchangeV3, domain version "3". */
    EXCHANGE_V3("3");

    private final String domainVersion;

    ExchangeVersion(String domainVersion) {
        this.domainVersion = domainVersion;
    }

    public String domainVersion() {
        return domainVersion;
    }

    /** From Gamma's market {@code version} field: "v2" means ExchangeV3, anything else CTF. */
    public static ExchangeVersion ofGammaVersion(String gammaVersion) {
        return "v2".equalsIgnoreCase(gammaVersion) ? EXCHANGE_V3 : CTF_V2;
    }
}
