package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Duration;
import org.chatserver.application.fakes.InMemoryThrottleStore;
import org.chatserver.application.service.auth.AuthPolicy.ThrottlePolicy;

/** Throttles for tests about something else, that sign up many users from one address. */
public final class AuthThrottles {

    private AuthThrottles() {
    }

    /** The default login throttle, and sign-ups never slowed down. */
    public static AuthThrottle unlimitedSignUps(Clock clock) {
        AuthPolicy defaults = AuthPolicy.defaults();
        AuthPolicy policy = new AuthPolicy(defaults.accessTokenTtl(), defaults.refreshTokenTtl(), defaults.refreshRetryWindow(),
                defaults.usernameThrottle(), defaults.addressThrottle(),
                new ThrottlePolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)));
        return new AuthThrottle(new InMemoryThrottleStore(), clock, policy);
    }
}
