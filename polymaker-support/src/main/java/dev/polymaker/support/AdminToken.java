package dev.polymaker.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin-call rule both services follow (docs/architecture.md §4): an admin call carries
 * {@code Authorization: Bearer <admin token>} (scheme case-insensitive, token compared in
 * constant time). No or a wrong token: 401. No admin token configured: every admin call is
 * refused with 403 "admin API disabled: set &lt;property&gt;", never left open. The token is never logged.
 */
public final class AdminToken {

    private static final String BEARER = "bearer ";

    /** The answer to one admin call, with the HTTP status and the {@code error} code to send. */
    public enum Verdict {
        ALLOWED(200, "ok"),
        DISABLED(403, "admin_disabled"),
        MISSING(401, "unauthorized"),
        WRONG(401, "unauthorized");

        private final int httpStatus;
        private final String error;

        Verdict(int httpStatus, String error) {
            this.httpStatus = httpStatus;
            this.error = error;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The {@code error} field of the JSON answer. */
        public String error() {
            return error;
        }
    }

    private final byte[] token;
    private final String property;

    /**
     * @param configured the configured admin token; null or blank disables admin calls
     * @param property   the property that sets it, named in the refusal (e.g. {@code trading.admin.token})
     */
    public AdminToken(String configured, String property) {
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.property = Objects.requireNonNull(property, "property");
    }

    public boolean enabled() {
        return token != null;
    }

    public Verdict check(String authorization) {
        if (token == null) {
            return Verdict.DISABLED;
        }
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Verdict.MISSING;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented) ? Verdict.ALLOWED : Verdict.WRONG;
    }

    /** What to tell the caller for a refusal. */
    public String message(Verdict verdict) {
        return switch (verdict) {
            case ALLOWED -> "ok";
            case DISABLED -> "admin API disabled: set " + property;
            case MISSING -> "admin calls need 'Authorization: Bearer <admin token>'";
            case WRONG -> "wrong admin token";
        };
    }
}
