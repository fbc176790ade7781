package dev.polymaker.simulator.clob;

import java.math.BigInteger;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The {@code order} object of a V2 order post, parsed strictly (a malformed field is a 400). */
record WireOrder(BigInteger salt, String maker, String signer, String taker, BigInteger tokenId,
                 BigInteger makerAmount, BigInteger takerAmount, String side, int signatureType, long timestamp,
                 long expiration, String metadata, String builder, String signature) {

    int sideCode() {
        return "BUY".equals(side) ? 0 : 1;
    }

    /** True when the object is shaped like a V1 order (nonce/feeRateBps, no timestamp). */
    static boolean looksV1(JsonNode n) {
        return n.has("nonce") || n.has("feeRateBps") || !n.has("timestamp");
    }

    static WireOrder parse(JsonNode n) {
        String side = text(n, "side").toUpperCase(Locale.ROOT);
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new IllegalArgumentException("side must be BUY or SELL");
        }
        JsonNode salt = n.path("salt");
        if (!salt.isIntegralNumber()) {
            throw new IllegalArgumentException("salt must be a JSON integer");
        }
        int sigType = n.path("signatureType").asInt(-1);
        if (sigType < 0 || sigType > 3) {
            throw new IllegalArgumentException("signatureType must be 0..3");
        }
        return new WireOrder(salt.bigIntegerValue(), address(n, "maker"), address(n, "signer"),
                n.has("taker") ? address(n, "taker") : null, uint(n, "tokenId"), uint(n, "makerAmount"),
                uint(n, "takerAmount"), side, sigType, uint(n, "timestamp").longValueExact(),
                n.has("expiration") ? uint(n, "expiration").longValueExact() : 0, bytes32(n, "metadata"),
                bytes32(n, "builder"), text(n, "signature"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isString() || v.asString().isEmpty()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return v.asString();
    }

    private static BigInteger uint(JsonNode n, String field) {
        JsonNode v = n.path(field);
        String s = v.isString() ? v.asString() : v.isIntegralNumber() ? v.bigIntegerValue().toString() : "";
        if (!s.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException(field + " must be a decimal uint256");
        }
        return new BigInteger(s);
    }

    private static String address(JsonNode n, String field) {
        String s = text(n, field);
        if (!s.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(field + " must be an address");
        }
        return s;
    }

    private static String bytes32(JsonNode n, String field) {
        String s = text(n, field);
        if (!s.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(field + " must be bytes32");
        }
        return s;
    }
}
