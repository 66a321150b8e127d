package org.chatserver.application.service.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.Room;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/**
 * Whose presence {@code GET /api/users/{username}} shows: one's own and that of anyone one shares a room with, of any
 * kind, as the stream's presence frames do; nobody else's.
 */
class PresenceVisibilityTest {

    private final ChatFixture chat = new ChatFixture();
    private final PresenceService presence =
            new PresenceService(chat.presence, chat.users, chat.rooms, chat.clock, Duration.ofMinutes(5));
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");

    PresenceVisibilityTest() {
        presence.connected(bob, "bob's phone");
    }

    private Optional<UserPresence> bobAsSeenBy(AuthenticatedUser caller) {
        return presence.user(caller, new Username("bob")).presence();
    }

    @Test
    void aStrangerSeesTheUserButNotTheirPresence() {
        var view = presence.user(alice, new Username("BOB"));

        assertThat(view.user().username()).isEqualTo(new Username("bob"));
        assertThat(view.presence()).isEmpty();
    }

    @Test
    void everyoneSeesTheirOwnPresence() {
        assertThat(bobAsSeenBy(bob)).map(UserPresence::status).contains(PresenceStatus.ONLINE);
        assertThat(presence.user(alice, new Username("alice")).presence()).contains(UserPresence.NEVER_SEEN);
    }

    @Test
    void membersOfAPublicRoomSeeEachOtherUntilOneLeaves() {
        Room lobby = chat.room(alice, "lobby", false);
        chat.membership.join(bob, lobby.id());
        assertThat(bobAsSeenBy(alice)).map(UserPresence::status).contains(PresenceStatus.ONLINE);

        chat.membership.leave(bob, lobby.id());
        assertThat(bobAsSeenBy(alice)).isEmpty();
    }

    @Test
    void membersOfAPrivateRoomSeeEachOther() {
        Room secret = chat.room(alice, "secret", true);
        assertThat(bobAsSeenBy(alice)).as("not yet added").isEmpty();

        chat.membership.addMember(alice, secret.id(), bob.username());
        assertThat(bobAsSeenBy(alice)).map(UserPresence::status).contains(PresenceStatus.ONLINE);
    }

    /** A members list read by someone not in the room shows the presence of only those they share another room with. */
    @Test
    void manyAtOnceShowOnlyThoseTheCallerSharesARoomWithAndThemselves() {
        AuthenticatedUser carol = chat.user("carol");
        Room lobby = chat.room(alice, "lobby", false);
        chat.membership.join(bob, lobby.id());
        chat.directMessages.open(carol, new Username("alice"));

        var seen = presence.presence(carol, List.of(alice.userId(), bob.userId(), carol.userId()));

        assertThat(seen).containsOnlyKeys(alice.userId(), carol.userId());
        assertThat(presence.presence(bob, List.of(alice.userId(), bob.userId(), carol.userId())))
                .containsOnlyKeys(alice.userId(), bob.userId());
    }

    /**
     * A member reading the members list shares the room with everyone on it: all their presence, and no look-up of
     * who shares a room with whom. A reader not in the room sees only those they share another room with.
     */
    @Test
    void aMemberReadingTheMembersListSeesEveryonesPresenceWithoutLookingUpSharedRooms() {
        AuthenticatedUser carol = chat.user("carol");
        Room lobby = chat.room(alice, "lobby", false);
        chat.membership.join(bob, lobby.id());
        var asAlice = chat.membership.members(alice, lobby.id());
        int lookups = chat.rooms.sharingLookups();

        assertThat(presence.presenceOfMembers(alice, asAlice)).containsOnlyKeys(alice.userId(), bob.userId());
        assertThat(chat.rooms.sharingLookups()).as("no look-up for a member").isEqualTo(lookups);
        assertThat(presence.presenceOfMembers(carol, chat.membership.members(carol, lobby.id()))).isEmpty();
        assertThat(presence.presenceOfMembers(carol, asAlice)).as("alice's list read as carol's").isEmpty();
        chat.directMessages.open(carol, new Username("bob"));
        assertThat(presence.presenceOfMembers(carol, chat.membership.members(carol, lobby.id())))
                .containsOnlyKeys(bob.userId());
    }

    @Test
    void theTwoOfADirectMessageSeeEachOtherAndNobodyElseSeesThem() {
        AuthenticatedUser carol = chat.user("carol");
        chat.directMessages.open(alice, new Username("bob"));

        assertThat(bobAsSeenBy(alice)).map(UserPresence::status).contains(PresenceStatus.ONLINE);
        assertThat(presence.user(bob, new Username("alice")).presence()).contains(UserPresence.NEVER_SEEN);
        assertThat(bobAsSeenBy(carol)).isEmpty();
    }
}
