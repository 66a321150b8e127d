package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;

/** Presence over REST: a user look-up and the members list. */
class PresenceApiTest extends ChatHttpTestSupport {

    @Test
    void aUserLookUpSaysWhetherTheyAreAroundAndWhenTheyWereLastSeen() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        String token = tokenOf(alice);
        lobbyOfAliceThat(alice, bob);

        Map<String, Object> never = json(getWithToken(mvc, "/api/users/BOB", token));
        assertThat(never).containsOnlyKeys("id", "username", "status", "last_seen")
                .containsEntry("id", (int) bob.id().value()).containsEntry("username", "bob")
                .containsEntry("status", "offline").containsEntry("last_seen", null);

        chat.connect(bob, "c1");
        assertThat(json(getWithToken(mvc, "/api/users/bob", token))).containsEntry("status", "online")
                .containsEntry("last_seen", WireTime.format(chat.now()));

        chat.advance(Duration.ofSeconds(30));
        String leftAt = WireTime.format(chat.now());
        chat.disconnect("c1");
        chat.advance(Duration.ofMinutes(10));
        assertThat(json(getWithToken(mvc, "/api/users/bob", token))).containsEntry("status", "offline")
                .containsEntry("last_seen", leftAt);
    }

    /**
     * Someone who shares no room with the caller is found, in the same shape, with no presence: null, not a made-up
     * "offline". Sharing a room (a private one here) shows it, as the stream's frames would; one's own always shows.
     */
    @Test
    void aStrangersPresenceIsNotShownUntilTheyShareARoom() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.connect(bob, "c1");

        Map<String, Object> stranger = json(getWithToken(mvc, "/api/users/bob", tokenOf(alice)));
        assertThat(stranger).containsOnlyKeys("id", "username", "status", "last_seen")
                .containsEntry("id", (int) bob.id().value()).containsEntry("username", "bob")
                .containsEntry("status", null).containsEntry("last_seen", null);
        assertThat(json(getWithToken(mvc, "/api/users/bob", tokenOf(bob)))).as("bob himself")
                .containsEntry("status", "online").containsEntry("last_seen", WireTime.format(chat.now()));

        privateRoomOf(alice, "bob");
        assertThat(json(getWithToken(mvc, "/api/users/bob", tokenOf(alice)))).containsEntry("status", "online")
                .containsEntry("last_seen", WireTime.format(chat.now()));
    }

    @Test
    void anUnknownOrMalformedUserIsAClearRefusal() {
        String token = tokenOf(chat.register("alice"));

        assertProblem(getWithToken(mvc, "/api/users/nobody", token), 404, "User not found");
        assertThat(status(getWithToken(mvc, "/api/users/x", token))).isEqualTo(422);
    }

    @Test
    void theMembersListShowsEachMembersPresence() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        String path = lobbyOfAliceThat(alice, bob);
        chat.connect(alice, "a1");

        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", tokenOf(bob)));

        assertThat(members.get(0)).containsEntry("username", "alice").containsEntry("status", "online")
                .containsEntry("last_seen", WireTime.format(chat.now()));
        assertThat(members.get(1)).containsEntry("username", "bob").containsEntry("status", "offline")
                .containsEntry("last_seen", null);
    }

    /** Anyone may read a public room's members; their presence only those who share a room with them. */
    @Test
    void aPublicRoomsMembersListReadByAStrangerShowsNoPresence() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        String path = lobbyOfAliceThat(alice, bob);
        privateRoomOf(bob, "carol");
        chat.connect(alice, "a1");
        chat.connect(bob, "b1");

        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", tokenOf(carol)));

        assertThat(members).extracting(m -> m.get("username")).containsExactly("alice", "bob");
        assertThat(members.get(0)).as("alice shares no room with carol")
                .containsKeys("status", "last_seen").containsEntry("status", null).containsEntry("last_seen", null);
        assertThat(members.get(1)).as("bob shares the private room").containsEntry("status", "online")
                .containsEntry("last_seen", WireTime.format(chat.now()));
    }

    /** A public room of alice's that {@code joiner} joined: the path of its API. */
    private String lobbyOfAliceThat(User alice, User joiner) {
        Room room = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + room.id().value();
        postWithToken(mvc, path + "/join", tokenOf(joiner));
        return path;
    }

    /** A private room of the owner's, with {@code member} added. */
    private void privateRoomOf(User owner, String member) {
        Room secret = chat.createRoom(owner, "Secret", true);
        assertThat(status(postJsonWithToken(mvc, "/api/rooms/" + secret.id().value() + "/members", tokenOf(owner),
                "{\"username\":\"" + member + "\"}"))).isEqualTo(200);
    }
}
