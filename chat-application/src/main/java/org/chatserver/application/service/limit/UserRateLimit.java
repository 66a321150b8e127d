package org.chatserver.application.service.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.auth.ThrottleStore.Attempts;
import org.chatserver.domain.UserId;

/**
 * How often one user may do one kind of thing (post over REST, open rooms): a token bucket of {@code burst}
 * actions that refills one action every {@link Policy#interval()}, kept in the {@link ThrottleStore} the login
 * throttle uses, so that with several nodes sharing Redis a user has one budget for all of them.
 *
 * <p>The bucket is kept as a generic cell rate: an entry counts the actions taken since its {@code last}
 * instant, and the bucket is full again once {@code last + count × interval} has passed ({@code forgetAt}, when
 * the store drops the entry). {@code blockedUntil} is when the next action would be taken: while it lies ahead
 * the entry is one a bounded local store never evicts.
 *
 * <p>A store out of reach limits nothing: the action goes ahead uncounted. Unlike a login, a post guessed
 * within its budget harms nobody, and a node cut off from Redis keeps serving its chat.
 */
public final class UserRateLimit {

    /** Past this many actions in one entry it is started afresh at its refill time (1 ms lost once). */
    private static final int REBASE_AFTER = 1_000_000;

    /**
     * @param interval one action comes back per interval (at least 1 µs)
     * @param burst    actions a user with a full bucket may take at once
     */
    public record Policy(Duration interval, int burst) {

        public Policy {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(Duration.ofNanos(1_000)) < 0) {
                throw new IllegalArgumentException("interval must be at least 1 µs, was " + interval);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            }
        }

        public static Policy perSecond(int actions, int burst) {
            return new Policy(Duration.ofSeconds(1).dividedBy(positive(actions)), burst);
        }

        public static Policy perHour(int actions, int burst) {
            return new Policy(Duration.ofHours(1).dividedBy(positive(actions)), burst);
        }

        private static int positive(int actions) {
            if (actions < 1) {
                throw new IllegalArgumentException("at least one action per interval, was " + actions);
            }
            return actions;
        }
    }

    /** What a refusal says, given how long to wait: {@code detail.formatted(waitInWords)}. */
    private final String detail;
    private final String keyPrefix;
    private final Policy policy;
    private final ThrottleStore store;
    private final Clock clock;
    private final LongAdder refused = new LongAdder();

    /**
     * @param keyPrefix the store's keys are this plus the user id: each limit a prefix of its own, none of the
     *                  login throttle's ({@code a:}, {@code u:}, {@code s:})
     * @param detail    the refusal's words with one {@code %s} for the wait ("3 seconds")
     * @param policy    null: {@link #unlimited}
     */
    public UserRateLimit(String keyPrefix, String detail, Policy policy, ThrottleStore store, Clock clock) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.policy = policy;
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A limit that limits nothing and asks the store nothing: for an operator who turns the limit off (a rate of 0),
     * so that an action costs no round trip to the store.
     */
    public static UserRateLimit unlimited(ThrottleStore store, Clock clock) {
        return new UserRateLimit("-", "%s", null, store, clock);
    }

    /** Whether this limit limits anything: an {@link #unlimited} one never refuses, so nothing need be read for it. */
    public boolean limits() {
        return policy != null;
    }

    /** Takes one action from the user's bucket, or throws {@link TooManyRequestsException} (taking nothing). */
    public void take(UserId user) {
        if (policy != null) {
            count(user, true);
        }
    }

    /**
     * Throws {@link TooManyRequestsException} when the user's bucket is empty now, taking nothing: for an action
     * that costs only when it turns out to make something ({@link #charge}).
     */
    public void check(UserId user) {
        if (policy == null) {
            return;
        }
        Instant now = clock.instant();
        try {
            Attempts live = store.find(key(user)).filter(a -> !a.isForgottenAt(now)).orElse(null);
            Duration wait = waitAt(live, now);
            if (wait.isPositive()) {
                throw refusal(wait);
            }
        } catch (ThrottleStore.UnavailableException e) {
            // as in count
        }
    }

    /**
     * Takes one action after the fact, even from an empty bucket: actions that passed {@link #check} at the same
     * moment are all counted, and the next one waits for all of them.
     */
    public void charge(UserId user) {
        if (policy != null) {
            count(user, false);
        }
    }

    /** One action more in the user's bucket, in a compare-and-set; {@code refuseWhenEmpty}: unless it is empty. */
    private void count(UserId user, boolean refuseWhenEmpty) {
        String key = key(user);
        Instant now = clock.instant();
        try {
            while (true) {
                Optional<Attempts> current = store.find(key);
                Attempts live = current.filter(a -> !a.isForgottenAt(now)).orElse(null);
                Duration wait = waitAt(live, now);
                if (refuseWhenEmpty && wait.isPositive()) {
                    throw refusal(wait);
                }
                if (store.compareAndSet(key, current.orElse(null), next(live, now))) {
                    return;
                }
            }
        } catch (ThrottleStore.UnavailableException e) {
            // not knowing the count: let it through rather than stop the chat with the store
        }
    }

    /** Actions refused so far, for the node's metrics. */
    public long refused() {
        return refused.sum();
    }

    private String key(UserId user) {
        return keyPrefix + user.value();
    }

    /** When the bucket is full again: the entry's last instant plus one interval per action it counts. */
    private Instant refilledAt(Attempts live) {
        return live.last().plus(policy.interval().multipliedBy(live.count()));
    }

    /** How long until one more action fits (zero or negative: now). */
    private Duration waitAt(Attempts live, Instant now) {
        if (live == null) {
            return Duration.ZERO;
        }
        // one more fits while the bucket, refilling from refilledAt back, has an action left
        Instant allowedAt = refilledAt(live).plus(policy.interval()).minus(policy.interval().multipliedBy(policy.burst()));
        return Duration.between(now, allowedAt);
    }

    private Attempts next(Attempts live, Instant now) {
        Instant last;
        int count;
        if (live == null) {
            last = now.truncatedTo(ChronoUnit.MILLIS);
            count = 1;
        } else if (live.count() >= REBASE_AFTER) {
            last = refilledAt(live).truncatedTo(ChronoUnit.MILLIS);
            count = 1;
        } else {
            last = live.last();
            count = live.count() + 1;
        }
        Instant refilled = last.plus(policy.interval().multipliedBy(count));
        Instant nextAllowed = refilled.plus(policy.interval()).minus(policy.interval().multipliedBy(policy.burst()));
        // the store keeps milliseconds: round both up, so that neither ends before it should
        return new Attempts(count, last, roundUp(nextAllowed.isAfter(last) ? nextAllowed : last), roundUp(refilled));
    }

    private static Instant roundUp(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MILLIS);
        return down.equals(instant) ? down : down.plusMillis(1);
    }

    private TooManyRequestsException refusal(Duration wait) {
        refused.increment();
        return new TooManyRequestsException(detail.formatted(inWords(wait)), wait);
    }

    /** The wait in whole seconds, rounded up as Retry-After gives it; past two minutes in minutes, rounded up. */
    static String inWords(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds >= 120) {
            return (seconds + 59) / 60 + " minutes";
        }
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
