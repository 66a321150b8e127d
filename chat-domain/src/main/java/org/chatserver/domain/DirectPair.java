package org.chatserver.domain;

import java.util.Objects;

/**
 * The two people of a direct message, in no particular order: the same pair whoever opens it, so
 * that {@link #key()} names one room for both.
 */
public record DirectPair(UserId low, UserId high) {

    static final String NOT_WITH_YOURSELF = "A direct message needs someone other than you";

    public DirectPair {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.value() >= high.value()) {
            throw new IllegalArgumentException("low must be below high: use DirectPair.of");
        }
    }

    /** The pair of {@code caller} and {@code peer}; writing to yourself is refused. */
    public static DirectPair of(UserId caller, UserId peer) {
        if (caller.equals(peer)) {
            throw new RuleViolation.NotPossible(NOT_WITH_YOURSELF);
        }
        return caller.value() < peer.value() ? new DirectPair(caller, peer) : new DirectPair(peer, caller);
    }

    /** One text per pair, the same from either side: what makes the room unique. */
    public String key() {
        return low.value() + "-" + high.value();
    }

    public boolean contains(UserId user) {
        return low.equals(user) || high.equals(user);
    }

    /** The other one of the pair. */
    public UserId other(UserId user) {
        if (!contains(user)) {
            throw new IllegalArgumentException(user + " is not in " + this);
        }
        return low.equals(user) ? high : low;
    }
}
