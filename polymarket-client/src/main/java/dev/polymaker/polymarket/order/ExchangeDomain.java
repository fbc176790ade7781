package dev.polymaker.polymarket.order;

import java.util.Objects;

/** The EIP-712 domain an order is signed for: the exchange contract that will settle it. */
public record ExchangeDomain(String name, String version, long chainId, String verifyingContract) {

    public static final String NAME = "Polymarket CTF Exchange";
    public static final long POLYGON = 137;

    public static final String CTF_EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
    public static final String NEG_RISK_CTF_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
    public static final String EXCHANGE_V3 = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";

    public ExchangeDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verifyingContract, "verifyingContract");
    }

    /**
     * The Polygon domain for a market: neg-risk CTF markets settle on the neg-risk exchange, other
     * CTF markets on the standard one, protocol-V2 markets on the single ExchangeV3.
     */
    public static ExchangeDomain polygon(ExchangeVersion version, boolean negRisk) {
        return switch (version) {
            case CTF_V2 -> new ExchangeDomain(NAME, version.domainVersion(), POLYGON,
                    negRisk ? NEG_RISK_CTF_EXCHANGE_V2 : CTF_EXCHANGE_V2);
            case EXCHANGE_V3 -> new ExchangeDomain(NAME, version.domainVersion(), POLYGON, EXCHANGE_V3);
        };
    }
}
