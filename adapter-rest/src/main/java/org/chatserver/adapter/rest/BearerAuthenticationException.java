package org.chatserver.adapter.rest;

/**
 * A request to a protected path without a usable bearer token. Carries no token text, so
 * logging it can never leak one.
 */
final class BearerAuthenticationException extends RuntimeException {

    static final String NOT_AUTHENTICATED = "Not authenticated";
    static final String INVALID_CREDENTIALS = "Could not validate credentials";

    private final boolean tokenPresented;

    private BearerAuthenticationException(String detail, boolean tokenPresented) {
        super(detail, null, false, false);
        this.tokenPresented = tokenPresented;
    }

    static BearerAuthenticationException missing() {
        return new BearerAuthenticationException(NOT_AUTHENTICATED, false);
    }

    static BearerAuthenticationException rejected(String reason) {
        return new BearerAuthenticationException(
                reason == null || reason.isBlank() ? INVALID_CREDENTIALS : reason, true);
    }

    /** RFC 6750 section 3: {@code error="invalid_token"} only when a token was sent and refused. */
    String challenge() {
        return tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}
