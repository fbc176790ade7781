package dev.polymaker.trading.web;

import dev.polymaker.support.AdminToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;

/**
 * Admin calls (every non-GET {@code /api} call: halt, resume, token changes) are checked by the
 * shared {@link AdminToken} rule against {@code trading.admin.token} (docs/architecture.md §4): 401
 * without or with a wrong bearer token, 403 when none is configured; the answer is a JSON body.
 */
public class AdminAuthInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthInterceptor.class);

    private final AdminToken admin;

    public AdminAuthInterceptor(String adminToken) {
        this.admin = new AdminToken(adminToken, "trading.admin.token");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (HttpMethod.GET.matches(request.getMethod())) {
            return true;
        }
        AdminToken.Verdict verdict = admin.check(request.getHeader("Authorization"));
        if (verdict == AdminToken.Verdict.ALLOWED) {
            return true;
        }
        String problem = admin.message(verdict);
        log.warn("admin call {} {} refused: {}", request.getMethod(), request.getRequestURI(), problem);
        response.setStatus(verdict.httpStatus());
        if (verdict.httpStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"" + verdict.error() + "\",\"message\":\"" + problem + "\"}");
        return false;
    }
}
