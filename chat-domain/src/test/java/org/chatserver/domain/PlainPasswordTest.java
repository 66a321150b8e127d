package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlainPasswordTest {

    @Test
    void acceptsEightCharactersUpToSeventyTwoBytes() {
        assertThat(new PlainPassword("12345678").reveal()).isEqualTo("12345678");
        assertThat(new PlainPassword("x".repeat(72)).reveal()).hasSize(72);
        // 24 three-byte characters are exactly 72 bytes
        assertThat(new PlainPassword("€".repeat(24)).reveal()).hasSize(24);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1234567", "€€€€€€€"})
    void refusesShortPasswords(String raw) {
        assertThatThrownBy(() -> new PlainPassword(raw))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("password"));
    }

    @Test
    void refusesWhatBcryptWouldTruncateInsteadOfTruncatingIt() {
        assertThatThrownBy(() -> new PlainPassword("x".repeat(73))).hasMessageContaining("72 bytes");
        // 25 three-byte characters are 75 bytes though only 25 characters
        assertThatThrownBy(() -> new PlainPassword("€".repeat(25))).hasMessageContaining("72 bytes");
    }

    @Test
    void neverPrintsItself() {
        assertThat(new PlainPassword("secret-password")).asString().doesNotContain("secret");
    }
}
