package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

record RefreshRequest(
        @JsonProperty("refresh_token") @NotNull(message = "refresh_token is required") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
