package dev.polymaker.polymarket.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.StructuredDataEncoder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * L1 authentication (protocol §5.7): an EIP-712 {@code ClobAuth} signature proving control of the
 * wallet, used to create or derive API keys. Its domain stays version "1" with no contract.
 */
public final class L1Auth {

    public static final String MESSAGE = "This message attests that I control the given wallet";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private L1Auth() {
    }

    /** The {@code POLY_ADDRESS, POLY_SIGNATURE, POLY_TIMESTAMP, POLY_NONCE} headers. */
    public static Map<String, String> headers(WalletKey key, long chainId, long timestampSeconds, long nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("POLY_ADDRESS", key.address());
        headers.put("POLY_SIGNATURE", signature(key, chainId, timestampSeconds, nonce));
        headers.put("POLY_TIMESTAMP", Long.toString(timestampSeconds));
        headers.put("POLY_NONCE", Long.toString(nonce));
        return headers;
    }

    /** The 65-byte ClobAuth signature, 0x hex. */
    public static String signature(WalletKey key, long chainId, long timestampSeconds, long nonce) {
        return key.signDigest(digest(key.address(), chainId, timestampSeconds, nonce));
    }

    /** The EIP-712 digest of the ClobAuth message for {@code address}. */
    public static byte[] digest(String address, long chainId, long timestampSeconds, long nonce) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        ArrayNode domainType = types.putArray("EIP712Domain");
        OrderSigner.field(domainType, "name", "string");
        OrderSigner.field(domainType, "version", "string");
        OrderSigner.field(domainType, "chainId", "uint256");
        ArrayNode auth = types.putArray("ClobAuth");
        OrderSigner.field(auth, "address", "address");
        OrderSigner.field(auth, "timestamp", "string");
        OrderSigner.field(auth, "nonce", "uint256");
        OrderSigner.field(auth, "message", "string");
        root.put("primaryType", "ClobAuth");
        ObjectNode domain = root.putObject("domain");
        domain.put("name", "ClobAuthDomain");
        domain.put("version", "1");
        domain.put("chainId", chainId);
        ObjectNode message = root.putObject("message");
        message.put("address", address);
        message.put("timestamp", Long.toString(timestampSeconds));
        message.put("nonce", nonce);
        message.put("message", MESSAGE);
        try {
            return new StructuredDataEncoder(JSON.writeValueAsString(root)).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode ClobAuth typed data", e);
        }
    }
}
