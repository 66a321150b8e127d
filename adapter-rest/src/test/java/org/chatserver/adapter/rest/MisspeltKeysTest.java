package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.chatserver.domain.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which unknown keys are taken for a field misspelt, and which are just other keys. */
class MisspeltKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"share_read_receipt", "shareReadReceipts", "SHARE-READ-RECEIPTS", "share read receipts",
        "share_read_reciepts", "share_reads_receipts", "share_read_receiptz", "hare_read_receipts"})
    void aLongFieldInAnyCaseOrSpellingOneLetterOffIsRefused(String key) {
        assertThatThrownBy(() -> MisspeltKeys.refuse(Map.of(key, true), "share_read_receipts"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(key + " is not a field of this request: send share_read_receipts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"read_receipts", "share", "share_read_receipts_now", "theme", "shar_read_recipts"})
    void otherKeysAreOtherKeys(String key) {
        assertThatCode(() -> MisspeltKeys.refuse(Map.of(key, true), "share_read_receipts")).doesNotThrowAnyException();
    }

    /** Where leaving the field out cannot be undone, a short name one letter off is refused too. */
    @ParameterizedTest
    @ValueSource(strings = {"up_too", "uptoo", "p_to", "up_t0", "upt", "up_ro", "Up-To"})
    void aShortFieldWhoseAbsenceCannotBeUndoneIsRefusedOneLetterOff(String key) {
        assertThatThrownBy(() -> MisspeltKeys.refuseEvenShort(Map.of(key, 1), "up_to"))
                .hasMessage(key + " is not a field of this request: send up_to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"into", "up", "room_id", "to", "upto_xy"})
    void keysTwoLettersOrMoreAwayFromAShortFieldAreOtherKeys(String key) {
        assertThatCode(() -> MisspeltKeys.refuseEvenShort(Map.of(key, 1), "up_to")).doesNotThrowAnyException();
    }

    /** A short name is matched only as itself in other case and separators: one letter off is another word. */
    @ParameterizedTest
    @ValueSource(strings = {"into", "upt", "upto_x", "up"})
    void aShortFieldIsMatchedExactly(String key) {
        assertThatCode(() -> MisspeltKeys.refuse(Map.of(key, 1), "up_to")).doesNotThrowAnyException();
        assertThatThrownBy(() -> MisspeltKeys.refuse(Map.of("Up-To", 1), "up_to"))
                .hasMessage("Up-To is not a field of this request: send up_to");
    }
}
