package org.chatserver.application.fakes;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.out.auth.ThrottleStore;

/** Unbounded and never forgetting on its own: use-case tests move the clock past forgetAt instead. */
public final class InMemoryThrottleStore implements ThrottleStore {

    private final Map<String, Attempts> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Attempts> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public boolean compareAndSet(String key, Attempts expected, Attempts next) {
        Objects.requireNonNull(next, "next");
        return expected == null ? entries.putIfAbsent(key, next) == null : entries.replace(key, expected, next);
    }

    @Override
    public boolean remove(String key, Attempts expected) {
        return entries.remove(key, expected);
    }
}
