package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;

/** POST /api/dms and what a direct message refuses, as a client sees it. */
class DirectMessageApiTest extends ChatHttpTestSupport {

    @Test
    void bothSidesGetTheSameRoomListItemWithTheOtherAsPeer() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");

        var opened = postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{\"username\":\"Bob\"}");
        assertThat(status(opened)).isEqualTo(200);
        Map<String, Object> fromAlice = json(opened);
        Map<String, Object> fromBob = json(postJsonWithToken(mvc, "/api/dms", tokenOf(bob), "{\"username\":\"alice\"}"));

        assertThat(fromAlice).containsOnlyKeys("id", "name", "created_at", "last_message", "unread_count",
                        "is_private", "mention_count", "kind", "peer", "is_member")
                .containsEntry("is_member", true).containsEntry("kind", "dm").containsEntry("peer", "bob").containsEntry("is_private", true)
                .containsEntry("last_message", null).containsEntry("unread_count", 0);
        assertThat(fromBob).containsEntry("id", fromAlice.get("id")).containsEntry("peer", "alice");
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", tokenOf(bob))))
                .filteredOn(room -> room.get("id").equals(fromAlice.get("id")))
                .singleElement().satisfies(room -> assertThat(room).containsEntry("kind", "dm")
                        .containsEntry("peer", "alice"));
    }

    @Test
    void nobodyIsAddedNobodyLeavesAndOutsidersSeeNothing() {
        User alice = chat.register("alice");
        chat.register("bob");
        User carol = chat.register("carol");
        Object id = json(postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{\"username\":\"bob\"}")).get("id");

        assertProblem(postJsonWithToken(mvc, "/api/rooms/" + id + "/members", tokenOf(alice),
                "{\"username\":\"carol\"}"), 403, "Nobody can be added to or removed from a direct message");
        assertProblem(postWithToken(mvc, "/api/rooms/" + id + "/leave", tokenOf(alice)), 400,
                "A direct message cannot be left");
        assertProblem(getWithToken(mvc, "/api/rooms/" + id + "/messages", tokenOf(carol)), 404, "Room not found");
    }

    @Test
    void anUnknownUserYourselfOrNoUsernameIsRefusedWithADetail() {
        User alice = chat.register("alice");

        assertProblem(postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{\"username\":\"nobody\"}"), 404,
                "User not found");
        assertProblem(postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{\"username\":\"alice\"}"), 400,
                "A direct message needs someone other than you");
        var missing = postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{}");
        assertThat(status(missing)).isEqualTo(422);
        assertThat(json(missing)).containsKey("detail");
        assertThat(status(postJsonWithToken(mvc, "/api/dms", tokenOf(alice), "{\"username\":\"a b\"}")))
                .isEqualTo(422);
    }
}
