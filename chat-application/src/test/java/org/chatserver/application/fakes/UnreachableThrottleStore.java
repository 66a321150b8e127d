package org.chatserver.application.fakes;

import java.util.Optional;
import org.chatserver.application.port.out.auth.ThrottleStore;

/** A throttle store whose server is down: every call fails as an unreachable Redis does. */
public final class UnreachableThrottleStore implements ThrottleStore {

    @Override
    public Optional<Attempts> find(String key) {
        throw new UnavailableException("connection refused", null);
    }

    @Override
    public boolean compareAndSet(String key, Attempts expected, Attempts next) {
        throw new UnavailableException("connection refused", null);
    }

    @Override
    public boolean remove(String key, Attempts expected) {
        throw new UnavailableException("connection refused", null);
    }
}
