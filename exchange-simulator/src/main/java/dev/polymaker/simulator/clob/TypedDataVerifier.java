package dev.polymaker.simulator.clob;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Checks EIP-712 signatures the way the exchange contracts do, encoded here by hand (type hash,
 * 32-byte ABI words, keccak) so that it verifies the client's web3j-based encoding independently.
 */
final class TypedDataVerifier {

    static final String DOMAIN_NAME = "Polymarket CTF Exchange";
    static final long POLYGON = 137;
    static final String CTF_EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
    static final String NEG_RISK_CTF_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
    static final String EXCHANGE_V3 = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";

    private static final byte[] DOMAIN_TYPE = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] AUTH_DOMAIN_TYPE = keccak("EIP712Domain(string name,string version,uint256 chainId)");
    private static final byte[] ORDER_TYPE = keccak("Order(uint256 salt,address maker,address signer,uint256 tokenId,"
            + "uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,"
            + "bytes32 metadata,bytes32 builder)");
    private static final byte[] CLOB_AUTH_TYPE = keccak(
            "ClobAuth(address address,string timestamp,uint256 nonce,string message)");
    static final String CLOB_AUTH_MESSAGE = "This message attests that I control the given wallet";

    private TypedDataVerifier() {
    }

    /** The exchange contract verifying orders of a market: by exchange version ("2"/"3") and neg-risk. */
    static String verifyingContract(String exchangeVersion, boolean negRisk) {
        if ("3".equals(exchangeVersion)) {
            return EXCHANGE_V3;
        }
        return negRisk ? NEG_RISK_CTF_EXCHANGE_V2 : CTF_EXCHANGE_V2;
    }

    static byte[] orderDigest(WireOrder o, String exchangeVersion, String verifyingContract, long chainId) {
        byte[] domain = keccak(concat(DOMAIN_TYPE, keccak(DOMAIN_NAME), keccak(exchangeVersion), uint(BigInteger.valueOf(chainId)),
                address(verifyingContract)));
        byte[] struct = keccak(concat(ORDER_TYPE, uint(o.salt()), address(o.maker()), address(o.signer()),
                uint(o.tokenId()), uint(o.makerAmount()), uint(o.takerAmount()), uint(BigInteger.valueOf(o.sideCode())),
                uint(BigInteger.valueOf(o.signatureType())), uint(BigInteger.valueOf(o.timestamp())),
                bytes32(o.metadata()), bytes32(o.builder())));
        return keccak(concat(new byte[] {0x19, 0x01}, domain, struct));
    }

    static byte[] clobAuthDigest(String address, long chainId, String timestamp, BigInteger nonce) {
        byte[] domain = keccak(concat(AUTH_DOMAIN_TYPE, keccak("ClobAuthDomain"), keccak("1"),
                uint(BigInteger.valueOf(chainId))));
        byte[] struct = keccak(concat(CLOB_AUTH_TYPE, address(address), keccak(timestamp), uint(nonce),
                keccak(CLOB_AUTH_MESSAGE)));
        return keccak(concat(new byte[] {0x19, 0x01}, domain, struct));
    }

    /** The lower-case address that produced a 65-byte r‖s‖v signature over {@code digest}, or null. */
    static String recover(byte[] digest, String signatureHex) {
        byte[] sig;
        try {
            sig = Numeric.hexStringToByteArray(signatureHex);
        } catch (RuntimeException e) {
            return null;
        }
        if (sig.length != 65) {
            return null;
        }
        byte v = sig[64] < 27 ? (byte) (sig[64] + 27) : sig[64];
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest,
                    new Sign.SignatureData(v, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
            return "0x" + Keys.getAddress(key).toLowerCase();
        } catch (SignatureException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] keccak(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] keccak(byte[] b) {
        return Hash.sha3(b);
    }

    private static byte[] uint(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        return Numeric.toBytesPadded(v, 32);
    }

    private static byte[] address(String hex) {
        byte[] raw = Numeric.hexStringToByteArray(hex);
        if (raw.length != 20) {
            throw new IllegalArgumentException("not an address: " + hex);
        }
        byte[] out = new byte[32];
        System.arraycopy(raw, 0, out, 12, 20);
        return out;
    }

    private static byte[] bytes32(String hex) {
        byte[] raw = Numeric.hexStringToByteArray(hex);
        if (raw.length != 32) {
            throw new IllegalArgumentException("not bytes32: " + hex);
        }
        return raw;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
