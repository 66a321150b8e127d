package org.chatserver.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Establishes the caller of every protected request from its {@code Authorization: Bearer}
 * header. An interceptor rather than a servlet filter so that its refusals go through the
 * same exception handler as everything else and come out in the same JSON shape.
 */
final class BearerAuthInterceptor implements HandlerInterceptor {

    static final String CALLER_ATTRIBUTE = BearerAuthInterceptor.class.getName() + ".caller";
    private static final String SCHEME = "bearer ";

    private final AuthenticateUseCase authenticate;

    BearerAuthInterceptor(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // browsers send CORS pre-flights without credentials by design
        if (CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw BearerAuthenticationException.missing();
        }
        AuthenticatedUser caller;
        try {
            caller = authenticate.authenticate(token);
        } catch (UnauthenticatedException e) {
            throw BearerAuthenticationException.rejected(e.getMessage());
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return true;
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive, RFC 7235), else null. */
    static String bearerToken(String authorization) {
        if (authorization == null
                || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
