package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of login and refresh. */
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[***]";
    }
}
