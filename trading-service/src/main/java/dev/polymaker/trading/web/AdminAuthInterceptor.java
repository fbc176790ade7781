package dev.polymaker.trading.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admin calls (halt, resume, token changes) need {@code Authorization: Bearer <trading.admin.token>};
 * anything else gets 401 with a JSON body. Compared in constant time; the token is never logged.
 */
public class AdminAuthInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthInterceptor.class);

    private final byte[] expected;

    public AdminAuthInterceptor(String adminToken) {
        this.expected = adminToken == null || adminToken.isBlank() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (HttpMethod.GET.matches(request.getMethod())) {
            return true;
        }
        String header = request.getHeader("Authorization");
        String problem;
        if (expected == null) {
            problem = "admin API disabled: set trading.admin.token";
        } else if (header == null || !header.startsWith("Bearer ")) {
            problem = "missing Authorization: Bearer <admin token>";
        } else if (!MessageDigest.isEqual(expected, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            problem = "wrong admin token";
        } else {
            return true;
        }
        log.warn("admin call {} {} refused: {}", request.getMethod(), request.getRequestURI(), problem);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + problem + "\"}");
        return false;
    }
}
