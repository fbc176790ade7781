package dev.polymaker.polymarket.order;

import java.util.Objects;

/**
 * L2 API credentials. The secret and passphrase never appear in {@link #toString()}; the key is an
 * identifier (it travels as {@code owner} in order bodies) and is shown.
 */
public record ApiCredentials(String apiKey, String secret, String passphrase) {

    public ApiCredentials {
        requireText(apiKey, "apiKey");
        requireText(secret, "secret");
        requireText(passphrase, "passphrase");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("API credential " + name + " is blank");
        }
    }

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=" + apiKey + ", secret=***, passphrase=***]";
    }
}
