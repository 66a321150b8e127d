package org.chatserver.application.fakes;

import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

/** Reversible on purpose, and fast: use-case tests care about outcomes, not bcrypt's cost. */
public final class FakePasswordHasher implements PasswordHasher {

    private static final String PREFIX = "fake$";

    @Override
    public PasswordHash hash(PlainPassword password) {
        return new PasswordHash(PREFIX + new StringBuilder(password.reveal()).reverse());
    }

    @Override
    public boolean matches(PlainPassword candidate, PasswordHash hash) {
        return candidate != null && hash(candidate).equals(hash);
    }
}
