package dev.polymaker.polymarket.order;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The EOA private key that signs orders and L1 auth messages. The key never leaves this object:
 * {@link #toString()} shows only the address.
 */
public final class WalletKey {

    private final ECKeyPair keyPair;
    private final String address;

    private WalletKey(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
    }

    /** From a 32-byte hex private key, with or without 0x. */
    public static WalletKey fromHex(String privateKeyHex) {
        Objects.requireNonNull(privateKeyHex, "private key");
        String hex = Numeric.cleanHexPrefix(privateKeyHex.trim());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            // Never echo the value: it may be a real key with a typo.
            throw new IllegalArgumentException("private key must be 32 bytes of hex (64 hex digits), got "
                    + hex.length() + " characters");
        }
        BigInteger k = new BigInteger(hex, 16);
        if (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("private key is not a valid secp256k1 scalar");
        }
        return new WalletKey(ECKeyPair.create(k));
    }

    /** The EIP-55 checksummed address of this key. */
    public String address() {
        return address;
    }

    /** Signs a 32-byte digest as-is (no Ethereum message prefix): 65 bytes r‖s‖v with v 27 or 28, 0x hex. */
    public String signDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, was " + digest.length);
        }
        Sign.SignatureData sig = Sign.signMessage(digest, keyPair, false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return Numeric.toHexString(out);
    }

    @Override
    public String toString() {
        return "WalletKey[" + address + "]";
    }
}
