package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ApiCredentials;
import dev.polymaker.polymarket.order.SignatureType;
import dev.polymaker.polymarket.order.WalletKey;
import dev.polymaker.trading.config.InvalidTradingConfigException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The live-trading secrets read from the environment ({@code POLY_*}), checked at start-up. A
 * missing or malformed one is an {@link InvalidTradingConfigException} naming the variable and
 * never its value. {@link #toString()} shows only addresses.
 */
public record LiveTradingSecrets(WalletKey key, String funder, SignatureType signatureType, ApiCredentials api) {

    public static final String PRIVATE_KEY = "POLY_PRIVATE_KEY";
    public static final String FUNDER = "POLY_FUNDER";
    public static final String SIGNATURE_TYPE = "POLY_SIGNATURE_TYPE";
    public static final String API_KEY = "POLY_API_KEY";
    public static final String API_SECRET = "POLY_API_SECRET";
    public static final String API_PASSPHRASE = "POLY_API_PASSPHRASE";
    private static final String HIDDEN = "(set, hidden)";

    /** Reads and checks every variable; {@code env} returns null for an unset one. */
    public static LiveTradingSecrets from(Function<String, String> env) {
        String keyHex = require(env, PRIVATE_KEY, "the hex private key of the EOA that signs orders");
        WalletKey key;
        try {
            key = WalletKey.fromHex(keyHex);
        } catch (IllegalArgumentException e) {
            throw new InvalidTradingConfigException(PRIVATE_KEY, HIDDEN, e.getMessage(),
                    "set " + PRIVATE_KEY + " to the signer's 32-byte private key in hex (0x optional)");
        }
        String typeText = require(env, SIGNATURE_TYPE, "0 (EOA), 1 (POLY_PROXY), 2 (POLY_GNOSIS_SAFE) or 3 (POLY_1271)");
        SignatureType type = signatureType(typeText);
        String funder = require(env, FUNDER, "the address holding the funds (the proxy or Safe for types 1 and 2)");
        if (!funder.matches("0x[0-9a-fA-F]{40}")) {
            throw new InvalidTradingConfigException(FUNDER, funder, "not an address",
                    "set " + FUNDER + " to the 0x-prefixed 20-byte address that holds the funds");
        }
        if (type == SignatureType.EOA && !funder.equalsIgnoreCase(key.address())) {
            throw new InvalidTradingConfigException(FUNDER, funder, "signature type 0 (EOA) trades from the key's own"
                    + " address " + key.address(), "set " + FUNDER + "=" + key.address() + " or use the signature type"
                    + " of your wallet (2 for a browser-wallet Safe, 1 for an email/Magic proxy)");
        }
        String apiKey = require(env, API_KEY, "the CLOB API key (a UUID)");
        String secret = require(env, API_SECRET, "the CLOB API secret (base64)");
        String passphrase = require(env, API_PASSPHRASE, "the CLOB API passphrase");
        if (!secret.trim().matches("[A-Za-z0-9+/_=-]+")) {
            throw new InvalidTradingConfigException(API_SECRET, HIDDEN, "not base64",
                    "set " + API_SECRET + " to the secret returned by /auth/api-key or /auth/derive-api-key");
        }
        return new LiveTradingSecrets(key, funder, type, new ApiCredentials(apiKey.trim(), secret.trim(),
                passphrase.trim()));
    }

    private static String require(Function<String, String> env, String name, String what) {
        String v = env.apply(name);
        if (v == null || v.isBlank()) {
            throw new InvalidTradingConfigException(name, "(missing)",
                    "live trading needs " + name + " (trading.orders.mode=live): " + what,
                    "export " + name + " in the service's environment (from your secret store), or use"
                            + " trading.orders.mode=paper");
        }
        return v.trim();
    }

    private static SignatureType signatureType(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        try {
            return t.matches("[0-9]") ? SignatureType.ofCode(Integer.parseInt(t)) : SignatureType.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new InvalidTradingConfigException(SIGNATURE_TYPE, text, "unknown signature type",
                    "use 0 (EOA), 1 (POLY_PROXY), 2 (POLY_GNOSIS_SAFE) or 3 (POLY_1271)");
        }
    }

    @Override
    public String toString() {
        return "LiveTradingSecrets[signer=" + key.address() + ", funder=" + funder + ", " + signatureType + ", "
                + api + "]";
    }
}
