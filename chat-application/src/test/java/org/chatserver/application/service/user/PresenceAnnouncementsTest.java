package org.chatserver.application.service.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.service.room.TypingGate;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.UserPresence;
import org.junit.jupiter.api.Test;

/**
 * With two nodes, a reading of someone's status made before the other node's report can be published after the
 * other node's: what streams show last would be the older reading. Each change is read again a little later, and
 * told again when it moved.
 */
class PresenceAnnouncementsTest {

    private static final UserPresence ONLINE = new UserPresence(PresenceStatus.ONLINE, null);
    private static final UserPresence AWAY = new UserPresence(PresenceStatus.AWAY, null);

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final InMemoryRoomEvents told = new InMemoryRoomEvents();
    private final List<Runnable> later = new ArrayList<>();
    private final PresenceAnnouncements announcements = new PresenceAnnouncements(chat.rooms, told, TypingGate.OPEN,
            Runnable::run, (task, after) -> {
                assertThat(after).isEqualTo(PresenceAnnouncements.RECHECK_AFTER);
                later.add(task);
            });

    {
        chat.room(alice, "lobby", false);
    }

    private List<PresenceStatus> statusesTold() {
        return told.published().stream().map(e -> ((RoomEvent.StatusChanged) e).status()).toList();
    }

    private void runLater() {
        List<Runnable> due = List.copyOf(later);
        later.clear();
        due.forEach(Runnable::run);
    }

    /**
     * A connection the web server closes as the node stops, after the announcer was shut down: nothing to tell, and
     * no exception for the WebSocket handler to log (a WARN with a stack trace in a stopping node's log).
     */
    @Test
    void aChangeAfterTheAnnouncerStoppedIsDroppedQuietly() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdownNow();
        PresenceAnnouncements stopping = new PresenceAnnouncements(chat.rooms, told, TypingGate.OPEN, stopped);

        stopping.changed(alice.userId(), alice.username(), () -> ONLINE);

        assertThat(told.published()).isEmpty();
    }

    @Test
    void aReadingOvertakenByAnotherNodesChangeIsCorrectedWhenItIsReadAgain() {
        // read while the other node still had her online; by the time it is read again she is away everywhere
        Deque<UserPresence> readings = new ArrayDeque<>(List.of(ONLINE, AWAY));

        announcements.changed(alice.userId(), alice.username(), readings::poll);
        assertThat(statusesTold()).containsExactly(PresenceStatus.ONLINE);
        runLater();

        assertThat(statusesTold()).containsExactly(PresenceStatus.ONLINE, PresenceStatus.AWAY);
    }

    @Test
    void aReadingThatHeldIsNotToldAgainThoughAConnectedPersonIsSeenAtEachReading() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        Deque<UserPresence> readings = new ArrayDeque<>(List.of(
                new UserPresence(PresenceStatus.AWAY, t), new UserPresence(PresenceStatus.AWAY, t.plusSeconds(2))));

        announcements.changed(alice.userId(), alice.username(), readings::poll);
        runLater();

        assertThat(statusesTold()).containsExactly(PresenceStatus.AWAY);
    }

    @Test
    void onlyTheLatestChangeIsReadAgain() {
        Deque<UserPresence> readings = new ArrayDeque<>(List.of(ONLINE, AWAY, AWAY));

        announcements.changed(alice.userId(), alice.username(), readings::poll);
        announcements.changed(alice.userId(), alice.username(), readings::poll);
        runLater();

        assertThat(statusesTold()).containsExactly(PresenceStatus.ONLINE, PresenceStatus.AWAY);
        assertThat(readings).as("the first change's second reading was left to the later change's").isEmpty();
    }

    @Test
    void withoutReadingAgainOneReadingIsToldPerChange() {
        PresenceAnnouncements once = new PresenceAnnouncements(chat.rooms, told, TypingGate.OPEN, Runnable::run);
        Deque<UserPresence> readings = new ArrayDeque<>(List.of(ONLINE, AWAY));

        once.changed(alice.userId(), alice.username(), readings::poll);

        assertThat(statusesTold()).containsExactly(PresenceStatus.ONLINE);
        assertThat(later).isEmpty();
    }
}
