package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Joining public rooms, and the creator of a private room managing who is in it. */
class MembershipApiTest extends ChatHttpTestSupport {

    @Test
    void membersJoinAndLeaveAPublicRoom() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        String bobToken = tokenOf(bob);
        String path = "/api/rooms/" + general.id().value();

        MvcTestResult joined = postWithToken(mvc, path + "/join", bobToken);
        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", bobToken));

        assertThat(status(joined)).isEqualTo(200);
        assertThat(json(joined)).isEqualTo(Map.of("message", "Joined the room"));
        assertThat(members).hasSize(2);
        assertThat(members.getFirst()).containsOnlyKeys("user_id", "username", "joined_at", "role",
                        "last_read_message_id", "read_at", "status", "last_seen", "muted_until")
                .containsEntry("user_id", (int) alice.id().value())
                .containsEntry("username", "alice")
                .containsEntry("role", "owner");
        assertThat(members).extracting(m -> m.get("username")).containsExactly("alice", "bob");
        assertThat(members).allSatisfy(m -> assertThat((String) m.get("joined_at")).matches(WIRE_TIME));

        MvcTestResult left = postWithToken(mvc, path + "/leave", bobToken);

        assertThat(status(left)).isEqualTo(200);
        assertThat(json(left)).isEqualTo(Map.of("message", "Left the room"));
        assertThat(jsonList(getWithToken(mvc, path + "/members", bobToken))).extracting(m -> m.get("username"))
                .containsExactly("alice");
    }

    @Test
    void theCreatorOfAPrivateRoomAddsAndRemovesMembers() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room secret = chat.createRoom(alice, "Secret", true);
        String aliceToken = tokenOf(alice);
        String bobToken = tokenOf(bob);
        String path = "/api/rooms/" + secret.id().value();
        assertThat(status(getWithToken(mvc, path, bobToken))).isEqualTo(404);

        MvcTestResult added = postJsonWithToken(mvc, path + "/members", aliceToken, "{\"username\":\"BOB\"}");

        assertThat(status(added)).isEqualTo(200);
        assertThat(json(added)).as("the name as registered, not as typed")
                .isEqualTo(Map.of("message", "Added bob to the room"));
        assertThat(status(getWithToken(mvc, path, bobToken))).isEqualTo(200);
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobToken))).extracting(r -> r.get("name"))
                .containsExactly("Secret");

        MvcTestResult removed = deleteWithToken(mvc, path + "/members/Bob", aliceToken);

        assertThat(status(removed)).isEqualTo(200);
        assertThat(json(removed)).isEqualTo(Map.of("message", "Removed bob from the room"));
        assertThat(status(getWithToken(mvc, path, bobToken))).isEqualTo(404);
    }

    @Test
    void otherMembersOfAPrivateRoomMayNotManageIt() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.register("carol");
        Room secret = chat.createRoom(alice, "Secret", true);
        String path = "/api/rooms/" + secret.id().value();
        postJsonWithToken(mvc, path + "/members", tokenOf(alice), "{\"username\":\"bob\"}");
        String bobToken = tokenOf(bob);

        MvcTestResult add = postJsonWithToken(mvc, path + "/members", bobToken, "{\"username\":\"carol\"}");
        MvcTestResult remove = deleteWithToken(mvc, path + "/members/alice", bobToken);

        assertProblem(add, 403, "Only the creator of the room can manage its members");
        assertThat(status(remove)).isEqualTo(403);
        assertThat(jsonList(getWithToken(mvc, path + "/members", bobToken))).extracting(m -> m.get("username"))
                .containsExactly("alice", "bob");
    }

    @Test
    void aNonMemberCannotEvenLearnThatAPrivateRoomExists() {
        User alice = chat.register("alice");
        User mallory = chat.register("mallory");
        Room secret = chat.createRoom(alice, "Secret", true);
        String token = tokenOf(mallory);
        String path = "/api/rooms/" + secret.id().value();

        assertThat(json(getWithToken(mvc, path + "/members", token))).containsEntry("detail", "Room not found");
        assertThat(status(postWithToken(mvc, path + "/join", token))).isEqualTo(404);
        assertThat(status(postJsonWithToken(mvc, path + "/members", token, "{\"username\":\"mallory\"}")))
                .isEqualTo(404);
        assertThat(status(deleteWithToken(mvc, path + "/members/alice", token))).isEqualTo(404);
    }

    @Test
    void addingSomeoneWhoDoesNotExistIs404AndABadUsernameIs422() {
        User alice = chat.register("alice");
        Room secret = chat.createRoom(alice, "Secret", true);
        String token = tokenOf(alice);
        String path = "/api/rooms/" + secret.id().value() + "/members";

        MvcTestResult unknown = postJsonWithToken(mvc, path, token, "{\"username\":\"nobody\"}");
        MvcTestResult bad = postJsonWithToken(mvc, path, token, "{\"username\":\"a b\"}");
        MvcTestResult missing = postJsonWithToken(mvc, path, token, "{}");

        assertProblem(unknown, 404, "User not found");
        assertThat(status(bad)).isEqualTo(422);
        assertThat(json(bad)).containsEntry("detail",
                "username: username may contain only letters, digits, '_', '.' and '-'");
        assertThat(json(missing)).containsEntry("detail", "username: username is required");
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIs404() {
        User alice = chat.register("alice");
        chat.register("bob");
        Room secret = chat.createRoom(alice, "Secret", true);

        MvcTestResult result = deleteWithToken(mvc, "/api/rooms/" + secret.id().value() + "/members/bob",
                tokenOf(alice));

        assertProblem(result, 404, "User is not a member of this room");
    }

    @Test
    void theCreatorCannotLeaveTheirPrivateRoom() {
        User alice = chat.register("alice");
        Room secret = chat.createRoom(alice, "Secret", true);

        MvcTestResult result = postWithToken(mvc, "/api/rooms/" + secret.id().value() + "/leave", tokenOf(alice));

        assertProblem(result, 400, "The creator of a private room cannot leave it");
    }

    @Test
    void membersOfAPublicRoomAreNotManagedByAnyone() {
        User alice = chat.register("alice");
        chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms/" + general.id().value() + "/members",
                tokenOf(alice), "{\"username\":\"bob\"}");

        assertThat(status(result)).isEqualTo(400);
        assertThat(json(result)).containsEntry("detail",
                "Public rooms are open to everyone: members join and leave themselves");
    }
}
