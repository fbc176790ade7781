package dev.polymaker.polymarket.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * L2 authentication (protocol §5.7): HMAC-SHA256 over {@code timestamp + METHOD + path + body}
 * keyed with the base64url-decoded API secret, output base64url with padding.
 */
public final class L2Auth {

    private L2Auth() {
    }

    /**
     * The five L2 headers. {@code path} excludes the query string; {@code body} must be the exact
     * string sent (null or empty when there is none).
     */
    public static Map<String, String> headers(String address, ApiCredentials credentials, long timestampSeconds,
                                              String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("POLY_ADDRESS", address);
        headers.put("POLY_SIGNATURE", signature(credentials.secret(), timestampSeconds, method, path, body));
        headers.put("POLY_TIMESTAMP", Long.toString(timestampSeconds));
        headers.put("POLY_API_KEY", credentials.apiKey());
        headers.put("POLY_PASSPHRASE", credentials.passphrase());
        return headers;
    }

    public static String signature(String secret, long timestampSeconds, String method, String path, String body) {
        String message = timestampSeconds + method + path + (body == null ? "" : body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(decodeSecret(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Accepts the secret in either base64 alphabet, as Python's urlsafe_b64decode does. */
    static byte[] decodeSecret(String secret) {
        try {
            return Base64.getUrlDecoder().decode(secret.trim().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            // The message must not quote the secret.
            throw new IllegalArgumentException("API secret is not valid base64", null);
        }
    }
}
