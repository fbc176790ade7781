package dev.polymaker.marketdata.web;

import dev.polymaker.marketdata.config.MarketDataProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer <marketdata.admin.token>} header of admin calls
 * (constant-time compare). Without a configured token admin calls are refused outright (403)
 * rather than left open.
 */
@Component
public class AdminAuthorization {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public AdminAuthorization(MarketDataProperties props) {
        String configured = props.getAdmin().getToken();
        this.token = configured == null || configured.isEmpty() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    public void check(String authorization) {
        if (token == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin_disabled",
                    "admin calls are disabled: set marketdata.admin.token (e.g. env MARKETDATA_ADMIN_TOKEN) to enable them");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "admin calls need 'Authorization: Bearer <admin token>'");
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, presented)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "wrong admin token");
        }
    }
}
