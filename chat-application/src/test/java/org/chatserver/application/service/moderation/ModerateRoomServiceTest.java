package org.chatserver.application.service.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.AuditPage;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.ChangeRole;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership.Role;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.ModerationAction.Kind;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Roles, mutes, bans and the audit log over the in-memory fakes, as a user would meet them. */
class ModerateRoomServiceTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final AuthenticatedUser dave = chat.user("dave");
    private final Room lobby = chat.room(alice, "lobby", false);

    @Test
    void theOwnerNamesModeratorsAndTheMembersListShowsRoles() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());

        RoomMember changed = chat.moderation.changeRole(alice, role("BOB", Role.MODERATOR));

        assertThat(changed.username()).isEqualTo(new Username("bob"));
        assertThat(changed.role()).isEqualTo(Role.MODERATOR);
        assertThat(chat.membership.members(carol, lobby.id()).members()).extracting(RoomMember::role)
                .containsExactly(Role.OWNER, Role.MODERATOR, Role.MEMBER);
        assertThat(chat.moderation.changeRole(alice, role("bob", Role.MEMBER)).role()).isEqualTo(Role.MEMBER);
        assertThat(kinds(alice)).containsExactly(Kind.ROLE_CHANGED, Kind.ROLE_CHANGED);
    }

    @Test
    void onlyTheOwnerChangesRolesAndNeverTheirOwn() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));

        assertThatThrownBy(() -> chat.moderation.changeRole(bob, role("carol", Role.MODERATOR)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the owner of the room can change roles");
        assertThatThrownBy(() -> chat.moderation.changeRole(bob, role("nobody", Role.MODERATOR)))
                .as("whoever may not change roles learns nothing of who exists")
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.moderation.changeRole(alice, role("alice", Role.MEMBER)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("The owner's role cannot be changed");
        assertThatThrownBy(() -> chat.moderation.changeRole(alice, role("dave", Role.MODERATOR)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("User is not a member of this room");
        assertThatThrownBy(() -> chat.moderation.changeRole(alice, role("nobody", Role.MODERATOR)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("User not found");
    }

    @Test
    void aMutedMemberCannotPostUntilTheMuteEndsOrIsLifted() {
        chat.say(bob, lobby, "before");

        Mute mute = chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10)).mute();

        assertThat(mute.until()).isEqualTo(chat.clock.instant().plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> chat.say(bob, lobby, "during"))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessageStartingWith("You are muted in this room until ");
        chat.clock.advance(Duration.ofMinutes(10));
        chat.say(bob, lobby, "after");

        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 5));
        chat.moderation.unmute(alice, lobby.id(), new Username("bob"));
        chat.say(bob, lobby, "lifted");

        assertThat(chat.history.page(alice, lobby.id(), Paging.newest(10)))
                .extracting(v -> v.message().content().text().value())
                .containsExactly("before", "after", "lifted");
        assertThatThrownBy(() -> chat.moderation.unmute(alice, lobby.id(), new Username("bob")))
                .isInstanceOf(NotFoundException.class).hasMessage("User is not muted in this room");
        assertThat(kinds(alice)).containsExactly(Kind.UNMUTED, Kind.MUTED, Kind.MUTED);
    }

    /**
     * A resend of a message stored before the mute (its ack was lost) is answered with that message, as any resend
     * is: refusing it would show the client a delivered message as failed.
     */
    @Test
    void aResendOfAMessageStoredBeforeAMuteOrBanIsAnsweredNotRefused() {
        PostMessageCommand first = new PostMessageCommand(lobby.id(), new MessageText("before"), null, null,
                new ClientId("c-1"), null, null);
        var stored = chat.post.post(bob, first);
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10));

        var resent = chat.post.post(bob, first);

        assertThat(resent.id()).isEqualTo(stored.id());
        assertThat(resent.created()).as("stored anew").isFalse();
        assertThatThrownBy(() -> chat.post.post(bob, new PostMessageCommand(lobby.id(), new MessageText("new"), null,
                null, new ClientId("c-2"), null, null))).as("a new post").isInstanceOf(RuleViolation.NotPermitted.class);

        chat.moderation.ban(alice, lobby.id(), new Username("bob"));
        assertThat(chat.post.post(bob, first).id()).as("after a ban").isEqualTo(stored.id());
    }

    /** A mute stops every new text of the member's, an edit of an older message as much as a post. */
    @Test
    void aMutedMemberCannotEditEither() {
        MessageId older = chat.say(bob, lobby, "before").id();
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10));
        int published = chat.published.published().size();

        assertThatThrownBy(() -> chat.edit.edit(bob, new EditMessageCommand(lobby.id(), older,
                new MessageText("said anyway"), null)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessageStartingWith("You are muted in this room until ");
        assertThat(chat.messages.findById(older).orElseThrow().content().text().value()).isEqualTo("before");
        assertThat(chat.published.published()).as("what the room was told").hasSize(published);
        // they still react, as the docs say
        chat.react.add(bob, new AddReaction(older, ReactionType.THUMBS_UP, null));
    }

    /**
     * Banned from a public room, a user may still read its history, and change nothing in it: not even delete what they
     * wrote, which stays for the room's moderators to judge (and to delete, which the audit log records).
     */
    @Test
    void aBannedUserNeitherEditsNorDeletesNorReactsInTheRoom() {
        MessageId own = chat.say(bob, lobby, "mine").id();
        MessageId others = chat.say(alice, lobby, "hers").id();
        chat.react.add(bob, new AddReaction(others, ReactionType.HEART, null));
        chat.moderation.ban(alice, lobby.id(), new Username("bob"));
        int published = chat.published.published().size();

        assertThatThrownBy(() -> chat.edit.edit(bob, new EditMessageCommand(lobby.id(), own, new MessageText("edited"),
                null))).isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("You are banned from this room");
        assertThatThrownBy(() -> chat.react.add(bob, new AddReaction(others, ReactionType.THUMBS_UP, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("You are banned from this room");
        assertThatThrownBy(() -> chat.react.remove(bob, new RemoveReaction(others, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("You are banned from this room");
        assertThatThrownBy(() -> chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), own, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("You are banned from this room");
        assertThat(chat.messages.findById(own).orElseThrow().deleted()).as("bob's message deleted").isFalse();
        assertThat(chat.published.published()).as("what the room was told").hasSize(published);
        assertThat(chat.history.page(bob, lobby.id(), Paging.newest(10))).as("the history, still readable").hasSize(2);
    }

    @Test
    void leavingAndRejoiningDoesNotEndAMute() {
        chat.membership.join(bob, lobby.id());
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10));

        chat.membership.leave(bob, lobby.id());

        assertThatThrownBy(() -> chat.say(bob, lobby, "fresh start?")).isInstanceOf(RuleViolation.NotPermitted.class);
    }

    /**
     * A moderator who leaves gives the role up; the owner, who created the room, stays its owner: powerless while away,
     * yet nobody may ban them meanwhile to keep them out of their own room, and with their powers back on joining.
     */
    @Test
    void anOwnerWhoLeavesHasNoPowersWhileAwayCannotBeBannedAndIsOwnerAgainOnReturning() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));

        chat.membership.leave(alice, lobby.id());

        assertThatThrownBy(() -> chat.moderation.changeRole(alice, role("bob", Role.MEMBER)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("Only the owner of the room can change roles");
        assertThatThrownBy(() -> chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("carol"), 5)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.moderation.ban(bob, lobby.id(), new Username("alice")))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("Nobody can moderate the owner of the room");

        chat.membership.join(alice, lobby.id());
        chat.moderation.changeRole(alice, role("bob", Role.MEMBER));
        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(RoomMember::role)
                .containsExactly(Role.OWNER, Role.MEMBER, Role.MEMBER);

        chat.membership.leave(bob, lobby.id());
        chat.moderation.changeRole(alice, role("carol", Role.MODERATOR));
        chat.membership.leave(carol, lobby.id());
        chat.membership.join(carol, lobby.id());
        assertThat(chat.membership.members(alice, lobby.id()).members()).as("a moderator who left and came back")
                .filteredOn(member -> member.userId().equals(carol.userId()))
                .extracting(RoomMember::role).containsExactly(Role.MEMBER);
    }

    /** The members list shows moderators whom they may unmute; a member learns of their own mute only. */
    @Test
    void moderatorsSeeWhoIsMutedUntilWhenAndOthersOnlyTheirOwnMute() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.membership.join(dave, lobby.id());
        chat.moderation.changeRole(alice, role("carol", Role.MODERATOR));
        Mute bobs = chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10)).mute();
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("dave"), 5));
        chat.moderation.unmute(alice, lobby.id(), new Username("dave"));

        assertThat(mutesAsSeenBy(alice)).isEqualTo(Map.of(bob.userId(), bobs.until()));
        assertThat(mutesAsSeenBy(carol)).isEqualTo(Map.of(bob.userId(), bobs.until()));
        assertThat(mutesAsSeenBy(bob)).isEqualTo(Map.of(bob.userId(), bobs.until()));
        assertThat(mutesAsSeenBy(dave)).as("a plain member, of someone else's")
                .isEmpty();

        chat.clock.advance(Duration.ofMinutes(10));

        assertThat(mutesAsSeenBy(alice)).as("a mute that has ended").isEmpty();
    }

    @Test
    void aMuteNeedsAMemberAndASensibleLength() {
        chat.membership.join(bob, lobby.id());

        assertThatThrownBy(() -> chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("dave"), 5)))
                .isInstanceOf(NotFoundException.class).hasMessage("User is not a member of this room");
        assertThatThrownBy(() -> chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 0)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"),
                Mute.MAX_MINUTES + 1))).isInstanceOf(InvalidValueException.class);
        assertThat(chat.audit.page(lobby.id(), null, 10)).isEmpty();
    }

    @Test
    void moderatorsModeratePlainMembersOnly() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.membership.join(dave, lobby.id());
        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));
        chat.moderation.changeRole(alice, role("carol", Role.MODERATOR));

        chat.moderation.mute(bob, new MuteMember(lobby.id(), new Username("dave"), 5));

        assertThatThrownBy(() -> chat.moderation.mute(bob, new MuteMember(lobby.id(), new Username("carol"), 5)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("A moderator cannot moderate another moderator");
        assertThatThrownBy(() -> chat.moderation.ban(bob, lobby.id(), new Username("alice")))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Nobody can moderate the owner of the room");
        assertThatThrownBy(() -> chat.moderation.mute(dave, new MuteMember(lobby.id(), new Username("bob"), 5)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the owner and moderators of the room can do this");
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("carol"), 5));
        assertThatThrownBy(() -> chat.moderation.unmute(bob, lobby.id(), new Username("carol")))
                .as("nor lift what the owner put on another moderator")
                .isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void aBannedUserIsTakenOutAtOnceAndCannotComeBackUntilTheBanIsLifted() {
        chat.say(bob, lobby, "hi");
        AtomicBoolean revoked = new AtomicBoolean();
        var watch = chat.watch.watch(bob, lobby.id(), null, "bob-1", new RoomListener() {
            @Override
            public void onEvent(RoomEvent event) {
            }

            @Override
            public void revoked() {
                revoked.set(true);
            }
        });

        chat.moderation.ban(alice, lobby.id(), new Username("bob"));

        assertThat(revoked).as("the ban ends the open connection").isTrue();
        assertThat(chat.published.published()).filteredOn(e -> e instanceof RoomEvent.MemberRemoved).singleElement()
                .satisfies(e -> assertThat(((RoomEvent.MemberRemoved) e).user()).isEqualTo(bob.userId()));
        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(m -> m.username().value())
                .containsExactly("alice");
        assertThatThrownBy(() -> chat.membership.join(bob, lobby.id()))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("You are banned from this room");
        assertThatThrownBy(() -> chat.say(bob, lobby, "back")).isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.watch.watch(bob, lobby.id(), null, "bob-2", event -> { }))
                .isInstanceOf(RuleViolation.NotPermitted.class);

        chat.moderation.ban(alice, lobby.id(), new Username("bob"));
        assertThat(kinds(alice)).as("banning twice changes nothing").containsExactly(Kind.BANNED);

        chat.moderation.unban(alice, lobby.id(), new Username("bob"));
        chat.say(bob, lobby, "back");
        assertThatThrownBy(() -> chat.moderation.unban(alice, lobby.id(), new Username("bob")))
                .isInstanceOf(NotFoundException.class).hasMessage("User is not banned from this room");
        assertThat(kinds(alice)).containsExactly(Kind.UNBANNED, Kind.BANNED);
        watch.close();
    }

    @Test
    void aBannedUserIsNotAddedBackToAPrivateRoom() {
        Room secret = chat.room(alice, "secret", true);
        chat.membership.addMember(alice, secret.id(), new Username("bob"));

        chat.moderation.ban(alice, secret.id(), new Username("bob"));

        assertThatThrownBy(() -> chat.membership.addMember(alice, secret.id(), new Username("bob")))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("This user is banned from the room: lift the ban first");
        assertThatThrownBy(() -> chat.manageRooms.get(bob, secret.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void moderatorsRemoveMembersOfPrivateRoomsAndTheLogSaysWho() {
        Room secret = chat.room(alice, "secret", true);
        chat.membership.addMember(alice, secret.id(), new Username("bob"));
        chat.membership.addMember(alice, secret.id(), new Username("carol"));
        chat.moderation.changeRole(alice, new ChangeRole(secret.id(), new Username("bob"), Role.MODERATOR));

        chat.membership.removeMember(bob, secret.id(), new Username("carol"));

        assertThat(chat.membership.members(alice, secret.id()).members()).extracting(m -> m.username().value())
                .containsExactly("alice", "bob");
        List<AuditEntry> log = chat.moderation.audit(bob, new AuditPage(secret.id(), null, 10));
        assertThat(log.getFirst().action().kind()).isEqualTo(Kind.MEMBER_REMOVED);
        assertThat(log.getFirst().actor()).isEqualTo(new Username("bob"));
        assertThat(log.getFirst().target()).isEqualTo(new Username("carol"));
        assertThatThrownBy(() -> chat.membership.removeMember(bob, secret.id(), new Username("alice")))
                .isInstanceOf(RuleViolation.NotPermitted.class);

        chat.membership.leave(bob, secret.id());
        assertThat(chat.audit.page(secret.id(), null, 10)).as("leaving is not moderation").hasSize(2);
    }

    @Test
    void theAuditLogIsForOwnerAndModeratorsNewestFirstInPages() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));
        chat.moderation.mute(bob, new MuteMember(lobby.id(), new Username("carol"), 5));
        chat.moderation.ban(bob, lobby.id(), new Username("dave"));

        List<AuditEntry> newest = chat.moderation.audit(bob, new AuditPage(lobby.id(), null, 2));
        List<AuditEntry> older = chat.moderation.audit(alice, new AuditPage(lobby.id(), newest.getLast().id(), 10));

        assertThat(newest).extracting(e -> e.action().kind()).containsExactly(Kind.BANNED, Kind.MUTED);
        assertThat(older).extracting(e -> e.action().kind()).containsExactly(Kind.ROLE_CHANGED);
        assertThatThrownBy(() -> chat.moderation.audit(carol, new AuditPage(lobby.id(), null, 10)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> new AuditPage(lobby.id(), null, AuditPage.MAX_LIMIT + 1))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aModeratorDeletingAnothersMessageIsLoggedAnAuthorDeletingTheirOwnIsNot() {
        chat.membership.join(carol, lobby.id());
        chat.moderation.changeRole(alice, role("carol", Role.MODERATOR));
        MessageId spam = chat.say(bob, lobby, "spam").id();
        MessageId oops = chat.say(bob, lobby, "oops").id();

        chat.delete.delete(carol, new DeleteMessageCommand(lobby.id(), spam, null));
        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), oops, null));

        AuditEntry deletion = chat.moderation.audit(alice, new AuditPage(lobby.id(), null, 10)).getFirst();
        assertThat(deletion.action().kind()).isEqualTo(Kind.MESSAGE_DELETED);
        assertThat(deletion.action().message()).isEqualTo(spam);
        assertThat(deletion.actor()).isEqualTo(new Username("carol"));
        assertThat(deletion.target()).isEqualTo(new Username("bob"));
        assertThat(kinds(alice)).containsExactly(Kind.MESSAGE_DELETED, Kind.ROLE_CHANGED);
    }

    @Test
    void aPrivateRoomIsNotFoundForOutsidersWhateverTheyAsk() {
        Room secret = chat.room(alice, "secret", true);

        assertThatThrownBy(() -> chat.moderation.ban(bob, secret.id(), new Username("carol")))
                .isInstanceOf(NotFoundException.class).hasMessage("Room not found");
        assertThatThrownBy(() -> chat.moderation.audit(bob, new AuditPage(secret.id(), null, 10)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRoleChangeReachesEveryoneWatchingTheRoomOnceAfterCommit() {
        chat.membership.join(bob, lobby.id());
        List<RoomEvent> carolSees = new ArrayList<>();
        List<RoomEvent> bobSees = new ArrayList<>();
        var carolsWatch = chat.watch.watch(carol, lobby.id(), null, "carol-1", carolSees::add);
        var bobsWatch = chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees::add);
        int before = chat.published.published().size();

        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));
        chat.moderation.changeRole(alice, role("bob", Role.MODERATOR));

        assertThat(chat.published.published().subList(before, chat.published.published().size()))
                .as("published once: the second change changed nothing").singleElement()
                .isEqualTo(RoomEvent.MemberUpdated.roleChanged(lobby.id(), bob.userId(), new Username("bob"),
                        Role.MODERATOR, chat.clock.instant()));
        assertThat(updates(carolSees)).containsExactly("bob moderator");
        assertThat(updates(bobSees)).as("the promoted member's own page follows too").containsExactly("bob moderator");
        assertThatThrownBy(() -> chat.moderation.changeRole(bob, role("carol", Role.MODERATOR)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThat(chat.published.published()).as("a refused change tells nobody").hasSize(before + 1);
        carolsWatch.close();
        bobsWatch.close();
    }

    /** A mute reaches only those whose members list shows it: the owner, moderators, and the muted member. */
    @Test
    void aMuteAndItsEndReachThoseWhoSeeItInTheMembersListOnly() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        chat.membership.join(dave, lobby.id());
        List<RoomEvent> aliceSees = new ArrayList<>();
        List<RoomEvent> bobSees = new ArrayList<>();
        List<RoomEvent> carolSees = new ArrayList<>();
        List<RoomEvent> daveSees = new ArrayList<>();
        var watches = List.of(chat.watch.watch(alice, lobby.id(), null, "alice-1", aliceSees::add),
                chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees::add),
                chat.watch.watch(carol, lobby.id(), null, "carol-1", carolSees::add),
                chat.watch.watch(dave, lobby.id(), null, "dave-1", daveSees::add));
        Instant until = chat.clock.instant().plus(Duration.ofMinutes(10));

        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("dave"), 10));
        chat.moderation.unmute(alice, lobby.id(), new Username("dave"));

        String muted = "dave member muted until " + until;
        String unmuted = "dave member unmuted";
        assertThat(updates(aliceSees)).as("the owner").containsExactly(muted, unmuted);
        assertThat(updates(daveSees)).as("the muted member").containsExactly(muted, unmuted);
        assertThat(updates(carolSees)).as("another plain member: their list shows no mute of others").isEmpty();

        // who sees mutes follows the watcher's role as it changes while they watch
        chat.moderation.changeRole(alice, role("carol", Role.MODERATOR));
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("dave"), 10));
        assertThat(updates(carolSees)).as("carol, made a moderator while watching")
                .containsExactly("carol moderator", muted);
        assertThat(updates(bobSees)).as("bob, a plain member").containsExactly("carol moderator");

        chat.moderation.changeRole(alice, role("carol", Role.MEMBER));
        chat.moderation.unmute(alice, lobby.id(), new Username("dave"));
        assertThat(updates(carolSees)).as("carol, a member again")
                .containsExactly("carol moderator", muted, "carol member");
        watches.forEach(w -> w.close());
    }

    /** Member updates a watcher was told, in words: "bob moderator", "dave member muted until ...". */
    private static List<String> updates(List<RoomEvent> seen) {
        return seen.stream().filter(e -> e instanceof RoomEvent.MemberUpdated).map(e -> (RoomEvent.MemberUpdated) e)
                .map(e -> e.username().value() + " " + e.role().name().toLowerCase(Locale.ROOT)
                        + (!e.mute() ? "" : e.mutedUntil() == null ? " unmuted" : " muted until " + e.mutedUntil()))
                .toList();
    }

    /** The mutes of the lobby's members list as {@code reader} reads it. */
    private Map<UserId, Instant> mutesAsSeenBy(AuthenticatedUser reader) {
        return chat.moderation.mutedUntil(reader, chat.membership.members(reader, lobby.id()));
    }

    private ChangeRole role(String name, Role role) {
        return new ChangeRole(lobby.id(), new Username(name), role);
    }

    private List<Kind> kinds(AuthenticatedUser who) {
        return chat.moderation.audit(who, new AuditPage(lobby.id(), null, 50)).stream()
                .map(e -> e.action().kind()).toList();
    }
}
