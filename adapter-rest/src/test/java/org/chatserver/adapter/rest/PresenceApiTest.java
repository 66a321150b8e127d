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
        Room room = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + room.id().value();
        postWithToken(mvc, path + "/join", tokenOf(bob));
        chat.connect(alice, "a1");

        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", tokenOf(bob)));

        assertThat(members.get(0)).containsEntry("username", "alice").containsEntry("status", "online")
                .containsEntry("last_seen", WireTime.format(chat.now()));
        assertThat(members.get(1)).containsEntry("username", "bob").containsEntry("status", "offline")
                .containsEntry("last_seen", null);
    }
}
