package dev.polymaker.marketdata.web;

import dev.polymaker.marketdata.config.MarketDataProperties;
import dev.polymaker.support.AdminToken;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks admin calls by the shared {@link AdminToken} rule against {@code marketdata.admin.token}
 * (docs/architecture.md §4): 401 without or with a wrong bearer token, 403 when none is configured.
 */
@Component
public class AdminAuthorization {

    private final AdminToken admin;

    public AdminAuthorization(MarketDataProperties props) {
        this.admin = new AdminToken(props.getAdmin().getToken(), "marketdata.admin.token");
    }

    public void check(String authorization) {
        AdminToken.Verdict verdict = admin.check(authorization);
        if (verdict != AdminToken.Verdict.ALLOWED) {
            throw new ApiException(HttpStatus.valueOf(verdict.httpStatus()), verdict.error(), admin.message(verdict));
        }
    }
}
