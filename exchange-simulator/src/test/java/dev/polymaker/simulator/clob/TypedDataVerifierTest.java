package dev.polymaker.simulator.clob;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The simulator's hand-written EIP-712 and HMAC checks against the vectors published for the official SDKs. */
class TypedDataVerifierTest {

    static final String ANVIL_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String CLOB_AUTH_SIGNATURE = "0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1"
            + "682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b";

    @Test
    void clobAuthVectorRecoversToTheSigner() {
        byte[] digest = TypedDataVerifier.clobAuthDigest(ANVIL_ADDRESS, 80002, "10000000", BigInteger.valueOf(23));
        assertThat(TypedDataVerifier.recover(digest, CLOB_AUTH_SIGNATURE)).isEqualToIgnoringCase(ANVIL_ADDRESS);
        byte[] otherNonce = TypedDataVerifier.clobAuthDigest(ANVIL_ADDRESS, 80002, "10000000", BigInteger.valueOf(24));
        assertThat(TypedDataVerifier.recover(otherNonce, CLOB_AUTH_SIGNATURE)).isNotEqualToIgnoringCase(ANVIL_ADDRESS);
    }

    @Test
    void hmacVector() {
        assertThat(ClobAuthenticator.hmac("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "1000000test-sign/orders{\"hash\": \"0x123\"}"))
                .isEqualTo("ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=");
    }

    @Test
    void malformedSignaturesRecoverToNothing() {
        byte[] digest = new byte[32];
        assertThat(TypedDataVerifier.recover(digest, "0x1234")).isNull();
        assertThat(TypedDataVerifier.recover(digest, "not hex")).isNull();
    }

    @Test
    void verifyingContractFollowsVersionAndNegRisk() {
        assertThat(TypedDataVerifier.verifyingContract("2", false)).isEqualTo(TypedDataVerifier.CTF_EXCHANGE_V2);
        assertThat(TypedDataVerifier.verifyingContract("2", true)).isEqualTo(TypedDataVerifier.NEG_RISK_CTF_EXCHANGE_V2);
        assertThat(TypedDataVerifier.verifyingContract("3", true)).isEqualTo(TypedDataVerifier.EXCHANGE_V3);
    }
}
