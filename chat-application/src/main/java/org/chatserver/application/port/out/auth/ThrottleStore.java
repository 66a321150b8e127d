package org.chatserver.application.port.out.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What the login and sign-up throttles remember per key (a username, a client address), and the per-user limits
 * per user ({@code UserRateLimit}), shared by every node that uses the same store: with several nodes, one budget
 * for all of them.
 *
 * <p>Changes are compare-and-set, so that two requests counting at once can never both see the
 * count before the other's: of two racing updates from the same state exactly one wins, and the
 * loser reads again. An entry is forgotten at its {@link Attempts#forgetAt()}; a store that must
 * drop entries to stay bounded never drops one still {@linkplain Attempts#blockedUntil() blocking}.
 * Instants are kept to the millisecond.
 */
public interface ThrottleStore {

    Optional<Attempts> find(String key);

    /**
     * Stores {@code next} under {@code key} if the key still holds {@code expected} ({@code null}:
     * if it holds nothing).
     *
     * @return false, changing nothing, when the key holds anything else
     * @throws UnavailableException when the store cannot be reached
     */
    boolean compareAndSet(String key, Attempts expected, Attempts next);

    /** Removes {@code key} if it still holds {@code expected}; false, changing nothing, otherwise. */
    boolean remove(String key, Attempts expected);

    /**
     * @param count        attempts counted since the key was last forgotten
     * @param last         when the latest was counted
     * @param blockedUntil no further attempt before this instant
     * @param forgetAt     the whole entry counts for nothing from this instant on
     */
    record Attempts(int count, Instant last, Instant blockedUntil, Instant forgetAt) {

        public Attempts {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, was " + count);
            }
            last = Objects.requireNonNull(last, "last").truncatedTo(ChronoUnit.MILLIS);
            blockedUntil = Objects.requireNonNull(blockedUntil, "blockedUntil").truncatedTo(ChronoUnit.MILLIS);
            forgetAt = Objects.requireNonNull(forgetAt, "forgetAt").truncatedTo(ChronoUnit.MILLIS);
        }

        public boolean isForgottenAt(Instant now) {
            return !now.isBefore(forgetAt);
        }

        /**
         * Whether an attempt at {@code now} must wait. Only a delay blocks: an attempt within the free budget
         * (blocked until the moment it was made) blocks nobody, not even a simultaneous attempt whose clock was
         * read a moment before this one was recorded.
         */
        public boolean isBlockingAt(Instant now) {
            return blockedUntil.isAfter(last) && now.isBefore(blockedUntil) && !isForgottenAt(now);
        }
    }

    /** The store is out of reach; the caller cannot know the count and must not guess. */
    final class UnavailableException extends RuntimeException {

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
