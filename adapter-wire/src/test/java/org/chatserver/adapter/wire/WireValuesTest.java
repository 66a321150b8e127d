package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageType;
import org.junit.jupiter.api.Test;

/** What a client may write for a value the wire names. */
class WireValuesTest {

    /** As a role: a client that writes IMAGE means image, and spaces around it were already ignored. */
    @Test
    void aMessageTypeIsReadInAnyCaseWithSpacesAround() {
        assertThat(WireValues.messageType("IMAGE")).isEqualTo(MessageType.IMAGE);
        assertThat(WireValues.messageType(" Text_With_Image ")).isEqualTo(MessageType.TEXT_WITH_IMAGE);
        assertThat(WireValues.messageType("  ")).as("left to the server").isNull();
        assertThat(WireValues.messageType((String) null)).isNull();
        assertThatThrownBy(() -> WireValues.messageType("textwithimage")).isInstanceOf(InvalidValueException.class);
    }
}
