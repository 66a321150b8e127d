package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.service.auth.AuthPolicy.ThrottlePolicy;

/**
 * Slows down guessing: counts failed logins per username and per client address, in memory of
 * this node. Bounded: forgotten failures are purged, and past {@code maxEntries} entries are dropped in no particular order (an attacker
 * filling the table only loses its own throttle state).
 */
public final class LoginThrottle {

    private final Clock clock;
    private final ThrottlePolicy usernamePolicy;
    private final ThrottlePolicy addressPolicy;
    private final int maxEntries;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, AuthPolicy policy, int maxEntries) {
        this.clock = clock;
        this.usernamePolicy = policy.usernameThrottle();
        this.addressPolicy = policy.addressThrottle();
        this.maxEntries = maxEntries;
    }

    /** Throws when either the username or the address must wait before trying again. */
    public void checkAllowed(String canonicalUsername, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(usernameKey(canonicalUsername), usernamePolicy, now),
                waitFor(addressKey(address), addressPolicy, now));
        if (!wait.isZero()) {
            throw new TooManyRequestsException("Too many failed login attempts, try again later", wait);
        }
    }

    public void recordFailure(String canonicalUsername, String address) {
        Instant now = clock.instant();
        record(usernameKey(canonicalUsername), usernamePolicy, now);
        record(addressKey(address), addressPolicy, now);
        if (failures.size() > maxEntries) {
            shrink(now);
        }
    }

    /** A correct password clears the username's failures; the address keeps its count. */
    public void recordSuccess(String canonicalUsername) {
        failures.remove(usernameKey(canonicalUsername));
    }

    int trackedKeys() {
        return failures.size();
    }

    private Duration waitFor(String key, ThrottlePolicy policy, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.forgotten(now)) {
            return Duration.ZERO;
        }
        Instant until = f.last().plus(policy.delayAfter(f.count()));
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private void record(String key, ThrottlePolicy policy, Instant now) {
        failures.compute(key, (k, f) -> f == null || f.forgotten(now)
                ? new Failures(1, now, policy)
                : new Failures(f.count() + 1, now, policy));
    }

    private void shrink(Instant now) {
        failures.values().removeIf(f -> f.forgotten(now));
        Iterator<Map.Entry<String, Failures>> it = failures.entrySet().iterator();
        while (failures.size() > maxEntries && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static String usernameKey(String canonicalUsername) {
        return "u:" + canonicalUsername;
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Failures(int count, Instant last, ThrottlePolicy policy) {

        boolean forgotten(Instant now) {
            return !now.isBefore(last.plus(policy.forgetAfter()));
        }
    }
}
