package org.chatserver.application.service.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.auth.ThrottleStore.Attempts;
import org.chatserver.application.service.auth.AuthPolicy.ThrottlePolicy;

/**
 * Slows down guessing and mass sign-ups. Logins are counted per username and per client address,
 * sign-ups per address, in a {@link ThrottleStore} (in memory on one node, Redis across several).
 *
 * <p>An attempt is counted <em>before</em> the password is checked, in one compare-and-set with the
 * check whether it may go ahead at all: however many arrive at once, no more than the free budget
 * get through to the hasher. The caller then settles it: a wrong password leaves it counted, a
 * correct one clears the name and gives the address its attempt back, and an attempt that told the
 * client nothing (the hasher was busy, the client went away) is given back entirely.
 *
 * <p>IPv6 addresses count by their /64: one subscriber usually holds a whole /64.
 */
public final class AuthThrottle {

    static final String LOGIN_WAIT = "Too many failed login attempts, try again later";
    static final String SIGN_UP_WAIT = "Too many sign-ups from this address, try again later";
    static final String UNAVAILABLE = "Logins are briefly unavailable, try again shortly";
    static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(5);

    private final ThrottleStore store;
    private final Clock clock;
    private final ThrottlePolicy usernamePolicy;
    private final ThrottlePolicy addressPolicy;
    private final ThrottlePolicy signUpPolicy;
    private final LongAdder refusedLogins = new LongAdder();
    private final LongAdder refusedSignUps = new LongAdder();

    public AuthThrottle(ThrottleStore store, Clock clock, AuthPolicy policy) {
        this.store = store;
        this.clock = clock;
        this.usernamePolicy = policy.usernameThrottle();
        this.addressPolicy = policy.addressThrottle();
        this.signUpPolicy = policy.signUpThrottle();
    }

    /** One settled outcome of a counted attempt. */
    public interface Attempt {

        /** It stands as counted: a wrong password, a sign-up that was answered. */
        void counts();

        /** A correct password: the name's failures are cleared, the address gets its attempt back. */
        void succeeded();

        /** It told the client nothing: given back on every key. */
        void withdrawn();
    }

    /**
     * Counts a login attempt for the name and the address, or throws {@link TooManyRequestsException}
     * (counting nothing for a name when the address must wait).
     */
    public Attempt beginLogin(String canonicalUsername, String address) {
        Instant now = clock.instant();
        String addressKey = addressKey("a:", address);
        String usernameKey = "u:" + (canonicalUsername == null ? "" : canonicalUsername.toLowerCase(Locale.ROOT));
        guarded(() -> count(addressKey, addressPolicy, now)).ifPresent(wait -> {
            throw refused(refusedLogins, LOGIN_WAIT, wait);
        });
        Optional<Duration> nameWait = guarded(() -> count(usernameKey, usernamePolicy, now));
        if (nameWait.isPresent()) {
            // the address made an attempt at a locked name: that one stands
            throw refused(refusedLogins, LOGIN_WAIT, nameWait.get());
        }
        return new Attempt() {
            @Override
            public void counts() {
            }

            @Override
            public void succeeded() {
                quietly(() -> clear(usernameKey));
                quietly(() -> giveBack(addressKey, addressPolicy));
            }

            @Override
            public void withdrawn() {
                quietly(() -> giveBack(usernameKey, usernamePolicy));
                quietly(() -> giveBack(addressKey, addressPolicy));
            }
        };
    }

    /** Counts a sign-up from the address, or throws {@link TooManyRequestsException}. */
    public Attempt beginSignUp(String address) {
        Instant now = clock.instant();
        String key = addressKey("s:", address);
        guarded(() -> count(key, signUpPolicy, now)).ifPresent(wait -> {
            throw refused(refusedSignUps, SIGN_UP_WAIT, wait);
        });
        return new Attempt() {
            @Override
            public void counts() {
            }

            @Override
            public void succeeded() {
            }

            @Override
            public void withdrawn() {
                quietly(() -> giveBack(key, signUpPolicy));
            }
        };
    }

    /** Logins (and password changes, which share their budget) refused with 429 so far, for the node's metrics. */
    public long refusedLogins() {
        return refusedLogins.sum();
    }

    /** Sign-ups refused with 429 so far, for the node's metrics. */
    public long refusedSignUps() {
        return refusedSignUps.sum();
    }

    private static TooManyRequestsException refused(LongAdder refusals, String detail, Duration wait) {
        refusals.increment();
        return new TooManyRequestsException(detail, wait);
    }

    /** Empty when the attempt was counted; otherwise how long the key must wait (nothing counted). */
    private Optional<Duration> count(String key, ThrottlePolicy policy, Instant now) {
        while (true) {
            Optional<Attempts> current = store.find(key);
            Attempts live = current.filter(a -> !a.isForgottenAt(now)).orElse(null);
            if (live != null && live.isBlockingAt(now)) {
                return Optional.of(Duration.between(now, live.blockedUntil()));
            }
            Attempts next = attempts(policy, live == null ? 1 : live.count() + 1, now);
            if (store.compareAndSet(key, current.orElse(null), next)) {
                return Optional.empty();
            }
        }
    }

    private void giveBack(String key, ThrottlePolicy policy) {
        while (true) {
            Optional<Attempts> current = store.find(key);
            if (current.isEmpty()) {
                return;
            }
            Attempts was = current.get();
            boolean done = was.count() <= 1
                    ? store.remove(key, was)
                    : store.compareAndSet(key, was, attempts(policy, was.count() - 1, was.last()));
            if (done) {
                return;
            }
        }
    }

    private void clear(String key) {
        while (true) {
            Optional<Attempts> current = store.find(key);
            if (current.isEmpty() || store.remove(key, current.get())) {
                return;
            }
        }
    }

    private static Attempts attempts(ThrottlePolicy policy, int count, Instant last) {
        return new Attempts(count, last, last.plus(policy.delayAfter(count)), last.plus(policy.forgetAfter()));
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ThrottleStore.UnavailableException e) {
            // not knowing the count, neither guess it is low nor lock everyone out for good
            throw new ServiceBusyException(UNAVAILABLE, UNAVAILABLE_RETRY);
        }
    }

    /** Settling is best effort: a store out of reach leaves the count as it was, never fails the answer. */
    private static void quietly(Runnable work) {
        try {
            work.run();
        } catch (ThrottleStore.UnavailableException e) {
            // the attempt stays counted until it is forgotten
        }
    }

    /** The key of a client address: IPv4 as it is, IPv6 by its /64. */
    static String addressKey(String prefix, String address) {
        if (address == null || address.isBlank()) {
            return prefix;
        }
        if (address.indexOf(':') >= 0) {
            try {
                byte[] bytes = InetAddress.getByName(address.strip()).getAddress();
                if (bytes.length == 16) {
                    byte[] network = Arrays.copyOf(bytes, 8);
                    StringBuilder key = new StringBuilder(prefix);
                    for (int i = 0; i < network.length; i += 2) {
                        key.append(String.format("%02x%02x", network[i], network[i + 1])).append(':');
                    }
                    return key.append(":/64").toString();
                }
            } catch (UnknownHostException | SecurityException e) {
                // not an address literal: count it as given
            }
        }
        return prefix + address.strip();
    }
}
