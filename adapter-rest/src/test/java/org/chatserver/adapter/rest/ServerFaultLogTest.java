package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.chatserver.application.fakes.MutableClock;
import org.junit.jupiter.api.Test;

class ServerFaultLogTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-01T10:00:00Z");
    private final ServerFaultLog log = new ServerFaultLog(clock, Duration.ofSeconds(10));

    @Test
    void oneLinePerKindPerWindowTellingHowManyWereLeftOut() {
        assertThat(log.admit("disk full")).isEqualTo(OptionalLong.of(0));
        for (int i = 0; i < 999; i++) {
            assertThat(log.admit("disk full")).isEmpty();
        }
        assertThat(log.admit("database down")).as("another kind has its own window").isEqualTo(OptionalLong.of(0));

        clock.advance(Duration.ofSeconds(9));
        assertThat(log.admit("disk full")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.admit("disk full")).isEqualTo(OptionalLong.of(1_000));
        assertThat(log.admit("disk full")).isEmpty();
    }

    @Test
    void theKindIsTheExceptionAndWhereItWasThrown() {
        Exception first = new IllegalStateException("wrapped", new IOException("No space left on device"));
        Exception sameAgain = new IllegalStateException("other text", new IOException("No space left on device"));
        Exception elsewhere = new IllegalStateException("wrapped", new IllegalArgumentException("bad"));

        assertThat(ServerFaultLog.kindOf(first)).isEqualTo(ServerFaultLog.kindOf(sameAgain))
                .isNotEqualTo(ServerFaultLog.kindOf(elsewhere));
    }
}
