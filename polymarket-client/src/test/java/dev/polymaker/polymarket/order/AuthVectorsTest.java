package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthVectorsTest {

    private static final String ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void hmacMatchesThePublishedVector() {
        String sig = L2Auth.signature("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 1000000, "test-sign", "/orders",
                "{\"hash\": \"0x123\"}");
        assertThat(sig).isEqualTo("ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=");
    }

    @Test
    void hmacSignsPathWithoutBodyWhenThereIsNone() {
        String secret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        assertThat(L2Auth.signature(secret, 5, "DELETE", "/cancel-all", null))
                .isEqualTo(L2Auth.signature(secret, 5, "DELETE", "/cancel-all", ""))
                .isNotEqualTo(L2Auth.signature(secret, 5, "DELETE", "/cancel-all", "{}"));
    }

    @Test
    void l2HeadersCarryKeyPassphraseAndSignature() {
        ApiCredentials creds = new ApiCredentials("key-1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "pass");
        Map<String, String> h = L2Auth.headers("0xabc", creds, 1000000, "test-sign", "/orders", "{\"hash\": \"0x123\"}");
        assertThat(h).containsEntry("POLY_ADDRESS", "0xabc")
                .containsEntry("POLY_SIGNATURE", "ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=")
                .containsEntry("POLY_TIMESTAMP", "1000000")
                .containsEntry("POLY_API_KEY", "key-1")
                .containsEntry("POLY_PASSPHRASE", "pass");
    }

    @Test
    void clobAuthMatchesThePublishedVector() {
        WalletKey key = WalletKey.fromHex(ANVIL_KEY);
        assertThat(key.address()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(L1Auth.signature(key, 80002, 10000000, 23)).isEqualTo(
                "0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b");
        assertThat(L1Auth.headers(key, 80002, 10000000, 23))
                .containsEntry("POLY_ADDRESS", key.address())
                .containsEntry("POLY_TIMESTAMP", "10000000")
                .containsEntry("POLY_NONCE", "23");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        WalletKey key = WalletKey.fromHex(ANVIL_KEY);
        assertThat(key.toString()).doesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
                .contains(key.address());
        assertThat(new OrderSigner(key).toString()).doesNotContain("ac0974bec");
        ApiCredentials creds = new ApiCredentials("key-1", "c2VjcmV0LXNlY3JldA==", "my-passphrase");
        assertThat(creds.toString()).contains("key-1").doesNotContain("c2VjcmV0").doesNotContain("my-passphrase");
        assertThatThrownBy(() -> WalletKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8"))
                .hasMessageNotContaining("ac0974bec");
        assertThatThrownBy(() -> L2Auth.signature("not*base64*secret!", 1, "GET", "/x", null))
                .hasMessageNotContaining("not*base64");
    }
}
