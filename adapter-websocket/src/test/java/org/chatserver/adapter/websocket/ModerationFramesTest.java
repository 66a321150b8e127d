package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.ChangeRole;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.Muted;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.domain.Membership.Role;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a muted or banned member's client meets on its socket. */
class ModerationFramesTest extends WebSocketTestSupport {

    @Autowired
    ModerateRoomService moderation;

    @Autowired
    RoomMembershipService membership;

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

    /** Since 2026-12-07: who may pin and delete follows at once on every open page of the room. */
    @Test
    void aRoleChangeReachesEveryConnectionToTheRoomAtOnce() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room);
             ChatClient c = connect(carol, room)) {
            a.next("user_joined");

            moderation.changeRole(alice.caller(), new ChangeRole(room.id(), new Username(bob.name()), Role.MODERATOR));

            for (ChatClient client : List.of(a, b, c)) {
                Map<String, Object> frame = client.next("member_updated");
                assertThat(frame).containsOnlyKeys("type", "room_id", "username", "role", "timestamp")
                        .containsEntry("room_id", (int) room.id().value())
                        .containsEntry("username", bob.name())
                        .containsEntry("role", "moderator");
                assertThat((String) frame.get("timestamp")).endsWith("Z");
            }
            moderation.changeRole(alice.caller(), new ChangeRole(room.id(), new Username(bob.name()), Role.MEMBER));
            assertThat(c.next("member_updated")).containsEntry("role", "member");
        }
    }

    /**
     * A mute reaches the connections whose members list shows it (the owner's, a moderator's, the muted member's),
     * with when it ends; not another plain member's, nor anyone's stream of all their rooms.
     */
    @Test
    void aMuteAndItsEndReachThoseWhoSeeItInTheMembersListOnly() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        User dave = user("dave");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        moderation.changeRole(alice.caller(), new ChangeRole(room.id(), new Username(bob.name()), Role.MODERATOR));
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room);
             ChatClient c = connect(carol, room); ChatClient d = connect(dave, room);
             ChatClient stream = ChatClient.connect(userUri(carol.token(), null))) {
            stream.next("connected");

            Muted muted = moderation.mute(alice.caller(), new MuteMember(room.id(), new Username(carol.name()), 10));

            for (ChatClient client : List.of(a, b, c)) {
                assertThat(client.next("member_updated")).containsOnlyKeys("type", "room_id", "username", "role",
                                "muted_until", "timestamp")
                        .containsEntry("username", carol.name())
                        .containsEntry("role", "member")
                        .containsEntry("muted_until", WireTime.format(muted.mute().until()));
            }
            moderation.unmute(alice.caller(), room.id(), new Username(carol.name()));
            for (ChatClient client : List.of(a, b, c)) {
                assertThat(client.next("member_updated")).containsEntry("username", carol.name())
                        .containsEntry("muted_until", null);
            }
            post(alice, room, "after");
            assertThat(d.until("message")).as("dave, a plain member").noneMatch(f -> "member_updated".equals(f.get("type")));
            assertThat(stream.until("message")).as("carol's stream of all her rooms")
                    .noneMatch(f -> "member_updated".equals(f.get("type")));
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
    /**
     * Bob's /ws/user stream when he is banned from a public and a private room: each room's removal says why, as his
     * room connection's close does; frames naming them are answered as REST answers him there: banned from the public
     * room he can still see (403), no such room for him in the private one (404).
     */
    @Test
    void aBannedUsersStreamIsToldWhyAndFramesAboutTheRoomGetWhatRestAnswersThere() {
        User alice = user("alice");
        User bob = user("bob");
        Room open = room(alice);
        Room secret = room(alice, true);
        membership.join(bob.caller(), open.id());
        membership.addMember(alice.caller(), secret.id(), new Username(bob.name()));
        MessageId hi = post(alice, open, "hi");
        try (ChatClient b = ChatClient.connect(userUri(bob.token(), null))) {
            b.next("connected");

            for (Room room : List.of(open, secret)) {
                moderation.ban(alice.caller(), room.id(), new Username(bob.name()));
                assertThat(b.next()).as("the room's removal says why").isEqualTo(Map.of("type", "error",
                        "message", "You are banned from this room", "room_id", (int) room.id().value()));
                assertThat(b.next()).isEqualTo(Map.of("type", "room_removed", "room_id", (int) room.id().value()));
            }

            b.send(Map.of("type", "message", "room_id", open.id().value(), "content", "still here?", "client_id", "c1"));
            assertThat(b.next()).isEqualTo(Map.of("type", "error", "message", "You are banned from this room",
                    "client_id", "c1"));
            b.send(Map.of("type", "reaction", "room_id", open.id().value(), "message_id", hi.value(),
                    "reaction_type", "👍", "ref", 2));
            assertThat(b.next()).isEqualTo(Map.of("type", "error", "message", "You are banned from this room",
                    "ref", 2));
            b.send(Map.of("type", "message", "room_id", secret.id().value(), "content", "and here?", "client_id", "c3"));
            assertThat(b.next()).isEqualTo(Map.of("type", "error", "message", "Room not found", "client_id", "c3"));
            assertThat(b.isOpen()).as("the stream goes on for his other rooms").isTrue();
        }
    }
}
