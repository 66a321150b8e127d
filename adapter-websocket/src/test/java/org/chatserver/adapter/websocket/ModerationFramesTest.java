package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a muted or banned member's client meets on its socket. */
class ModerationFramesTest extends WebSocketTestSupport {

    @Autowired
    ModerateRoomService moderation;

    @Test
    void aMutedMembersPostIsRefusedWithItsClientIdAndNobodyElseSeesIt() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            moderation.mute(alice.caller(), new MuteMember(room.id(), new Username(bob.name()), 10));

            b.send(Map.of("type", "message", "content", "let me speak", "client_id", "c-1"));

            Map<String, Object> error = b.next("error");
            assertThat(error).containsEntry("client_id", "c-1");
            assertThat((String) error.get("message")).startsWith("You are muted in this room until ");
            assertThat(b.isOpen()).as("a mute is no reason to hang up").isTrue();
            a.send(Map.of("type", "message", "content", "quiet now", "client_id", "a-1"));
            assertThat(a.next("ack")).containsEntry("client_id", "a-1");
            assertThat(b.next("message")).containsEntry("message", "quiet now");
            assertThat(a.received()).noneMatch(f -> "let me speak".equals(f.get("message")));
        }
    }

    @Test
    void aBannedMembersConnectionsCloseWith1008AndTheyCannotComeBack() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");

            moderation.ban(alice.caller(), room.id(), new Username(bob.name()));

            assertThat(b.next("error")).as("told why the room closed").containsEntry("message",
                    "You are banned from this room");
            assertThat(b.closeStatus()).isEqualTo("1008 You are banned from this room");
            assertThat(a.isOpen()).isTrue();

            ChatClient again = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token()));
            again.next("connected");
            assertThat(again.next("error")).containsEntry("message", "You are banned from this room");
            assertThat(again.closeCode()).isEqualTo(1008);
        }
    }
}
