package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A frame's fields of the wrong kind are refused in REST's words for the same field. */
class InboundFrameTest {

    /** Every integer a frame carries: an integer too large (or small) for it is one all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"message_id", "room_id", "reply_to", "file_size", "size"})
    void anIntegerPastWhatTheFieldHoldsIsOutOfRangeAsOverRest(String field) {
        for (String tooLarge : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            InboundFrame frame = InboundFrame.parse("{\"" + field + "\":" + tooLarge + "}");
            assertThatThrownBy(() -> frame.integer(field)).as(tooLarge).hasMessage(field + " is out of range");
        }
        assertThat(InboundFrame.parse("{\"" + field + "\":9223372036854775807}").integer(field))
                .isEqualTo(Long.MAX_VALUE);
        for (String notAnInteger : new String[] {"1.5", "\"7\"", "true", "[]"}) {
            InboundFrame frame = InboundFrame.parse("{\"" + field + "\":" + notAnInteger + "}");
            assertThatThrownBy(() -> frame.integer(field)).as(notAnInteger).hasMessage(field + " must be an integer");
        }
    }

    @Test
    void aRefPastTheRangeOfAnIntegerIsOutOfRange() {
        assertThatThrownBy(() -> InboundFrame.parse("{\"ref\":9223372036854775808}").echo())
                .hasMessage("ref is out of range");
        assertThatThrownBy(() -> InboundFrame.parse("{\"ref\":1.5}").echo()).hasMessage(InboundFrame.BAD_REF);
        assertThat(InboundFrame.parse("{\"ref\":9223372036854775807}").echo().ref()).isEqualTo(Long.MAX_VALUE);
    }

    /** Counted in characters, as everywhere: 64 emoji are a ref, and an echoed type is never cut inside one. */
    @Test
    void aRefAndAnEchoedTypeCountCharactersNotUtf16Units() {
        String emoji = "😀".repeat(InboundFrame.MAX_ECHOED_ID);
        assertThat(InboundFrame.parse("{\"ref\":\"" + emoji + "\"}").echo().ref()).isEqualTo(emoji);
        assertThatThrownBy(() -> InboundFrame.parse("{\"ref\":\"" + emoji + "a\"}").echo())
                .hasMessage(InboundFrame.BAD_REF);

        String type = "x".repeat(InboundFrame.MAX_ECHOED_TYPE - 1) + "😀😀";
        assertThat(InboundFrame.quotable(type)).isEqualTo("x".repeat(InboundFrame.MAX_ECHOED_TYPE - 1) + "😀...");
    }

    /** REST's words: {@code client_id must be a string or an integer}, not "must be a string" for a 1.5. */
    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e3", "true", "[]", "{}"})
    void aClientIdIsAStringOrAnInteger(String value) {
        InboundFrame frame = InboundFrame.parse("{\"client_id\":" + value + "}");
        assertThatThrownBy(() -> frame.stringOrInteger("client_id"))
                .hasMessage("client_id must be a string or an integer");
    }

    @Test
    void aClientIdsIntegerIsTakenAsItsDigits() {
        assertThat(InboundFrame.parse("{\"client_id\":42}").stringOrInteger("client_id")).isEqualTo("42");
        assertThat(InboundFrame.parse("{\"client_id\":99999999999999999999}").stringOrInteger("client_id"))
                .isEqualTo("99999999999999999999");
        assertThat(InboundFrame.parse("{\"client_id\":\"c-1\"}").stringOrInteger("client_id")).isEqualTo("c-1");
        assertThat(InboundFrame.parse("{\"client_id\":null}").stringOrInteger("client_id")).isNull();
    }
}
