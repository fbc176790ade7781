package dev.polymaker.polymarket.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** EIP-712 signing (and signer recovery) of V2/V3 {@link OrderStruct}s with web3j's encoder. */
public final class OrderSigner {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WalletKey key;

    public OrderSigner(WalletKey key) {
        this.key = key;
    }

    /** Signs {@code order} for {@code domain}; the signer must be this key's address (except for POLY_1271). */
    public SignedOrder sign(OrderStruct order, ExchangeDomain domain, long expiration) {
        if (order.signatureType() != SignatureType.POLY_1271 && !order.signer().equalsIgnoreCase(key.address())) {
            throw new InvalidOrderException("order signer " + order.signer() + " is not the signing key's address "
                    + key.address());
        }
        byte[] digest = digest(order, domain);
        return new SignedOrder(order, domain, key.signDigest(digest), Numeric.toHexString(digest), expiration);
    }

    /** The EIP-712 digest {@code keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(order))}. */
    public static byte[] digest(OrderStruct order, ExchangeDomain domain) {
        try {
            return new StructuredDataEncoder(typedDataJson(order, domain)).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode order typed data", e);
        }
    }

    /** The address that signed {@code signature} over {@code order} in {@code domain} (checksummed). */
    public static String recoverSigner(OrderStruct order, ExchangeDomain domain, String signature) {
        return recover(digest(order, domain), signature);
    }

    /** Recovers the checksummed address from a 65-byte r‖s‖v signature over a raw digest. */
    static String recover(byte[] digest, String signature) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        if (sig.length != 65) {
            throw new IllegalArgumentException("signature must be 65 bytes, was " + sig.length);
        }
        byte v = sig[64];
        if (v < 27) {
            v += 27;
        }
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(sig, 0, 32),
                Arrays.copyOfRange(sig, 32, 64));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, data);
            return Keys.toChecksumAddress(Keys.getAddress(publicKey));
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature does not recover to a key: " + e.getMessage(), e);
        }
    }

    /** The eth_signTypedData_v4 JSON of an order, as wallets and web3j take it. */
    public static String typedDataJson(OrderStruct order, ExchangeDomain domain) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        ArrayNode domainType = types.putArray("EIP712Domain");
        field(domainType, "name", "string");
        field(domainType, "version", "string");
        field(domainType, "chainId", "uint256");
        field(domainType, "verifyingContract", "address");
        ArrayNode orderType = types.putArray("Order");
        field(orderType, "salt", "uint256");
        field(orderType, "maker", "address");
        field(orderType, "signer", "address");
        field(orderType, "tokenId", "uint256");
        field(orderType, "makerAmount", "uint256");
        field(orderType, "takerAmount", "uint256");
        field(orderType, "side", "uint8");
        field(orderType, "signatureType", "uint8");
        field(orderType, "timestamp", "uint256");
        field(orderType, "metadata", "bytes32");
        field(orderType, "builder", "bytes32");
        root.put("primaryType", "Order");
        ObjectNode d = root.putObject("domain");
        d.put("name", domain.name());
        d.put("version", domain.version());
        d.put("chainId", domain.chainId());
        d.put("verifyingContract", domain.verifyingContract());
        ObjectNode m = root.putObject("message");
        m.put("salt", order.salt().toString());
        m.put("maker", order.maker());
        m.put("signer", order.signer());
        m.put("tokenId", order.tokenId());
        m.put("makerAmount", order.makerAmount().toString());
        m.put("takerAmount", order.takerAmount().toString());
        m.put("side", order.side().code());
        m.put("signatureType", order.signatureType().code());
        m.put("timestamp", Long.toString(order.timestamp()));
        m.put("metadata", order.metadata());
        m.put("builder", order.builder());
        return JSON.writeValueAsString(root);
    }

    static void field(ArrayNode type, String name, String solidityType) {
        type.addObject().put("name", name).put("type", solidityType);
    }

    @Override
    public String toString() {
        return "OrderSigner[" + key.address() + "]";
    }
}
