package org.chatserver.application.fakes;

import java.time.Duration;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

/** Reversible on purpose, and fast: use-case tests care about outcomes, not bcrypt's cost. */
public final class FakePasswordHasher implements PasswordHasher {

    private static final String PREFIX = "fake$";

    private volatile Duration busyFor = Duration.ZERO;

    /** From now on, hashing refuses as a saturated hasher does, asking to retry after this long; zero: works again. */
    public void busyFor(Duration retryAfter) {
        busyFor = retryAfter;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        if (busyFor.isPositive()) {
            throw new BusyException("every hashing thread is busy", busyFor);
        }
        return encode(password);
    }

    @Override
    public boolean matches(PlainPassword candidate, PasswordHash hash) {
        if (busyFor.isPositive()) {
            throw new BusyException("every hashing thread is busy", busyFor);
        }
        return candidate != null && encode(candidate).equals(hash);
    }

    private static PasswordHash encode(PlainPassword password) {
        return new PasswordHash(PREFIX + new StringBuilder(password.reveal()).reverse());
    }
}
