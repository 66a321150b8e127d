package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceLabelTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "tab\there", "right\u202Eleft", "zero\u200Bwidth", "half \ud800"})
    void aLabelIsVisibleTextWithoutControls(String value) {
        assertThatThrownBy(() -> new DeviceLabel(value))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.subject()).isEqualTo("device label"));
    }

    @Test
    void aLabelIsAtMostSixtyCharacters() {
        assertThat(new DeviceLabel("x".repeat(60)).value()).hasSize(60);
        assertThat(new DeviceLabel("😀".repeat(60)).value()).as("characters, not UTF-16 units").hasSize(120);
        assertThatThrownBy(() -> new DeviceLabel("x".repeat(61)))
                .hasMessage("device label must be at most 60 characters long");
    }

    @Test
    void cuttingKeepsShortTextAsItIs() {
        assertThat(DeviceLabel.cut("curl/8.5.0")).contains(new DeviceLabel("curl/8.5.0"));
    }

    @Test
    void cuttingStopsAtSixtyCharactersWhereACharacterEnds() {
        assertThat(DeviceLabel.cut("a".repeat(100))).contains(new DeviceLabel("a".repeat(60)));
        // the 60th character is an e with its accent: both go, not the e alone
        String accented = "a".repeat(59) + "e\u0301" + "tail";
        assertThat(DeviceLabel.cut(accented)).contains(new DeviceLabel("a".repeat(59)));
        // a surrogate pair is never split
        assertThat(DeviceLabel.cut("a".repeat(59) + "😀😀").orElseThrow().value()).isEqualTo("a".repeat(59) + "😀");
    }

    @Test
    void cuttingDropsControlsAndFormattingAndMakesSpacesOne() {
        assertThat(DeviceLabel.cut("  My\tApp \u202E 1.0\u0000\r\n")).contains(new DeviceLabel("My App 1.0"));
        assertThat(DeviceLabel.cut("half \ud800 pair")).contains(new DeviceLabel("half pair"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\u0000", "\u200B\u202E"})
    void cuttingNothingVisibleIsNoLabel(String text) {
        assertThat(DeviceLabel.cut(text)).isEmpty();
    }

    @Test
    void cuttingReadsABoundedPartOfAHugeText() {
        assertThat(DeviceLabel.cut("b".repeat(1_000_000))).contains(new DeviceLabel("b".repeat(60)));
    }
}
