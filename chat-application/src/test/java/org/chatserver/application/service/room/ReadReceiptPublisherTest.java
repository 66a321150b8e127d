package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Coalescing of read positions: one per member and room per window, the furthest, never backward. */
class ReadReceiptPublisherTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private final InMemoryRoomEvents events = new InMemoryRoomEvents();
    private final List<Runnable> windowEnds = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final ReadReceiptPublisher publisher = new ReadReceiptPublisher(events, (task, delay) -> {
        windowEnds.add(task);
        delays.add(delay);
    }, Duration.ofSeconds(1));

    @Test
    void aLateArrivingOlderPositionIsNeverPublishedAfterANewerOne() {
        publisher.moved(read("bob", 5));
        publisher.moved(read("bob", 3));

        endWindows();

        assertThat(published()).containsExactly("bob 5");
        assertThat(publisher.openWindows()).isZero();
    }

    @Test
    void theFurthestOfAWindowGoesOutAtItsEndAndStartsTheNextWindow() {
        publisher.moved(read("bob", 1));
        publisher.moved(read("bob", 4));
        publisher.moved(read("bob", 2));
        endWindows();
        publisher.moved(read("bob", 6));
        assertThat(published()).as("still within the window that 4 started").containsExactly("bob 1", "bob 4");

        endWindows();
        endWindows();

        assertThat(published()).containsExactly("bob 1", "bob 4", "bob 6");
        assertThat(delays).containsOnly(Duration.ofSeconds(1));
        assertThat(publisher.openWindows()).isZero();
    }

    @Test
    void membersAndRoomsHaveWindowsOfTheirOwn() {
        publisher.moved(read("bob", 1));
        publisher.moved(read("carol", 1));
        publisher.moved(new ReadMoved(new RoomId(2), new Username("bob"), new MessageId(9), AT, null));

        assertThat(events.published()).hasSize(3);
        assertThat(publisher.openWindows()).isEqualTo(3);
    }

    @Test
    void theWindowMustBePositive() {
        assertThatThrownBy(() -> new ReadReceiptPublisher(events, (task, delay) -> { }, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void endWindows() {
        List<Runnable> due = List.copyOf(windowEnds);
        windowEnds.clear();
        due.forEach(Runnable::run);
    }

    private List<String> published() {
        return events.published().stream().map(e -> (ReadMoved) e)
                .map(r -> r.user().value() + " " + r.lastRead().value()).toList();
    }

    private static ReadMoved read(String user, long upTo) {
        return new ReadMoved(ROOM, new Username(user), new MessageId(upTo), AT, null);
    }
}
