package dev.polymaker.simulator.book;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 (lowercase hex) of the compact REST book JSON with hash "", as Polymarket computes book hashes (§2.9). */
public final class BookHash {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    });

    private BookHash() {
    }

    public static String sha1Hex(String text) {
        MessageDigest digest = SHA1.get();
        digest.reset();
        byte[] bytes = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[i * 2] = HEX[(bytes[i] >> 4) & 0xf];
            out[i * 2 + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
