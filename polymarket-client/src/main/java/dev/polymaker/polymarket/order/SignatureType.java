package dev.polymaker.polymarket.order;

/** How the exchange checks the order signature against {@code maker}, the address holding the funds. */
public enum SignatureType {
    /** The signing key holds the funds itself: maker = signer. */
    EOA(0),
    /** Polymarket proxy wallet (Magic / email accounts). */
    POLY_PROXY(1),
    /** Gnosis Safe owned by the signer (browser wallets; the most common). */
    POLY_GNOSIS_SAFE(2),
    /** EIP-1271 contract wallet (deposit wallets); V2 exchanges only. */
    POLY_1271(3);

    private final int code;

    SignatureType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SignatureType ofCode(int code) {
        for (SignatureType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown signature type " + code + " (expected 0, 1, 2 or 3)");
    }
}
