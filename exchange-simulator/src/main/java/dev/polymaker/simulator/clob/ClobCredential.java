package dev.polymaker.simulator.clob;

import java.util.Objects;

/** API credentials the simulated CLOB accepts for one signer address. toString hides the secrets. */
public record ClobCredential(String address, String apiKey, String secret, String passphrase) {

    public ClobCredential {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(passphrase, "passphrase");
    }

    @Override
    public String toString() {
        return "ClobCredential[" + address + ", apiKey=" + apiKey + ", secret=***, passphrase=***]";
    }
}
