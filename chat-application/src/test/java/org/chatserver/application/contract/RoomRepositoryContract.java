package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.application.contract.ChatStores.T0_MILLIS;
import static org.chatserver.application.contract.ChatStores.member;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.Ban;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomRepository} must do. Extend it once per implementation (in-memory fake, SQLite,
 * PostgreSQL). Instants are kept to the millisecond, as in {@link UserRepositoryContract}.
 */
public abstract class RoomRepositoryContract {

    private ChatStores stores;
    private RoomRepository rooms;
    private UserId alice;
    private UserId bob;
    private UserId carol;

    /** Called once before each test. */
    protected abstract ChatStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
        rooms = stores.rooms();
        alice = stores.user("alice");
        bob = stores.user("bob");
        carol = stores.user("carol");
    }

    @Test
    void createdRoomIsFoundByIdAndByNameIgnoringCaseAndWidth() {
        var created = rooms.create(new RoomName("Design Team"), false, alice, T0).orElseThrow();

        assertThat(created.name()).isEqualTo(new RoomName("Design Team"));
        assertThat(created.isPrivate()).isFalse();
        assertThat(created.createdBy()).isEqualTo(alice);
        assertThat(created.createdAt()).isEqualTo(T0_MILLIS);
        assertThat(rooms.findById(created.id())).contains(created);
        assertThat(rooms.findByName(new RoomName("design team"), bob)).containsExactly(created);
        assertThat(rooms.findByName(new RoomName(" DESIGN  TEAM "), bob)).containsExactly(created);
        assertThat(rooms.findByName(new RoomName("ＤＥＳＩＧＮ　ＴＥＡＭ"), bob)).containsExactly(created);
    }

    @Test
    void privateRoomsAndRoomsWithoutCreatorRoundTrip() {
        var secret = rooms.create(new RoomName("secret"), true, bob, T0).orElseThrow();
        var lobby = rooms.create(new RoomName("Lobby"), false, null, T0.plusSeconds(1)).orElseThrow();

        assertThat(rooms.findById(secret.id()).orElseThrow().isPrivate()).isTrue();
        assertThat(rooms.findById(secret.id()).orElseThrow().createdBy()).isEqualTo(bob);
        assertThat(rooms.findByName(new RoomName("lobby"), alice)).singleElement()
                .satisfies(room -> assertThat(room.createdBy()).isNull())
                .satisfies(room -> assertThat(room.createdAt()).isEqualTo(T0_MILLIS.plusSeconds(1)));
    }

    @Test
    void aPublicRoomHoldsItsNameInEveryFormThatLooksTheSame() {
        var first = rooms.create(new RoomName("Straße Team"), false, alice, T0).orElseThrow();

        assertThat(rooms.create(new RoomName("STRASSE TEAM"), false, bob, T0.plusSeconds(1))).isEmpty();
        assertThat(rooms.create(new RoomName("ｓｔｒａｓｓｅ team"), false, bob, T0.plusSeconds(1))).isEmpty();
        assertThat(rooms.create(new RoomName("Straße Team"), false, alice, T0.plusSeconds(1))).isEmpty();
        assertThat(rooms.findByName(new RoomName("strasse team"), bob)).containsExactly(first);
        assertThat(rooms.listVisibleTo(bob, 10)).extracting(RoomOverview::room).containsExactly(first);
    }

    @Test
    void aPrivateRoomHoldsNoNameAgainstOthersAndIsFoundByNameOnlyByItsMembers() {
        var secret = stores.privateRoom("secret", alice, T0);
        rooms.addMember(member(secret.id(), alice, T0));

        var open = rooms.create(new RoomName("Secret"), false, bob, T0.plusSeconds(1)).orElseThrow();
        var carols = rooms.create(new RoomName("SECRET"), true, carol, T0.plusSeconds(2)).orElseThrow();

        assertThat(rooms.findByName(new RoomName("secret"), alice)).containsExactly(secret, open);
        assertThat(rooms.findByName(new RoomName("secret"), bob)).containsExactly(open);
        assertThat(rooms.findByName(new RoomName("secret"), carol)).as("not yet a member of her own room")
                .containsExactly(open);
        assertThat(carols.name().value()).isEqualTo("SECRET");
        assertThat(rooms.create(new RoomName("secret"), false, carol, T0.plusSeconds(3)))
                .as("the public name is held").isEmpty();
    }

    @Test
    void unknownRoomsAreNotFound() {
        stores.publicRoom("Team", T0);

        assertThat(rooms.findById(new RoomId(987_654_321L))).isEmpty();
        assertThat(rooms.findByName(new RoomName("Team2"), alice)).isEmpty();
        assertThat(rooms.findByName(new RoomName("Tea"), alice)).isEmpty();
    }

    @Test
    void idsArePositiveAndDistinct() {
        Set<RoomId> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            var room = stores.publicRoom("room-" + i, T0);
            assertThat(room.id().value()).isPositive();
            ids.add(room.id());
        }

        assertThat(ids).hasSize(5);
    }

    @Test
    void visibleRoomsComeNewestFirstThenByIdAndAreLimited() {
        var first = stores.publicRoom("first", T0);
        var third = stores.publicRoom("third", T0.plusSeconds(3));
        var second = stores.publicRoom("second", T0.plusSeconds(2));
        var sameTimeA = stores.publicRoom("same-a", T0.plusSeconds(5));
        var sameTimeB = stores.publicRoom("same-b", T0.plusSeconds(5));
        var earlyInSecond = stores.publicRoom("early", T0.minusMillis(100));
        var wholeSecond = stores.publicRoom("whole", Instant.parse("2026-11-02T10:15:30Z"));
        var halfSecond = stores.publicRoom("half", Instant.parse("2026-11-02T10:15:29.5Z"));
        var nearlyHalf = stores.publicRoom("nearly-half", Instant.parse("2026-11-02T10:15:29.45Z"));

        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::room).containsExactly(
                sameTimeB, sameTimeA, third, second, first, earlyInSecond, wholeSecond, halfSecond, nearlyHalf);
        assertThat(rooms.listVisibleTo(alice, 2)).extracting(RoomOverview::room)
                .containsExactly(sameTimeB, sameTimeA);
    }

    /** Newer public rooms never push the rooms a user is in, and their unread counts, out of a list that is full. */
    @Test
    void whenNotAllFitTheRoomsOfAMemberComeBeforePublicRoomsTheyNeverJoined() {
        var joinedLongAgo = stores.publicRoom("joined long ago", T0);
        var secret = stores.privateRoom("secret", alice, T0.plusSeconds(1));
        rooms.addMember(member(joinedLongAgo.id(), alice, T0));
        rooms.addMember(member(secret.id(), alice, T0));
        var newer = new ArrayList<Room>();
        for (int i = 0; i < 4; i++) {
            newer.add(stores.publicRoom("newer " + i, T0.plusSeconds(10 + i)));
        }

        assertThat(rooms.listVisibleTo(alice, 3)).extracting(RoomOverview::room)
                .as("newest first, alice's two rooms kept").containsExactly(newer.get(3), secret, joinedLongAgo);
        assertThat(rooms.listVisibleTo(alice, 2)).extracting(RoomOverview::room).containsExactly(secret, joinedLongAgo);
        assertThat(rooms.listVisibleTo(alice, 1)).extracting(RoomOverview::room).containsExactly(secret);
        assertThat(rooms.listVisibleTo(bob, 3)).extracting(RoomOverview::room).as("bob joined none of them")
                .containsExactly(newer.get(3), newer.get(2), newer.get(1));
        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::room).containsExactly(
                newer.get(3), newer.get(2), newer.get(1), newer.get(0), secret, joinedLongAgo);
        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::member)
                .as("alice is in her two rooms only").containsExactly(false, false, false, false, true, true);
        assertThat(rooms.listVisibleTo(bob, 10)).extracting(RoomOverview::member).containsOnly(false);
    }

    @Test
    void theRoomsOfAMemberAreThoseTheyJoinedPublicOrPrivateNewestFirst() {
        var lobby = stores.publicRoom("lobby", T0);
        stores.publicRoom("other", T0.plusSeconds(1));
        var secret = stores.privateRoom("secret", alice, T0.plusSeconds(2));
        rooms.addMember(member(secret.id(), alice, T0));
        rooms.addMember(member(lobby.id(), alice, T0));

        assertThat(rooms.listMemberOf(alice, 10)).extracting(RoomOverview::room).containsExactly(secret, lobby);
        assertThat(rooms.listMemberOf(alice, 1)).extracting(RoomOverview::room).containsExactly(secret);
        assertThat(rooms.listMemberOf(bob, 10)).as("public rooms bob never joined").isEmpty();
        assertThat(rooms.memberRoomIds(alice, 10)).containsExactlyInAnyOrder(secret.id(), lobby.id());
        assertThat(rooms.memberRoomIds(alice, 1)).hasSize(1);
        assertThat(rooms.memberRoomIds(bob, 10)).isEmpty();

        rooms.removeMember(lobby.id(), alice);
        assertThat(rooms.listMemberOf(alice, 10)).extracting(RoomOverview::room).containsExactly(secret);
    }

    @Test
    void thoseWhoShareARoomWithAUserAreMembersOfOneWithThemOfAnyKind() {
        var lobby = stores.publicRoom("lobby", T0);
        var secret = stores.privateRoom("secret", alice, T0);
        rooms.addMember(member(lobby.id(), alice, T0));
        assertThat(rooms.sharingARoomWith(alice, List.of(bob, carol))).as("nobody else joined").isEmpty();

        rooms.addMember(member(secret.id(), alice, T0));
        rooms.addMember(member(secret.id(), bob, T0));
        rooms.addMember(member(lobby.id(), bob, T0));
        assertThat(rooms.sharingARoomWith(alice, List.of(bob, carol))).as("bob, once for two rooms")
                .containsExactly(bob);
        assertThat(rooms.sharingARoomWith(bob, List.of(alice))).containsExactly(alice);
        assertThat(rooms.sharingARoomWith(alice, List.of())).isEmpty();

        rooms.removeMember(secret.id(), bob);
        rooms.removeMember(lobby.id(), bob);
        assertThat(rooms.sharingARoomWith(alice, List.of(bob))).as("left both").isEmpty();

        Room dm = rooms.openDirect(org.chatserver.domain.DirectPair.of(alice, carol), T0);
        assertThat(rooms.sharingARoomWith(alice, List.of(carol))).as("a direct message with no members yet").isEmpty();
        rooms.addMember(member(dm.id(), alice, T0));
        rooms.addMember(member(dm.id(), carol, T0));
        assertThat(rooms.sharingARoomWith(carol, List.of(alice, bob))).containsExactly(alice);
        assertThat(rooms.sharingARoomWith(bob, List.of(alice, carol))).isEmpty();
    }

    @Test
    void privateRoomsAreVisibleToTheirMembersOnly() {
        var lobby = stores.publicRoom("lobby", T0);
        var secret = stores.privateRoom("secret", alice, T0.plusSeconds(1));
        rooms.addMember(member(secret.id(), alice, T0));

        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::room).containsExactly(secret, lobby);
        assertThat(rooms.listVisibleTo(bob, 10)).extracting(RoomOverview::room).containsExactly(lobby);

        rooms.addMember(member(secret.id(), bob, T0.plusSeconds(2)));
        assertThat(rooms.listVisibleTo(bob, 10)).extracting(RoomOverview::room).containsExactly(secret, lobby);

        rooms.removeMember(secret.id(), bob);
        assertThat(rooms.listVisibleTo(bob, 10)).extracting(RoomOverview::room).containsExactly(lobby);
        // a private room without members is nobody's, not everybody's
        rooms.removeMember(secret.id(), alice);
        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::room).containsExactly(lobby);
    }

    @Test
    void overviewCarriesTheNewestMessageOfEachRoom() {
        var quiet = stores.publicRoom("quiet", T0);
        var busy = stores.publicRoom("busy", T0.plusSeconds(1));
        var other = stores.publicRoom("other", T0.plusSeconds(2));
        stores.post(busy.id(), alice, "one");
        stores.post(other.id(), bob, "elsewhere");
        var newest = stores.post(busy.id(), bob, "two", T0.plusSeconds(9));
        var newestElsewhere = stores.post(other.id(), alice, "elsewhere again");

        var overviews = rooms.listVisibleTo(carol, 10);

        assertThat(overviews).extracting(RoomOverview::room).containsExactly(other, busy, quiet);
        assertThat(overviews).extracting(RoomOverview::lastMessage)
                .containsExactly(Optional.of(newestElsewhere), Optional.of(newest), Optional.<Message>empty());
        assertThat(overviews.get(1).lastMessage().orElseThrow().sender()).isEqualTo(new Username("bob"));
    }

    @Test
    void unreadCountsOthersMessagesAfterTheReadPositionForMembersOnly() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), alice, T0));
        rooms.addMember(member(room.id(), bob, T0));
        var b1 = stores.post(room.id(), bob, "b1");
        stores.post(room.id(), alice, "a1");
        var b2 = stores.post(room.id(), bob, "b2");
        stores.post(room.id(), bob, "b3");
        stores.post(room.id(), alice, "a2");

        assertThat(unread(alice, room)).isEqualTo(3);
        assertThat(unread(bob, room)).isEqualTo(2);
        assertThat(unread(carol, room)).as("not a member").isZero();

        rooms.advanceLastRead(room.id(), alice, b1.id(), T0);
        assertThat(unread(alice, room)).isEqualTo(2);
        rooms.advanceLastRead(room.id(), alice, b2.id(), T0);
        assertThat(unread(alice, room)).isEqualTo(1);
        rooms.advanceLastRead(room.id(), alice, stores.messages().latestId(room.id()).orElseThrow(), T0);
        assertThat(unread(alice, room)).isZero();
        assertThat(unread(bob, room)).isEqualTo(2);
    }

    @Test
    void aDeletedMessageIsNeitherUnreadNorTheLastMessageButTheCountsSayHowFarTheyLooked() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), alice, T0));
        var read = stores.post(room.id(), bob, "read");
        rooms.advanceLastRead(room.id(), alice, read.id(), T0);
        var kept = stores.post(room.id(), bob, "kept");
        var gone = stores.post(room.id(), bob, "gone");
        stores.post(room.id(), bob, "gone too");
        var last = stores.messages().latestId(room.id()).orElseThrow();
        stores.messages().storeDeletion(gone.delete(bob, Optional.empty()));
        stores.messages().storeDeletion(stores.messages().findById(last).orElseThrow().delete(bob, Optional.empty()));

        RoomOverview overview = rooms.overview(room.id(), alice).orElseThrow();

        assertThat(overview.unreadCount()).as("only \"kept\" is unread: tombstones are nothing to read").isEqualTo(1);
        assertThat(overview.lastMessage()).as("the newest message that is not a tombstone").contains(kept);
        assertThat(overview.lastRead()).isEqualTo(read.id());
        assertThat(overview.latest()).as("the newest message, deleted or not: counts cover it").isEqualTo(last);
        assertThat(rooms.listMemberOf(alice, 10)).containsExactly(overview);
        assertThat(rooms.overview(room.id(), carol).orElseThrow()).as("not a member: no read position")
                .extracting(RoomOverview::lastRead, RoomOverview::unreadCount).containsExactly(null, 0L);
    }

    @Test
    void unreadCountsAreKeptPerRoom() {
        var one = stores.publicRoom("one", T0);
        var two = stores.publicRoom("two", T0.plusSeconds(1));
        rooms.addMember(member(one.id(), alice, T0));
        rooms.addMember(member(two.id(), alice, T0));
        stores.post(one.id(), bob, "x");
        stores.post(two.id(), bob, "y");
        var last = stores.post(two.id(), bob, "z");

        rooms.advanceLastRead(one.id(), alice, last.id(), T0);

        assertThat(unread(alice, one)).isZero();
        assertThat(unread(alice, two)).isEqualTo(2);
    }

    @Test
    void membershipIsAddedOnceAndRemovedOnce() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);

        assertThat(rooms.membership(room.id(), alice)).isEmpty();
        assertThat(rooms.addMember(member(room.id(), alice, T0))).isTrue();
        assertThat(rooms.addMember(member(room.id(), alice, T0.plusSeconds(1)))).isFalse();
        assertThat(rooms.membership(room.id(), alice)).isPresent();
        assertThat(rooms.membership(other.id(), alice)).isEmpty();
        assertThat(rooms.membership(room.id(), bob)).isEmpty();

        assertThat(rooms.removeMember(room.id(), bob)).isFalse();
        assertThat(rooms.removeMember(room.id(), alice)).isTrue();
        assertThat(rooms.removeMember(room.id(), alice)).isFalse();
        assertThat(rooms.membership(room.id(), alice)).isEmpty();
        assertThat(rooms.members(room.id(), 10)).isEmpty();
    }

    @Test
    void aMembershipKeepsItsRoleAndWhenItBegan() {
        var room = stores.privateRoom("room", alice, T0);
        rooms.addMember(new Membership(room.id(), alice, Membership.Role.OWNER, T0));
        rooms.addMember(member(room.id(), bob, T0.plusSeconds(1)));

        assertThat(rooms.membership(room.id(), alice))
                .contains(new Membership(room.id(), alice, Membership.Role.OWNER, T0_MILLIS));
        assertThat(rooms.membership(room.id(), bob))
                .contains(new Membership(room.id(), bob, Membership.Role.MEMBER, T0_MILLIS.plusSeconds(1)));
        assertThat(rooms.membership(room.id(), carol)).isEmpty();
    }

    @Test
    void membersComeInTheOrderTheyJoinedWithTheirNames() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), carol, T0.plusSeconds(1)));
        rooms.addMember(member(room.id(), alice, T0.plusSeconds(2)));
        // joined at the same instant: the earlier user first, whatever the order of the calls
        var dave = stores.user("dave");
        rooms.addMember(member(room.id(), dave, T0.plusSeconds(3)));
        rooms.addMember(member(room.id(), bob, T0.plusSeconds(3)));
        // the first join counts
        rooms.addMember(member(room.id(), carol, T0.plusSeconds(4)));
        rooms.changeRole(room.id(), alice, Membership.Role.MODERATOR);

        assertThat(rooms.members(room.id(), 10)).containsExactly(
                new RoomMember(carol, new Username("carol"), T0_MILLIS.plusSeconds(1), Membership.Role.MEMBER),
                new RoomMember(alice, new Username("alice"), T0_MILLIS.plusSeconds(2), Membership.Role.MODERATOR),
                new RoomMember(bob, new Username("bob"), T0_MILLIS.plusSeconds(3), Membership.Role.MEMBER),
                new RoomMember(dave, new Username("dave"), T0_MILLIS.plusSeconds(3), Membership.Role.MEMBER));
        assertThat(rooms.members(room.id(), 2)).extracting(RoomMember::userId).containsExactly(carol, alice);
    }

    @Test
    void readPositionOnlyMovesForward() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), alice, T0));

        assertThat(rooms.lastRead(room.id(), alice)).isEmpty();
        rooms.advanceLastRead(room.id(), alice, new MessageId(5), T0);
        assertThat(rooms.lastRead(room.id(), alice)).contains(new MessageId(5));
        rooms.advanceLastRead(room.id(), alice, new MessageId(3), T0);
        assertThat(rooms.lastRead(room.id(), alice)).contains(new MessageId(5));
        rooms.advanceLastRead(room.id(), alice, new MessageId(5), T0);
        assertThat(rooms.lastRead(room.id(), alice)).contains(new MessageId(5));
        rooms.advanceLastRead(room.id(), alice, new MessageId(7), T0);
        assertThat(rooms.lastRead(room.id(), alice)).contains(new MessageId(7));
    }

    @Test
    void readPositionsBelongToMembersOnly() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        rooms.addMember(member(room.id(), alice, T0));
        rooms.addMember(member(other.id(), alice, T0));
        rooms.advanceLastRead(room.id(), alice, new MessageId(4), T0);

        rooms.advanceLastRead(room.id(), bob, new MessageId(9), T0);

        assertThat(rooms.lastRead(room.id(), bob)).isEmpty();
        assertThat(rooms.membership(room.id(), bob)).isEmpty();
        assertThat(rooms.lastRead(other.id(), alice)).isEmpty();
        assertThat(rooms.lastRead(room.id(), alice)).contains(new MessageId(4));
    }

    @Test
    void aMemberChangesRoleKeepingWhenTheyJoined() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        rooms.addMember(member(room.id(), bob, T0));
        rooms.addMember(member(other.id(), bob, T0));

        assertThat(rooms.changeRole(room.id(), bob, Membership.Role.MODERATOR)).isTrue();
        assertThat(rooms.changeRole(room.id(), carol, Membership.Role.MODERATOR)).as("not a member").isFalse();

        assertThat(rooms.membership(room.id(), bob))
                .contains(new Membership(room.id(), bob, Membership.Role.MODERATOR, T0_MILLIS));
        assertThat(rooms.membership(other.id(), bob).orElseThrow().role()).isEqualTo(Membership.Role.MEMBER);
        assertThat(rooms.membership(room.id(), carol)).isEmpty();
        rooms.changeRole(room.id(), bob, Membership.Role.MEMBER);
        assertThat(rooms.membership(room.id(), bob).orElseThrow().role()).isEqualTo(Membership.Role.MEMBER);
    }

    @Test
    void aMuteIsKeptPerRoomAndUserAndANewOneReplacesIt() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        Mute first = new Mute(room.id(), bob, T0.plusSeconds(60), alice, T0);
        Mute second = new Mute(room.id(), bob, T0.plusSeconds(600), carol, T0.plusSeconds(10));

        rooms.saveMute(first);
        assertThat(rooms.findMute(room.id(), bob))
                .contains(new Mute(room.id(), bob, T0_MILLIS.plusSeconds(60), alice, T0_MILLIS));
        rooms.saveMute(second);

        assertThat(rooms.findMute(room.id(), bob))
                .contains(new Mute(room.id(), bob, T0_MILLIS.plusSeconds(600), carol, T0_MILLIS.plusSeconds(10)));
        assertThat(rooms.findMute(other.id(), bob)).isEmpty();
        assertThat(rooms.findMute(room.id(), carol)).isEmpty();
        assertThat(rooms.deleteMute(room.id(), bob)).isTrue();
        assertThat(rooms.deleteMute(room.id(), bob)).isFalse();
        assertThat(rooms.findMute(room.id(), bob)).isEmpty();
    }

    @Test
    void membershipsAndMutesOfSeveralUsersAreReadTogetherAndOnlyTheirsInThatRoom() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        rooms.addMember(new Membership(room.id(), alice, Membership.Role.OWNER, T0));
        rooms.addMember(member(room.id(), bob, T0.plusSeconds(1)));
        rooms.addMember(member(other.id(), carol, T0));
        rooms.saveMute(new Mute(room.id(), bob, T0.plusSeconds(60), alice, T0));
        rooms.saveMute(new Mute(other.id(), carol, T0.plusSeconds(60), alice, T0));

        // asked for twice (two posts of one author in a batch), and for a user who is nowhere
        var members = rooms.memberships(room.id(), List.of(alice, bob, bob, carol));
        var mutes = rooms.findMutes(room.id(), List.of(alice, bob, bob, carol));

        assertThat(members).containsOnlyKeys(alice, bob);
        assertThat(members.get(alice)).isEqualTo(new Membership(room.id(), alice, Membership.Role.OWNER, T0_MILLIS));
        assertThat(members.get(bob)).isEqualTo(member(room.id(), bob, T0_MILLIS.plusSeconds(1)));
        assertThat(mutes).containsOnlyKeys(bob);
        assertThat(mutes.get(bob)).isEqualTo(new Mute(room.id(), bob, T0_MILLIS.plusSeconds(60), alice, T0_MILLIS));
        assertThat(rooms.memberships(room.id(), List.of())).isEmpty();
        assertThat(rooms.findMutes(room.id(), List.of())).isEmpty();
    }

    @Test
    void aMuteOutlivesLeavingTheRoom() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), bob, T0));
        rooms.saveMute(new Mute(room.id(), bob, T0.plusSeconds(60), alice, T0));

        rooms.removeMember(room.id(), bob);

        assertThat(rooms.findMute(room.id(), bob)).isPresent();
    }

    @Test
    void aBanIsStoredOnceAndLifted() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        Ban ban = new Ban(room.id(), bob, alice, T0);

        assertThat(rooms.saveBan(ban)).isTrue();
        assertThat(rooms.saveBan(new Ban(room.id(), bob, carol, T0.plusSeconds(5)))).as("banned already").isFalse();

        assertThat(rooms.findBan(room.id(), bob)).contains(new Ban(room.id(), bob, alice, T0_MILLIS));
        assertThat(rooms.findBan(other.id(), bob)).isEmpty();
        assertThat(rooms.findBan(room.id(), carol)).isEmpty();
        assertThat(rooms.deleteBan(room.id(), bob)).isTrue();
        assertThat(rooms.deleteBan(room.id(), bob)).isFalse();
        assertThat(rooms.findBan(room.id(), bob)).isEmpty();
    }

    @Test
    void aMoveOfTheReadPositionSaysWhetherItMovedAndWhen() {
        var room = stores.publicRoom("room", T0);
        rooms.addMember(member(room.id(), alice, T0));

        assertThat(rooms.advanceLastRead(room.id(), alice, new MessageId(5), T0.plusSeconds(1))).isTrue();
        assertThat(rooms.advanceLastRead(room.id(), alice, new MessageId(5), T0.plusSeconds(2))).isFalse();
        assertThat(rooms.advanceLastRead(room.id(), alice, new MessageId(4), T0.plusSeconds(3))).isFalse();
        assertThat(rooms.advanceLastRead(room.id(), bob, new MessageId(9), T0.plusSeconds(4))).as("not a member").isFalse();

        assertThat(rooms.sharedReadPositions(room.id(), List.of(alice, bob)))
                .containsExactly(Map.entry(alice, new ReadPosition(new MessageId(5), T0_MILLIS.plusSeconds(1))));
    }

    @Test
    void readPositionsAreGivenForTheMembersAskedForWhoShareThem() {
        var room = stores.publicRoom("room", T0);
        var other = stores.publicRoom("other", T0);
        var dave = stores.user("dave");
        for (UserId user : List.of(alice, bob, carol, dave)) {
            rooms.addMember(member(room.id(), user, T0));
        }
        rooms.addMember(member(other.id(), alice, T0));
        rooms.advanceLastRead(room.id(), alice, new MessageId(3), T0.plusSeconds(1));
        rooms.advanceLastRead(room.id(), bob, new MessageId(4), T0.plusSeconds(2));
        rooms.advanceLastRead(room.id(), dave, new MessageId(5), T0.plusSeconds(3));
        rooms.advanceLastRead(other.id(), alice, new MessageId(9), T0.plusSeconds(4));
        stores.users().shareReadReceipts(bob, false);

        assertThat(rooms.sharedReadPositions(room.id(), List.of(alice, bob, carol))).as("bob keeps his; carol has none")
                .containsExactly(Map.entry(alice, new ReadPosition(new MessageId(3), T0_MILLIS.plusSeconds(1))));
        assertThat(rooms.sharedReadPositions(room.id(), List.of())).isEmpty();
        assertThat(rooms.sharedReadPositions(other.id(), List.of(alice, dave)))
                .containsOnlyKeys(alice).containsValue(new ReadPosition(new MessageId(9), T0_MILLIS.plusSeconds(4)));
    }

    @Test
    void seenByListsWhoseReadPositionCoversTheMessageInTheOrderTheyReadIt() {
        var room = stores.publicRoom("room", T0);
        var dave = stores.user("dave");
        var erin = stores.user("erin");
        for (UserId user : List.of(alice, bob, carol, dave, erin)) {
            rooms.addMember(member(room.id(), user, T0));
        }
        var first = stores.post(room.id(), alice, "first");
        var second = stores.post(room.id(), alice, "second");
        rooms.advanceLastRead(room.id(), carol, second.id(), T0.plusSeconds(5));
        rooms.advanceLastRead(room.id(), bob, first.id(), T0.plusSeconds(7));
        // read at the same instant: by user id
        rooms.advanceLastRead(room.id(), erin, second.id(), T0.plusSeconds(5));
        rooms.advanceLastRead(room.id(), alice, second.id(), T0.plusSeconds(1));

        assertThat(rooms.seenBy(room.id(), first.id(), alice, 10)).as("the sender left out").containsExactly(
                new RoomRepository.Reader(carol, new Username("carol"), T0_MILLIS.plusSeconds(5)),
                new RoomRepository.Reader(erin, new Username("erin"), T0_MILLIS.plusSeconds(5)),
                new RoomRepository.Reader(bob, new Username("bob"), T0_MILLIS.plusSeconds(7)));
        assertThat(rooms.seenBy(room.id(), second.id(), alice, 10)).extracting(RoomRepository.Reader::username)
                .containsExactly(new Username("carol"), new Username("erin"));
        assertThat(rooms.seenBy(room.id(), first.id(), alice, 2)).extracting(RoomRepository.Reader::userId)
                .containsExactly(carol, erin);
        assertThat(rooms.seenBy(room.id(), first.id(), bob, 10)).extracting(RoomRepository.Reader::userId)
                .containsExactly(alice, carol, erin);

        stores.users().shareReadReceipts(carol, false);
        assertThat(rooms.seenBy(room.id(), first.id(), alice, 10)).as("carol keeps hers")
                .extracting(RoomRepository.Reader::userId).containsExactly(erin, bob);

        rooms.removeMember(room.id(), erin);
        assertThat(rooms.seenBy(room.id(), first.id(), alice, 10)).as("members only")
                .extracting(RoomRepository.Reader::userId).containsExactly(bob);
    }

    // issue 11: direct messages

    @Test
    void aDirectMessageIsOneRoomPerPairWhoeverOpensIt() {
        Room dm = rooms.openDirect(org.chatserver.domain.DirectPair.of(alice, bob), T0);

        assertThat(rooms.openDirect(org.chatserver.domain.DirectPair.of(bob, alice), T0.plusSeconds(1))).isEqualTo(dm);
        assertThat(dm.isDirect()).isTrue();
        assertThat(dm.isPrivate()).isTrue();
        assertThat(dm.createdBy()).isNull();
        assertThat(rooms.findById(dm.id())).contains(dm);
        assertThat(rooms.openDirect(org.chatserver.domain.DirectPair.of(alice, carol), T0)).isNotEqualTo(dm);
        assertThat(rooms.create(Room.DIRECT_NAME, false, alice, T0)).as("its name holds nothing against rooms")
                .isPresent();
    }

    @Test
    void aDirectMessageIsFoundFromEitherSideOnlyOnceOpened() {
        var pair = org.chatserver.domain.DirectPair.of(alice, bob);
        assertThat(rooms.findDirect(pair)).isEmpty();

        Room dm = rooms.openDirect(pair, T0);

        assertThat(rooms.findDirect(org.chatserver.domain.DirectPair.of(bob, alice))).contains(dm);
        assertThat(rooms.findDirect(org.chatserver.domain.DirectPair.of(alice, carol))).isEmpty();
    }

    @Test
    void aDirectMessageShowsEachTheOtherAsPeerAndNobodyElseSeesIt() {
        var pair = org.chatserver.domain.DirectPair.of(alice, bob);
        Room dm = rooms.openDirect(pair, T0);
        dm.directMembers(pair, T0).forEach(rooms::addMember);

        assertThat(rooms.overview(dm.id(), alice).orElseThrow().peer()).isEqualTo(new Username("bob"));
        assertThat(rooms.overview(dm.id(), bob).orElseThrow().peer()).isEqualTo(new Username("alice"));
        assertThat(rooms.overview(dm.id(), carol)).isEmpty();
        assertThat(rooms.listVisibleTo(alice, 100)).filteredOn(o -> o.room().equals(dm))
                .extracting(RoomOverview::peer).containsExactly(new Username("bob"));
        assertThat(rooms.listVisibleTo(carol, 100)).noneMatch(o -> o.room().equals(dm));
        Room plain = stores.publicRoom("plain", T0);
        assertThat(rooms.overview(plain.id(), carol).orElseThrow().peer()).isNull();
        assertThat(rooms.overview(plain.id(), carol).orElseThrow().room().kind()).isEqualTo(Room.Kind.ROOM);
    }

    @Test
    void openingTheSameDirectMessageAtOnceMakesOneRoom() throws Exception {
        var pair = org.chatserver.domain.DirectPair.of(alice, bob);
        int threads = 6;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Room>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return stores.transactions().inTransaction(() -> rooms.openDirect(pair, T0));
                }));
            }
            start.countDown();
            Set<Room> distinct = new HashSet<>();
            for (var future : opened) {
                distinct.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private long unread(UserId user, Room room) {
        List<RoomOverview> overviews = rooms.listVisibleTo(user, 100);
        return overviews.stream().filter(o -> o.room().equals(room)).findFirst().orElseThrow().unreadCount();
    }
}
