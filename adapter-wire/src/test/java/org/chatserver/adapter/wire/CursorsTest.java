package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
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
        assertThat(Cursors.since(null)).isNull();
        for (String bad : new String[] {"0", "c0", "c", "c-1", "x17", "c1a", "99999999999999999999", ""}) {
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

    /**
     * Every {@code since} takes exactly what the server writes, as REST's numeric ids do: not the same number with
     * spaces around it ({@code ?since=+1000} arrives as " 1000"), a sign or leading zeros, which say so.
     */
    @Test
    void sinceIsTakenOnlyAsTheServerWritesIt() {
        for (String loose : new String[] {" 1000", "1000 ", "+1000", "01000", "\t1000", " c1000", "c1000\n", "+c1000",
                "c+1000", "c01000", "c0001339", " +c01000 "}) {
            assertThatThrownBy(() -> Cursors.since(loose)).as("[%s]", loose).isInstanceOf(InvalidValueException.class)
                    .hasMessage("since must be written as this server writes it, without spaces, a sign or leading "
                            + "zeros (c815, not c0815)");
        }
        for (String loose : new String[] {" c1000", "c1000 ", "+c1000", "c01000"}) {
            assertThatThrownBy(() -> Cursors.changesSince(loose)).as("[%s]", loose)
                    .hasMessage(Cursors.NOT_AS_WRITTEN);
        }
        assertThatThrownBy(() -> Cursors.changesSince("01000")).as("digits are no cursor there, with or without zeros")
                .hasMessage("since must be a cursor from this server");
        assertThat(Cursors.since("1000")).isEqualTo(new MessageId(1000));
        assertThat(Cursors.since("c1000")).isEqualTo(new ChangeId(1000));
        assertThat(Cursors.changesSince("c1000")).isEqualTo(new ChangeId(1000));
    }

    /** None of these is a number the server wrote with something around it: refused as before. */
    @Test
    void whatIsNoPositionAtAllKeepsItsRefusal() {
        for (String bad : new String[] {"-1000", "0", "000", "c0", "c00", "1e3", "c 1000", "++1000", "c9223372036854775808",
                "09223372036854775808"}) {
            assertThatThrownBy(() -> Cursors.since(bad)).as("[%s]", bad).hasMessage(Cursors.INVALID);
        }
    }

    @Test
    void noSinceOrABlankOneIsNone() {
        for (String none : new String[] {null, "", " ", "\t"}) {
            assertThat(Cursors.since(none)).as("[%s]", none).isNull();
            assertThat(Cursors.changesSince(none)).as("[%s]", none).isNull();
            assertThat(Cursors.perRoom(none)).as("[%s]", none).isEmpty();
        }
    }

    @Test
    void aUserStreamsSinceIsAPositionPerRoomWrittenAsTheServerWritesIt() {
        assertThat(Cursors.perRoom("7:c1042,9:977")).isEqualTo(Map.of(new RoomId(7), new ChangeId(1042),
                new RoomId(9), new MessageId(977)));
        for (String loose : new String[] {" 7:c1042", "7:c1042 ", "7: c1042", "7 :c1042", "7:c1042, 9:c977",
                "07:c1042", "+7:c1042", "7:c01042", "7:+c1042"}) {
            assertThatThrownBy(() -> Cursors.perRoom(loose)).as("[%s]", loose).hasMessage(Cursors.NOT_AS_WRITTEN);
        }
        for (String bad : new String[] {"7", "07", ":c1", "x:c1", "0:c1", "7:c1,", "7:c1,,9:c2"}) {
            assertThatThrownBy(() -> Cursors.perRoom(bad)).as("[%s]", bad)
                    .hasMessage("since must be room_id:cursor pairs separated by commas, at most 500 rooms");
        }
        assertThatThrownBy(() -> Cursors.perRoom("7:later")).hasMessage(Cursors.INVALID);
        assertThatThrownBy(() -> Cursors.perRoom("7:c1,7:c2")).hasMessage("since names room 7 twice");
    }
}
