package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthSessionTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final UserId ALICE = new UserId(1);
    private static final SessionId LAPTOP = new SessionId(10);
    private static final SessionId PHONE = new SessionId(11);

    @Test
    void anOpenedSessionWasLastUsedWhenItBegan() {
        AuthSession phone = AuthSession.opened(PHONE, ALICE, T0, new DeviceLabel("Safari on iOS"));

        assertThat(phone.isActive()).isTrue();
        assertThat(phone.lastUsedAt()).isEqualTo(T0);
        assertThat(phone.device()).isEqualTo(new DeviceLabel("Safari on iOS"));
    }

    @Test
    void anotherSessionOfTheUserEndsIt() {
        AuthSession phone = AuthSession.opened(PHONE, ALICE, T0, null);

        AuthSession ended = phone.endFrom(LAPTOP, T0.plusSeconds(60));

        assertThat(ended.isActive()).isFalse();
        assertThat(ended.revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(ended.endFrom(LAPTOP, T0.plusSeconds(120)).revokedAt()).as("the first end stands")
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theSessionAskingCannotEndItselfThisWay() {
        AuthSession laptop = AuthSession.opened(LAPTOP, ALICE, T0, null);

        assertThatThrownBy(() -> laptop.endFrom(LAPTOP, T0.plusSeconds(60)))
                .isInstanceOf(RuleViolation.Conflict.class)
                .hasMessage("This is the session you are using: log out to end it");
    }
}
