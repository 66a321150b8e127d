package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.junit.jupiter.api.Test;

/** Typing goes out in small rooms only: in a big one nobody is told, on any node. */
class TypingGateTest {

    private final ChatFixture chat = new ChatFixture();
    private final WatchRoomService watch = new WatchRoomService(chat.messages, chat.reactions, chat.access,
            chat.events, chat.post, chat.tx, chat.clock, WatchRoomService.DEFAULT_PRESENCE_LIMIT,
            new TypingGate(chat.rooms, 2, chat.clock));
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final Room room = chat.room(alice, "lobby", false);

    private List<RoomEvent.Typing> typingPublished() {
        return chat.published.published().stream()
                .filter(RoomEvent.Typing.class::isInstance).map(RoomEvent.Typing.class::cast).toList();
    }

    private RoomWatch watching(AuthenticatedUser who) {
        return watch.watch(who, room.id(), null, who.username().value() + "-1", event -> { });
    }

    @Test
    void typingIsRelayedUpToTheLimitAndNotAboveIt() {
        RoomWatch alices = watching(alice);
        watching(bob);
        alices.typing(RoomEvent.TypingKind.TYPING_START);
        assertThat(typingPublished()).hasSize(1);

        watching(carol);
        // the size is looked up again once what was known is older than FRESH_FOR
        alices.typing(RoomEvent.TypingKind.TYPING_STOP);
        assertThat(typingPublished()).as("still known as small").hasSize(2);
        chat.clock.advance(TypingGate.FRESH_FOR.plus(Duration.ofSeconds(1)));
        alices.typing(RoomEvent.TypingKind.TYPING_START);
        assertThat(typingPublished()).as("three members: above the limit of 2").hasSize(2);
    }

    @Test
    void zeroRelaysNoTypingAndOpenRelaysAll() {
        assertThat(new TypingGate(chat.rooms, 0, chat.clock).allows(room.id())).isFalse();
        assertThat(TypingGate.OPEN.allows(room.id())).isTrue();
    }
}
