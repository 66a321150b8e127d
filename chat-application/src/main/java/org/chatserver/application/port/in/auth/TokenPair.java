package org.chatserver.application.port.in.auth;

import java.time.Duration;

/** What a successful sign-up, login or refresh hands back. */
public record TokenPair(String accessToken, String refreshToken, Duration accessTokenTtl) {

    @Override
    public String toString() {
        return "TokenPair[***]";
    }
}
