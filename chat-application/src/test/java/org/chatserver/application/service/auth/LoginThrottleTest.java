package org.chatserver.application.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void staysBoundedUnderASprayOfNamesAndAddresses() {
        MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
        LoginThrottle throttle = new LoginThrottle(clock, AuthPolicy.defaults(), 1_000);

        for (int i = 0; i < 50_000; i++) {
            throttle.recordFailure("user" + i, "10.0." + (i % 250) + "." + (i / 250));
        }

        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void blocksBothKeysIndependently() {
        MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
        LoginThrottle throttle = new LoginThrottle(clock, AuthPolicy.defaults(), 1_000);
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", "a" + i);
        }

        assertThatThrownBy(() -> throttle.checkAllowed("alice", "fresh-address"))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.checkAllowed("bob", "a1")).doesNotThrowAnyException();
    }
}
