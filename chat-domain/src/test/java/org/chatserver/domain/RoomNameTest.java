package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"General", "Design Team", "café ☕", "Équipe", "日本語の部屋", "❤️ fans", "Room 101",
        "x1234567890123456789012345678901234567890123456789012345678901y"})
    void takesOrdinaryNames(String name) {
        assertThat(new RoomName(name).value()).isEqualTo(name);
    }

    @Test
    void stripsEveryKindOfSpaceAtTheEnds() {
        assertThat(new RoomName("  General\u00a0\u3000").value()).isEqualTo("General");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Gen\u200Beral",       // zero-width space
        "Gen\u200Deral",       // zero-width joiner
        "\u202Elareneg",       // right-to-left override: reads "general"
        "\u2066General\u2069", // isolates
        "\uFEFFGeneral",       // byte order mark
        "Gen\u00ADeral",       // soft hyphen
        "Gen\u2060eral",       // word joiner
        "a\u2028b"             // line separator
    })
    void refusesInvisibleFormattingCharacters(String name) {
        assertThatThrownBy(() -> new RoomName(name))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("room name"))
                .hasMessage("room name must not contain invisible formatting characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u3164", "\u3164\u3164", "\u2800", "\u115F\u1160", "\uFFA0", "\u0301\u0302",
        "\u00a0\u034f", "\u17b5", "\ufe0f \ufe0e", "\uDB40\uDC00", "\uDB40\uDD00\u20DD"})
    void refusesNamesThatShowNothing(String name) {
        assertThatThrownBy(() -> new RoomName(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("room name must contain a visible character");
    }

    @Test
    void keepsTheRulesItAlwaysHad() {
        assertThatThrownBy(() -> new RoomName(" \t ")).hasMessage("room name must not be empty");
        assertThatThrownBy(() -> new RoomName("a\tb")).hasMessage("room name must not contain control characters");
        assertThatThrownBy(() -> new RoomName("x".repeat(65))).hasMessage("room name must be at most 64 characters long");
        assertThatThrownBy(() -> new RoomName("123")).hasMessage("room name must not consist of digits only");
        assertThatThrownBy(() -> new RoomName("１２３")).hasMessage("room name must not consist of digits only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "General       | general",
        "ＧＥＮＥＲＡＬ  | general",
        "Ｇｅｎｅｒａｌ  | general",
        "Straße        | strasse",
        "STRASSE       | strasse",
        "ﬁnance        | finance",
        "Design  Team  | design team",
        "Design\u3000Team | design team",
        "Ⅸ Legion      | ix legion",
        "ΣΊΣΥΦΟΣ       | σίσυφος",
        "σίσυφοσ       | σίσυφος",
        // characters that draw nothing, inside or at the end: a second "General" in everyone's list
        "Gen\u034Feral | general",
        "Gen\uFE0Feral | general",
        "Gen\u17B4eral | general",
        "Gen\u115Feral | general",
        "Gen\uFFA0eral | general",
        "Gen\u2800eral | general",
        "General\u3164 | general"
    })
    void namesThatLookTheSameHaveOneKey(String name, String key) {
        assertThat(new RoomName(name).key()).isEqualTo(key);
    }

    @Test
    void namesThatOnlyLookAlikeAcrossScriptsStillDiffer() {
        // a Cyrillic а: UTS #39 skeletons would fold it too; see RoomName#key
        assertThat(new RoomName("\u0430dmins").key()).isNotEqualTo(new RoomName("admins").key());
        assertThat(new RoomName("Équipe").key()).isNotEqualTo(new RoomName("Equipe").key());
    }
}
