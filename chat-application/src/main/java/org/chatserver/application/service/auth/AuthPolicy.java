package org.chatserver.application.service.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tokens live and how hard repeated login failures are slowed down.
 *
 * @param accessTokenTtl       lifetime of a signed access token
 * @param refreshTokenTtl      lifetime of an unused refresh token; a session whose newest refresh
 *                             token expires is over
 * @param refreshRetryWindow   how long after a refresh token was used it may be sent again and get the
 *                             same new refresh token back, while that one is unused (a lost answer, or
 *                             two requests of one client racing); zero: any second use ends the session
 * @param usernameThrottle     failures allowed for one username before logins for it are slowed
 * @param addressThrottle      the same for one client address, usually more generous
 * @param signUpThrottle       sign-ups (successful or not) from one client address before they are slowed
 */
public record AuthPolicy(Duration accessTokenTtl, Duration refreshTokenTtl, Duration refreshRetryWindow,
                         ThrottlePolicy usernameThrottle, ThrottlePolicy addressThrottle,
                         ThrottlePolicy signUpThrottle) {

    public AuthPolicy {
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(refreshRetryWindow, "refreshRetryWindow");
        Objects.requireNonNull(usernameThrottle, "usernameThrottle");
        Objects.requireNonNull(addressThrottle, "addressThrottle");
        Objects.requireNonNull(signUpThrottle, "signUpThrottle");
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("access token lifetime must be positive");
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("refresh token lifetime must not be shorter than the access token's");
        }
        if (refreshRetryWindow.isNegative() || refreshRetryWindow.compareTo(refreshTokenTtl) > 0) {
            throw new IllegalArgumentException(
                    "refresh retry window must be between zero and the refresh token's lifetime");
        }
    }

    public static AuthPolicy defaults() {
        return new AuthPolicy(Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofSeconds(30),
                new ThrottlePolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
                new ThrottlePolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)),
                new ThrottlePolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)));
    }

    /**
     * After {@code freeFailures} failures, each further attempt must wait {@code baseDelay}
     * doubled per extra failure, at most {@code maxDelay}, counted from the last failure. Failures
     * are forgotten {@code forgetAfter} after the last one, never before a wait they impose is over.
     */
    public record ThrottlePolicy(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter) {

        public ThrottlePolicy {
            if (freeFailures < 1) {
                throw new IllegalArgumentException("freeFailures must be at least 1");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(forgetAfter, "forgetAfter");
            if (forgetAfter.compareTo(maxDelay) < 0) {
                // else a key could be forgotten while it should still be waiting
                throw new IllegalArgumentException("failures must be remembered at least as long as the longest wait");
            }
        }

        Duration delayAfter(int failures) {
            int extra = failures - freeFailures;
            if (extra < 0) {
                return Duration.ZERO;
            }
            Duration delay = baseDelay.multipliedBy(1L << Math.min(extra, 30));
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }
}
