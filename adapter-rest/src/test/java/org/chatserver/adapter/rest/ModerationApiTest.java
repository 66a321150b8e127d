package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Roles, mutes, bans and the audit log over HTTP: statuses and details a client can act on. */
class ModerationApiTest extends ChatHttpTestSupport {

    @Autowired
    InMemoryModeration moderation;

    @Test
    void theMembersListShowsRolesAndTheOwnerNamesModerators() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        postWithToken(mvc, path + "/join", tokenOf(bob));

        MvcTestResult changed = putJsonWithToken(path + "/members/bob/role", tokenOf(alice),
                "{\"role\":\"moderator\"}");
        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", tokenOf(bob)));

        assertThat(status(changed)).isEqualTo(200);
        assertThat(json(changed)).containsOnlyKeys("user_id", "username", "joined_at", "role")
                .containsEntry("username", "bob").containsEntry("role", "moderator");
        assertThat(members).extracting(m -> m.get("username")).containsExactly("alice", "bob");
        assertThat(members).extracting(m -> m.get("role")).containsExactly("owner", "moderator");
        assertThat(json(putJsonWithToken(path + "/members/bob/role", tokenOf(alice), "{\"role\":\"member\"}")))
                .containsEntry("role", "member");
        assertThat(json(putJsonWithToken(path + "/members/bob/role", tokenOf(alice), "{\"role\":\" Moderator \"}")))
                .as("in any case, spaces around").containsEntry("role", "moderator");
    }

    @Test
    void changingRolesIsForTheOwnerOnlyWithClearRefusals() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.register("carol");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value() + "/members/";
        postWithToken(mvc, "/api/rooms/" + lobby.id().value() + "/join", tokenOf(bob));
        String owner = tokenOf(alice);

        assertProblem(putJsonWithToken(path + "bob/role", tokenOf(bob), "{\"role\":\"moderator\"}"), 403,
                "Only the owner of the room can change roles");
        assertProblem(putJsonWithToken(path + "alice/role", owner, "{\"role\":\"member\"}"), 403,
                "The owner's role cannot be changed");
        assertProblem(putJsonWithToken(path + "carol/role", owner, "{\"role\":\"moderator\"}"), 404,
                "User is not a member of this room");
        assertProblem(putJsonWithToken(path + "nobody/role", owner, "{\"role\":\"moderator\"}"), 404,
                "User not found");
        MvcTestResult owner2 = putJsonWithToken(path + "bob/role", owner, "{\"role\":\"owner\"}");
        assertThat(status(owner2)).isEqualTo(422);
        assertThat(json(owner2)).containsEntry("detail", "role: role must be moderator or member");
        assertThat(status(putJsonWithToken(path + "bob/role", owner, "{}"))).isEqualTo(422);
        assertThat(status(putJsonWithToken(path + "bob/role", owner, "{\"role\":7}"))).isEqualTo(422);
    }

    @Test
    void aMuteSilencesAMemberUntilItEndsOrIsLifted() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        chat.say(bob, lobby, "hi");

        MvcTestResult muted = postJsonWithToken(mvc, path + "/mutes", tokenOf(alice),
                "{\"username\":\"BOB\",\"minutes\":10}");

        assertThat(status(muted)).isEqualTo(200);
        assertThat(json(muted)).as("the name as registered, not as typed")
                .containsOnlyKeys("username", "muted_until").containsEntry("username", "bob");
        assertThat((String) json(muted).get("muted_until")).matches(WIRE_TIME);
        assertThatThrownBy(() -> chat.say(bob, lobby, "still here"))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("You are muted in this room until " + json(muted).get("muted_until"));

        MvcTestResult unmuted = deleteWithToken(mvc, path + "/mutes/Bob", tokenOf(alice));

        assertThat(json(unmuted)).isEqualTo(Map.of("message", "Unmuted bob"));
        chat.say(bob, lobby, "back");
        assertProblem(deleteWithToken(mvc, path + "/mutes/bob", tokenOf(alice)), 404, "User is not muted in this room");
    }

    /** The members list says who is muted until when: to the owner and moderators, and to the muted member. */
    @Test
    void theMembersListShowsWhenAMuteEndsToModeratorsAndTheMutedMember() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        chat.say(bob, lobby, "hi");
        chat.say(carol, lobby, "hello");
        String mutedUntil = (String) json(postJsonWithToken(mvc, path + "/mutes", tokenOf(alice),
                "{\"username\":\"bob\",\"minutes\":10}")).get("muted_until");

        List<Map<String, Object>> toAlice = jsonList(getWithToken(mvc, path + "/members", tokenOf(alice)));
        List<Map<String, Object>> toBob = jsonList(getWithToken(mvc, path + "/members", tokenOf(bob)));
        List<Map<String, Object>> toCarol = jsonList(getWithToken(mvc, path + "/members", tokenOf(carol)));

        assertThat(mutedUntil).matches(WIRE_TIME);
        assertThat(toAlice).extracting(m -> m.get("username")).containsExactly("alice", "bob", "carol");
        assertThat(toAlice).extracting(m -> m.get("muted_until")).containsExactly(null, mutedUntil, null);
        assertThat(toBob).extracting(m -> m.get("muted_until")).containsExactly(null, mutedUntil, null);
        assertThat(toCarol).as("a plain member is not told of another's mute")
                .allSatisfy(m -> assertThat(m).containsEntry("muted_until", null));

        deleteWithToken(mvc, path + "/mutes/bob", tokenOf(alice));
        postJsonWithToken(mvc, path + "/mutes", tokenOf(alice), "{\"username\":\"carol\",\"minutes\":5}");
        moderation.advance(Duration.ofMinutes(5));

        assertThat(jsonList(getWithToken(mvc, path + "/members", tokenOf(alice)))).as("lifted, and ended")
                .allSatisfy(m -> assertThat(m).containsEntry("muted_until", null));
    }

    @Test
    void badMutesAreRefusedWithTheFieldNamed() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value() + "/mutes";
        chat.say(bob, lobby, "hi");
        String owner = tokenOf(alice);

        MvcTestResult zero = postJsonWithToken(mvc, path, owner, "{\"username\":\"bob\",\"minutes\":0}");
        MvcTestResult missing = postJsonWithToken(mvc, path, owner, "{\"username\":\"bob\"}");

        assertThat(status(zero)).isEqualTo(422);
        assertThat(json(zero)).containsEntry("detail", "minutes: minutes must be between 1 and 43200 minutes");
        assertThat(json(missing)).containsEntry("detail", "minutes: minutes is required");
        assertThat(status(postJsonWithToken(mvc, path, owner, "{\"username\":\"bob\",\"minutes\":\"soon\"}")))
                .isEqualTo(422);
        assertProblem(postJsonWithToken(mvc, path, tokenOf(bob), "{\"username\":\"alice\",\"minutes\":5}"), 403,
                "Only the owner and moderators of the room can do this");
    }

    @Test
    void aBannedUserIsOutCannotJoinAndIsBackWhenTheBanIsLifted() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        String bobToken = tokenOf(bob);
        postWithToken(mvc, path + "/join", bobToken);

        MvcTestResult banned = postJsonWithToken(mvc, path + "/bans", tokenOf(alice), "{\"username\":\"bOB\"}");

        assertThat(json(banned)).isEqualTo(Map.of("message", "Banned bob from the room"));
        assertThat(jsonList(getWithToken(mvc, path + "/members", tokenOf(alice)))).extracting(m -> m.get("username"))
                .containsExactly("alice");
        assertProblem(postWithToken(mvc, path + "/join", bobToken), 403, "You are banned from this room");
        assertProblem(postWithToken(mvc, path + "/mark-read", bobToken), 403, "You are banned from this room");
        assertThat(chat.published()).anySatisfy(event ->
                assertThat(event).isInstanceOf(org.chatserver.domain.RoomEvent.MemberRemoved.class));

        MvcTestResult lifted = deleteWithToken(mvc, path + "/bans/BOB", tokenOf(alice));

        assertThat(json(lifted)).isEqualTo(Map.of("message", "Lifted the ban of bob"));
        assertThat(status(postWithToken(mvc, path + "/join", bobToken))).isEqualTo(200);
        assertProblem(deleteWithToken(mvc, path + "/bans/bob", tokenOf(alice)), 404,
                "User is not banned from this room");
    }

    /** A public room's banned reader is told so before trying to join, and learns when the ban is lifted. */
    @Test
    void whereTheCallerStandsSaysMemberRoleAndBan() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        Room secret = chat.createRoom(alice, "Secret", true);
        String path = "/api/rooms/" + lobby.id().value();
        String bobToken = tokenOf(bob);

        assertThat(json(getWithToken(mvc, path + "/me", tokenOf(alice))))
                .isEqualTo(Map.of("member", true, "role", "owner", "banned", false));
        assertThat(json(getWithToken(mvc, path + "/me", bobToken))).as("not a member yet")
                .containsEntry("member", false).containsEntry("role", null).containsEntry("banned", false);
        postJsonWithToken(mvc, path + "/bans", tokenOf(alice), "{\"username\":\"bob\"}");
        assertThat(json(getWithToken(mvc, path + "/me", bobToken))).as("banned")
                .containsEntry("member", false).containsEntry("banned", true);
        deleteWithToken(mvc, path + "/bans/bob", tokenOf(alice));
        assertThat(json(getWithToken(mvc, path + "/me", bobToken))).as("lifted").containsEntry("banned", false);
        postWithToken(mvc, path + "/join", tokenOf(carol));
        assertThat(json(getWithToken(mvc, path + "/me", tokenOf(carol)))).containsEntry("role", "member");
        assertProblem(getWithToken(mvc, "/api/rooms/" + secret.id().value() + "/me", bobToken), 404, "Room not found");
    }

    @Test
    void aBannedUserCannotBeAddedBackToAPrivateRoom() {
        User alice = chat.register("alice");
        chat.register("bob");
        Room secret = chat.createRoom(alice, "Secret", true);
        String path = "/api/rooms/" + secret.id().value();
        String owner = tokenOf(alice);
        postJsonWithToken(mvc, path + "/members", owner, "{\"username\":\"bob\"}");

        postJsonWithToken(mvc, path + "/bans", owner, "{\"username\":\"bob\"}");

        assertProblem(postJsonWithToken(mvc, path + "/members", owner, "{\"username\":\"bob\"}"), 400,
                "This user is banned from the room: lift the ban first");
    }

    @Test
    void moderatorsRemoveMembersOfPrivateRoomsButNotTheOwnerOrEachOther() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.register("carol");
        chat.register("dave");
        Room secret = chat.createRoom(alice, "Secret", true);
        String path = "/api/rooms/" + secret.id().value();
        String owner = tokenOf(alice);
        for (String name : List.of("bob", "carol", "dave")) {
            postJsonWithToken(mvc, path + "/members", owner, "{\"username\":\"" + name + "\"}");
        }
        putJsonWithToken(path + "/members/bob/role", owner, "{\"role\":\"moderator\"}");
        putJsonWithToken(path + "/members/carol/role", owner, "{\"role\":\"moderator\"}");
        String moderator = tokenOf(bob);

        assertThat(status(deleteWithToken(mvc, path + "/members/dave", moderator))).isEqualTo(200);
        assertProblem(deleteWithToken(mvc, path + "/members/carol", moderator), 403,
                "A moderator cannot moderate another moderator");
        assertProblem(deleteWithToken(mvc, path + "/members/alice", moderator), 403,
                "Nobody can moderate the owner of the room");
        assertProblem(postJsonWithToken(mvc, path + "/bans", moderator, "{\"username\":\"alice\"}"), 403,
                "Nobody can moderate the owner of the room");
    }

    @Test
    void theAuditLogIsPagedNewestFirstForOwnerAndModeratorsOnly() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        chat.register("dave");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        String owner = tokenOf(alice);
        postWithToken(mvc, path + "/join", tokenOf(bob));
        postWithToken(mvc, path + "/join", tokenOf(carol));
        putJsonWithToken(path + "/members/bob/role", owner, "{\"role\":\"moderator\"}");
        postJsonWithToken(mvc, path + "/mutes", tokenOf(bob), "{\"username\":\"carol\",\"minutes\":5}");
        postJsonWithToken(mvc, path + "/bans", tokenOf(bob), "{\"username\":\"dave\"}");
        moderation.advance(Duration.ofMinutes(1));
        deleteWithToken(mvc, path + "/bans/dave", owner);

        List<Map<String, Object>> newest = jsonList(getWithToken(mvc, path + "/audit?limit=2", tokenOf(bob)));
        Object last = newest.getLast().get("entry_id");
        List<Map<String, Object>> older = jsonList(getWithToken(mvc, path + "/audit?before=" + last, owner));

        assertThat(newest).extracting(e -> e.get("action")).containsExactly("unbanned", "banned");
        assertThat(newest.getFirst()).containsOnlyKeys("entry_id", "action", "actor", "target", "role",
                "muted_until", "message_id", "timestamp")
                .containsEntry("actor", "alice").containsEntry("target", "dave")
                .containsEntry("role", null).containsEntry("muted_until", null).containsEntry("message_id", null);
        assertThat((String) newest.getFirst().get("timestamp")).matches(WIRE_TIME);
        assertThat(older).extracting(e -> e.get("action")).containsExactly("muted", "role_changed");
        assertThat((String) older.getFirst().get("muted_until")).matches(WIRE_TIME);
        assertThat(older.getLast()).containsEntry("role", "moderator").containsEntry("target", "bob");
        assertProblem(getWithToken(mvc, path + "/audit", tokenOf(carol)), 403,
                "Only the owner and moderators of the room can do this");
        assertThat(status(getWithToken(mvc, path + "/audit?limit=101", owner))).isEqualTo(422);
        assertThat(status(getWithToken(mvc, path + "/audit?before=0", owner))).isEqualTo(422);
    }

    @Test
    void anOwnersDeletionOfAnothersMessageIsLoggedWithTheMessageId() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        Message spam = chat.say(bob, lobby, "spam");
        Message own = chat.say(alice, lobby, "oops");

        String room = "/api/rooms/" + lobby.id().value();
        assertThat(status(deleteWithToken(mvc, room + "/messages/" + spam.id().value(), tokenOf(alice))))
                .isEqualTo(200);
        assertThat(status(deleteWithToken(mvc, room + "/messages/" + own.id().value(), tokenOf(alice))))
                .isEqualTo(200);

        List<Map<String, Object>> log = jsonList(getWithToken(mvc, "/api/rooms/" + lobby.id().value() + "/audit",
                tokenOf(alice)));
        assertThat(log).as("deleting one's own message is not moderation").singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("action", "message_deleted")
                        .containsEntry("actor", "alice").containsEntry("target", "bob")
                        .containsEntry("message_id", (int) spam.id().value()).containsEntry("role", null));
    }

    /** Strict scalars (1.5 for an integer is 422) are bootstrap's JSON settings, proven there. */
    @Test
    void malformedInputIs422NeverAServerError() {
        User alice = chat.register("alice");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + lobby.id().value();
        String owner = tokenOf(alice);

        List<MvcTestResult> results = List.of(
                postJsonWithToken(mvc, path + "/mutes", owner, "{\"username\":\"bob\",\"minutes\":{}}"),
                postJsonWithToken(mvc, path + "/mutes", owner,
                        "{\"username\":\"bob\",\"minutes\":99999999999999999999}"),
                postJsonWithToken(mvc, path + "/mutes", owner, "{\"username\":\"a b\",\"minutes\":5}"),
                postJsonWithToken(mvc, path + "/bans", owner, "{}"),
                postJsonWithToken(mvc, path + "/bans", owner, "[]"),
                deleteWithToken(mvc, path + "/bans/a%20b", owner),
                deleteWithToken(mvc, path + "/mutes/x", owner),
                putJsonWithToken(path + "/members/a%20b/role", owner, "{\"role\":\"member\"}"),
                getWithToken(mvc, path + "/audit?before=abc", owner),
                getWithToken(mvc, path + "/audit?limit=0", owner));

        assertThat(results).extracting(HttpTestSupport::status)
                .containsExactly(422, 422, 422, 422, 422, 422, 422, 422, 422, 422);
        assertThat(results).allSatisfy(r -> assertThat(json(r).get("detail")).isInstanceOf(String.class));
    }

    @Test
    void outsidersOfAPrivateRoomLearnNothing() {
        User alice = chat.register("alice");
        User mallory = chat.register("mallory");
        Room secret = chat.createRoom(alice, "Secret", true);
        String path = "/api/rooms/" + secret.id().value();
        String token = tokenOf(mallory);

        assertProblem(getWithToken(mvc, path + "/audit", token), 404, "Room not found");
        assertProblem(postJsonWithToken(mvc, path + "/bans", token, "{\"username\":\"alice\"}"), 404,
                "Room not found");
        assertProblem(putJsonWithToken(path + "/members/alice/role", token, "{\"role\":\"member\"}"), 404,
                "Room not found");
    }

    private MvcTestResult putJsonWithToken(String path, String token, String body) {
        return mvc.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
