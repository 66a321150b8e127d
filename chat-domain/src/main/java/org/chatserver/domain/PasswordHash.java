package org.chatserver.domain;

import java.util.Objects;

/** An encoded password hash (bcrypt's modular crypt format). */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
