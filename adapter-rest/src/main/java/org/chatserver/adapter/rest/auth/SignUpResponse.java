package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The old server sent only {@code message}; the app needs the tokens too to log straight in. */
record SignUpResponse(
        String message,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "SignUpResponse[" + message + ", ***]";
    }
}
