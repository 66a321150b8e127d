package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An optional logout body: the refresh token of the session to end, for a client whose access token expired. */
record LogOutRequest(@JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "LogOutRequest[***]";
    }
}
