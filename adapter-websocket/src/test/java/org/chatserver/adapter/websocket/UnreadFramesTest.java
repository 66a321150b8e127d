package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.domain.RoomId;
import org.junit.jupiter.api.Test;

/** At most one unread frame per room and interval, the latest counts always arriving. */
class UnreadFramesTest {

    private static final RoomId ROOM = new RoomId(7);
    private static final RoomId OTHER = new RoomId(9);

    private final List<String> sent = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final UnreadFrames frames = new UnreadFrames(Duration.ofSeconds(1), (task, delay) -> due.add(task),
            sent::add);

    private void intervalEnds() {
        List<Runnable> now = List.copyOf(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theFirstChangeGoesAtOnceLaterOnesAsOneWithTheLatestCountsAtTheIntervalsEnd() {
        frames.changed(ROOM, 1, 0);
        frames.changed(ROOM, 2, 0);
        frames.changed(ROOM, 3, 1);
        frames.changed(OTHER, 5, 0);

        assertThat(sent).containsExactly(OutboundFrames.unread(ROOM, 1, 0), OutboundFrames.unread(OTHER, 5, 0));

        intervalEnds();
        assertThat(sent).last().isEqualTo(OutboundFrames.unread(ROOM, 3, 1));
        assertThat(sent).hasSize(3);

        intervalEnds();
        assertThat(frames.openWindows()).as("a quiet interval closes the window").isZero();
        frames.changed(ROOM, 0, 0);
        assertThat(sent).hasSize(4).last().isEqualTo(OutboundFrames.unread(ROOM, 0, 0));
    }

    /**
     * Counts waiting for the interval's end when the room leaves the list are never sent: they would follow its
     * room_removed, or, when it came back meanwhile, overwrite the fresh counts of its room_added.
     */
    @Test
    void countsWaitingWhenTheRoomIsForgottenAreNeverSent() {
        frames.changed(ROOM, 1, 1);
        frames.changed(ROOM, 3, 3);
        frames.changed(OTHER, 5, 0);
        frames.changed(OTHER, 6, 0);

        frames.forget(ROOM);
        intervalEnds();

        assertThat(sent).containsExactly(OutboundFrames.unread(ROOM, 1, 1), OutboundFrames.unread(OTHER, 5, 0),
                OutboundFrames.unread(OTHER, 6, 0));
    }

    @Test
    void aRoomBackAfterBeingForgottenStartsAFreshIntervalThatItsOldTimerDoesNotEnd() {
        frames.changed(ROOM, 1, 1);
        frames.changed(ROOM, 3, 3);
        frames.forget(ROOM);
        frames.changed(ROOM, 1, 0);
        frames.changed(ROOM, 2, 0);

        // the forgotten window's timer runs first: it neither sends the old counts nor ends the new window early
        due.removeFirst().run();
        assertThat(sent).containsExactly(OutboundFrames.unread(ROOM, 1, 1), OutboundFrames.unread(ROOM, 1, 0));
        intervalEnds();
        assertThat(sent).last().isEqualTo(OutboundFrames.unread(ROOM, 2, 0));
    }

    @Test
    void aZeroIntervalSendsEveryChange() {
        UnreadFrames every = new UnreadFrames(Duration.ZERO, (task, delay) -> due.add(task), sent::add);
        every.changed(ROOM, 1, 0);
        every.changed(ROOM, 2, 0);

        assertThat(sent).hasSize(2);
        assertThat(due).isEmpty();
    }
}
