package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordHasher} must do: the fake the use-case tests use, and the real ones. */
public abstract class PasswordHasherContract {

    private PasswordHasher hasher;

    /** Called once before each test. */
    protected abstract PasswordHasher newHasher();

    @BeforeEach
    void createHasher() {
        hasher = newHasher();
    }

    @Test
    void aPasswordMatchesItsOwnHashOnly() {
        PlainPassword horse = new PlainPassword("correct horse");
        PlainPassword battery = new PlainPassword("battery staple");
        PasswordHash horseHash = hasher.hash(horse);
        PasswordHash batteryHash = hasher.hash(battery);

        assertThat(hasher.matches(horse, horseHash)).isTrue();
        assertThat(hasher.matches(battery, batteryHash)).isTrue();
        assertThat(hasher.matches(horse, batteryHash)).isFalse();
        assertThat(hasher.matches(new PlainPassword("Correct horse"), horseHash)).as("case counts").isFalse();
    }

    @Test
    void theHashIsNotThePassword() {
        PasswordHash hash = hasher.hash(new PlainPassword("correct horse"));

        assertThat(hash.encoded()).doesNotContain("correct horse");
    }

    @Test
    void aHashItCannotReadMatchesNothingAndThrowsNothing() {
        assertThat(hasher.matches(new PlainPassword("correct horse"), new PasswordHash("not-a-hash"))).isFalse();
        assertThat(hasher.matches(null, hasher.hash(new PlainPassword("correct horse")))).isFalse();
        assertThat(hasher.matches(new PlainPassword("correct horse"), null)).isFalse();
    }

    @Test
    void everyUtf8PasswordTheDomainAllowsRoundTrips() {
        PlainPassword unicode = new PlainPassword("pässwörd ✓ 🐴");

        assertThat(hasher.matches(unicode, hasher.hash(unicode))).isTrue();
        assertThat(hasher.matches(new PlainPassword("passwörd ✓ 🐴"), hasher.hash(unicode))).isFalse();
    }
}
