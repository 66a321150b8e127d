package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Alice_01", "a.b-c", "x23456789012345678901234567890yz"})
    void acceptsThreeToThirtyTwoAllowedCharacters(String name) {
        assertThat(new Username(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ab", "x234567890123456789012345678901yz", "al ice", "alice!", "älice", "a/b", "<script>"})
    void refusesEverythingElseNamingTheField(String name) {
        assertThatThrownBy(() -> new Username(name))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("username"));
    }

    @Test
    void comparesIgnoringCase() {
        assertThat(new Username("Alice").sameAs(new Username("aLICE"))).isTrue();
        assertThat(new Username("Alice").canonical()).isEqualTo("alice");
    }

    /** Names that read as one another in a member list share a key; names that merely resemble do not. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "alice, aIice", "alice, a1ice", "Alice, AIice", "bob0, BOBO", "bobo, b0b0", "martin, rnartin",
            "wendy, vvendy", "l1I, LLL"})
    void namesThatLookAlikeShareTheirKey(String name, String lookAlike) {
        assertThat(new Username(lookAlike).lookAlikeKey()).isEqualTo(new Username(name).lookAlikeKey());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"alice, alica", "alice, aiice", "bob_1, bob-1", "ann, arm", "kate, late"})
    void namesThatDifferToTheEyeKeepTheirOwnKeys(String name, String other) {
        assertThat(new Username(other).lookAlikeKey()).isNotEqualTo(new Username(name).lookAlikeKey());
    }
}
