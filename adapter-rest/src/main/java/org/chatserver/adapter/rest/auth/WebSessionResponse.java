package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of the browser session calls: the login answer without {@code refresh_token}, which went
 * into an HttpOnly cookie; sign-up adds {@code message} as {@code /api/auth/signup} does.
 */
record WebSessionResponse(
        @JsonInclude(JsonInclude.Include.NON_NULL) String message,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "WebSessionResponse[***]";
    }
}
