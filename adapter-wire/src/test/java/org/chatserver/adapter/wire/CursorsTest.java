package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatserver.domain.ChangeId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.junit.jupiter.api.Test;

class CursorsTest {

    @Test
    void aCursorNeverLooksLikeAMessageIdAndReadsBack() {
        assertThat(Cursors.of(new ChangeId(42))).isEqualTo("c42");
        assertThat(Cursors.parse("c42")).isEqualTo(new ChangeId(42));
        assertThat(Cursors.of(null)).isNull();
    }

    @Test
    void sinceIsACursorOrTheMessageIdOfClientsOfBeforeTheLog() {
        assertThat(Cursors.position("17")).isEqualTo(new MessageId(17));
        assertThat(Cursors.position("c17")).isEqualTo(new ChangeId(17));
        assertThat(Cursors.position(null)).isNull();
        for (String bad : new String[] {"0", "c0", "c", "c-1", "x17", "c1a", "99999999999999999999", "c+1", ""}) {
            assertThatThrownBy(() -> Cursors.position(bad)).as(bad).isInstanceOf(InvalidValueException.class)
                    .hasMessage("since must be a cursor from this server or a message id");
        }
        assertThatThrownBy(() -> Cursors.parse("17")).hasMessage("since must be a cursor from this server");
    }

    /** Nineteen digits can still be more than the largest id: refused like any other number that is not one. */
    @Test
    void aNumberPastTheLargestIdIsRefusedNotAFailure() {
        assertThat(Cursors.position("9223372036854775807")).isEqualTo(new MessageId(Long.MAX_VALUE));
        assertThat(Cursors.position("c9223372036854775807")).isEqualTo(new ChangeId(Long.MAX_VALUE));
        for (String bad : new String[] {"9223372036854775808", "9999999999999999999", "c9223372036854775808"}) {
            assertThatThrownBy(() -> Cursors.position(bad)).as(bad).isInstanceOf(InvalidValueException.class)
                    .hasMessage("since must be a cursor from this server or a message id");
        }
        assertThatThrownBy(() -> Cursors.parse("c9999999999999999999")).isInstanceOf(InvalidValueException.class)
                .hasMessage("since must be a cursor from this server");
    }
}
