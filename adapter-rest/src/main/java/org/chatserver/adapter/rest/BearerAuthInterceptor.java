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
 *
 * <p>On a path where the bearer token is one credential among others (logging out with a refresh
 * token) the interceptor is {@linkplain #optional lenient}: a missing or refused token is kept
 * for the handler, which raises it through {@link BearerCaller} only when it has nothing else.
 */
final class BearerAuthInterceptor implements HandlerInterceptor {

    /**
     * The caller, as a request attribute named after its class: the name the WebSocket handshake gives its caller
     * too, so that the access log ({@link AccessLogFilter}) names the user of either.
     */
    static final String CALLER_ATTRIBUTE = AuthenticatedUser.class.getName();
    static final String REFUSAL_ATTRIBUTE = BearerAuthInterceptor.class.getName() + ".refusal";
    private static final String SCHEME = "bearer ";

    private final AuthenticateUseCase authenticate;
    private final boolean refuses;

    private BearerAuthInterceptor(AuthenticateUseCase authenticate, boolean refuses) {
        this.authenticate = authenticate;
        this.refuses = refuses;
    }

    /** Refuses a request without a valid bearer token before its handler runs. */
    static BearerAuthInterceptor required(AuthenticateUseCase authenticate) {
        return new BearerAuthInterceptor(authenticate, true);
    }

    /** Lets a request without a valid bearer token through, keeping the refusal for its handler. */
    static BearerAuthInterceptor optional(AuthenticateUseCase authenticate) {
        return new BearerAuthInterceptor(authenticate, false);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // browsers send CORS pre-flights without credentials by design
        if (CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        try {
            request.setAttribute(CALLER_ATTRIBUTE, caller(request));
        } catch (BearerAuthenticationException refusal) {
            if (refuses) {
                throw refusal;
            }
            request.setAttribute(REFUSAL_ATTRIBUTE, refusal);
        }
        return true;
    }

    private AuthenticatedUser caller(HttpServletRequest request) {
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw BearerAuthenticationException.missing();
        }
        try {
            return authenticate.authenticate(token);
        } catch (UnauthenticatedException e) {
            throw BearerAuthenticationException.rejected(e.getMessage());
        }
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
