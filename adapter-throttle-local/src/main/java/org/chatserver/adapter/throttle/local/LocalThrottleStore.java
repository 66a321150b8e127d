package org.chatserver.adapter.throttle.local;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.out.auth.ThrottleStore;

/**
 * Throttle state in this process: the embedded default, one node. Bounded by {@code maxEntries}:
 * past it, forgotten entries go first, then those no longer blocking, the longest idle first, down
 * to nine tenths of the limit. An entry that still blocks is never dropped, however many others
 * arrive: an attacker spraying failures from many addresses fills the table with its own entries,
 * and cannot push out the lock on the account it is after.
 *
 * <p>Only blocking entries can hold the table above its limit, and they cost an attacker: every
 * address is itself throttled after a few failures, and each block ends by its own time.
 */
public final class LocalThrottleStore implements ThrottleStore {

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Attempts> entries = new ConcurrentHashMap<>();

    public LocalThrottleStore(Clock clock, int maxEntries) {
        if (maxEntries < 10) {
            throw new IllegalArgumentException("maxEntries must be at least 10, was " + maxEntries);
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<Attempts> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public boolean compareAndSet(String key, Attempts expected, Attempts next) {
        Objects.requireNonNull(next, "next");
        boolean stored = expected == null ? entries.putIfAbsent(key, next) == null : entries.replace(key, expected, next);
        if (stored && expected == null && entries.size() > maxEntries) {
            shrink();
        }
        return stored;
    }

    @Override
    public boolean remove(String key, Attempts expected) {
        return entries.remove(key, expected);
    }

    int size() {
        return entries.size();
    }

    private synchronized void shrink() {
        if (entries.size() <= maxEntries) {
            return;
        }
        Instant now = clock.instant();
        entries.entrySet().removeIf(entry -> entry.getValue().isForgottenAt(now));
        int target = maxEntries - maxEntries / 10;
        if (entries.size() <= target) {
            return;
        }
        List<Map.Entry<String, Attempts>> idle = entries.entrySet().stream()
                .filter(entry -> !entry.getValue().isBlockingAt(now))
                .sorted(Comparator.comparing(entry -> entry.getValue().last()))
                .limit(entries.size() - (long) target)
                .toList();
        // remove(key, value): an entry updated meanwhile (perhaps now blocking) stays
        idle.forEach(entry -> entries.remove(entry.getKey(), entry.getValue()));
    }
}
