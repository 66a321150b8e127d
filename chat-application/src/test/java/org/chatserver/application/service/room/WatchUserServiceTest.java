package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.in.room.WatchUserUseCase.StreamListener;
import org.chatserver.application.port.in.room.WatchUserUseCase.UserStream;
import org.chatserver.application.port.in.user.UserSettingsUseCase.SettingsChange;
import org.chatserver.application.fakes.InterleavedTransactions;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.Membership.Role;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.ChangeRole;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/**
 * One stream of all of a user's rooms: what it shows, in which order, and the counts it keeps
 * without a query per message.
 */
class WatchUserServiceTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room lobby = chat.room(alice, "lobby", false);
    private final Room secret = chat.room(alice, "secret", true);

    /** What a connection would be sent, in order, as short words. */
    static final class Recorder implements StreamListener {

        final List<String> seen = new ArrayList<>();
        List<RoomSummary> rooms;
        ChangeId lastCursor;

        @Override
        public synchronized void connected(List<RoomSummary> rooms) {
            this.rooms = rooms;
            seen.add("connected " + rooms.stream().map(r -> r.room().name().value() + "=" + r.unreadCount()).toList());
        }

        @Override
        public synchronized void onEvent(RoomEvent event) {
            if (event instanceof RoomEvent.MessagePosted posted) {
                seen.add(posted.roomId() + ": " + posted.message().content().text().value());
                if (posted.change() != null) {
                    lastCursor = posted.change().id();
                }
            } else {
                seen.add(posted(event));
            }
        }

        private static String posted(RoomEvent event) {
            if (event instanceof RoomEvent.StatusChanged status) {
                return status.user().value() + " " + status.status() + (status.lastSeen() == null ? "" : " seen");
            }
            return event.roomId() + ": " + event.getClass().getSimpleName();
        }

        @Override
        public synchronized void acknowledged(Message mine) {
            seen.add(mine.roomId() + ": ack " + mine.content().text().value());
        }

        @Override
        public synchronized void roomAdded(RoomSummary room) {
            seen.add("added " + room.room().name().value() + "=" + room.unreadCount());
        }

        @Override
        public synchronized void roomRemoved(RoomId room) {
            seen.add("removed " + room);
        }

        @Override
        public synchronized void banned(RoomId room) {
            seen.add(room + ": banned");
        }

        @Override
        public synchronized void unread(RoomId room, long unreadCount, long mentionCount) {
            seen.add(room + ": unread " + unreadCount + "/" + mentionCount);
        }

        @Override
        public synchronized void lost(RuntimeException cause) {
            seen.add("lost");
        }

        @Override
        public synchronized void resumeRefused(RoomId room, InvalidValueException reason) {
            seen.add(room + ": resume refused, " + reason.getMessage());
        }

        @Override
        public synchronized void historyTruncated(RoomId room, MessageId resumeAfter, MessageId liveFrom,
                                                  ChangeId resumeCursor, ChangeId liveCursor) {
            seen.add(room + ": history truncated after " + (resumeCursor == null ? "start" : "c" + resumeCursor.value())
                    + " up to c" + liveCursor.value()
                    + (resumeAfter == null ? "" : ", messages " + resumeAfter.value() + " to " + liveFrom.value()));
        }

        synchronized List<String> taken() {
            List<String> all = List.copyOf(seen);
            seen.clear();
            return all;
        }
    }

    private UserStream stream(AuthenticatedUser user, Recorder recorder) {
        return chat.watchUser.watch(user, Map.of(), "stream-" + user.username().value(), recorder);
    }

    @Test
    void connectedComesFirstWithTheRoomsTheUserIsInOnlyAndTheirCounts() {
        chat.membership.join(bob, lobby.id());
        chat.room(alice, "not bob's", false);
        chat.say(alice, lobby, "before");

        Recorder b = new Recorder();
        stream(bob, b);

        assertThat(b.taken()).containsExactly("connected [lobby=1]");
    }

    @Test
    void othersMessagesOfEveryRoomAreShownAndCountedTheUsersOwnAreNot() {
        chat.membership.join(bob, lobby.id());
        chat.membership.addMember(alice, secret.id(), bob.username());
        Recorder b = new Recorder();
        stream(bob, b);
        b.taken();

        chat.say(alice, lobby, "hi @bob");
        chat.say(alice, secret, "psst");
        chat.say(bob, lobby, "from another device of bob");
        chat.say(alice, lobby, "@room listen");

        assertThat(b.taken()).containsExactly(
                lobby.id() + ": hi @bob", lobby.id() + ": unread 1/1",
                secret.id() + ": psst", secret.id() + ": unread 1/0",
                lobby.id() + ": from another device of bob",
                lobby.id() + ": @room listen", lobby.id() + ": unread 2/2");
    }

    /** Roles and mutes are for a room's open page; a stream of all the user's rooms shows neither. */
    @Test
    void roleAndMuteChangesOfARoomDoNotReachTheStream() {
        chat.membership.join(bob, lobby.id());
        Recorder b = new Recorder();
        stream(bob, b);
        b.taken();

        chat.moderation.changeRole(alice, new ChangeRole(lobby.id(), new Username("bob"), Role.MODERATOR));
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10));
        chat.say(alice, lobby, "after");

        assertThat(b.taken()).containsExactly(lobby.id() + ": after", lobby.id() + ": unread 1/0");
    }

    @Test
    void aReadOnAnyDeviceSetsTheCountsOnEveryStreamEvenWithReadReceiptsOff() {
        chat.membership.join(bob, lobby.id());
        chat.settings.change(bob, new SettingsChange(false));
        chat.say(alice, lobby, "one @bob");
        chat.say(alice, lobby, "two");
        Recorder phone = new Recorder();
        Recorder laptop = new Recorder();
        stream(bob, phone);
        chat.watchUser.watch(bob, Map.of(), "bob-laptop", laptop);
        assertThat(phone.taken()).containsExactly("connected [lobby=2]");
        laptop.taken();

        chat.markRead.markRead(bob, lobby.id());

        assertThat(phone.taken()).containsExactly(lobby.id() + ": unread 0/0");
        assertThat(laptop.taken()).containsExactly(lobby.id() + ": unread 0/0");
        assertThat(chat.published.published()).as("no read receipt for the room: bob shares none")
                .noneMatch(e -> e instanceof RoomEvent.ReadMoved);

        chat.say(alice, lobby, "three");
        assertThat(phone.taken()).containsExactly(lobby.id() + ": three", lobby.id() + ": unread 1/0");
    }

    private void edit(AuthenticatedUser who, Room room, MessageId message, String text) {
        chat.edit.edit(who, new EditMessageCommand(room.id(), message, new MessageText(text), null));
    }

    private void delete(AuthenticatedUser who, Room room, MessageId message) {
        chat.delete.delete(who, new DeleteMessageCommand(room.id(), message, null));
    }

    /** The counts of the user's room list, as {@code unread} frames word them. */
    private String listed(AuthenticatedUser who, Room room) {
        RoomSummary s = chat.manageRooms.list(who, 50).stream().filter(r -> r.room().id().equals(room.id()))
                .findFirst().orElseThrow();
        return room.id() + ": unread " + s.unreadCount() + "/" + s.mentionCount();
    }

    @Test
    void aCountedMessageDeletedOrEditedToMentionTheUserOrNoLongerMovesTheCountsWithoutAQuery() {
        chat.membership.join(bob, lobby.id());
        Recorder b = new Recorder();
        stream(bob, b);
        MessageId hi = chat.say(alice, lobby, "hi").id();
        MessageId two = chat.say(alice, lobby, "two").id();
        assertThat(b.taken()).endsWith(lobby.id() + ": unread 2/0");

        edit(alice, lobby, hi, "hi @bob");
        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": unread 2/1");
        edit(alice, lobby, hi, "hi @bob, again");
        assertThat(b.taken()).as("still one mention: nothing to tell").containsExactly(lobby.id() + ": MessageEdited");
        edit(alice, lobby, hi, "hi");
        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": unread 2/0");
        edit(alice, lobby, two, "@room two");
        delete(alice, lobby, two);

        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": unread 2/1",
                lobby.id() + ": MessageDeleted", lobby.id() + ": unread 1/0");
        assertThat(listed(bob, lobby)).as("what the room list says").isEqualTo(lobby.id() + ": unread 1/0");
    }

    @Test
    void aChangeOfAMessageInTheCountsGivenAtConnectReadsThemAgainAndOneAlreadyReadMovesNothing() {
        chat.membership.join(bob, lobby.id());
        MessageId read = chat.say(alice, lobby, "read @bob").id();
        chat.markRead.markRead(bob, lobby.id());
        MessageId early = chat.say(alice, lobby, "@bob early").id();
        MessageId plain = chat.say(alice, lobby, "plain").id();
        Recorder b = new Recorder();
        stream(bob, b);
        assertThat(b.taken()).containsExactly("connected [lobby=2]");

        edit(alice, lobby, plain, "plain, @bob");
        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": unread 2/2");
        delete(alice, lobby, early);
        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageDeleted", lobby.id() + ": unread 1/1");
        edit(alice, lobby, plain, "plain");
        assertThat(b.taken()).containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": unread 1/0");
        edit(alice, lobby, read, "read, @bob?");
        delete(alice, lobby, read);
        assertThat(b.taken()).as("bob read it before: his counts stay")
                .containsExactly(lobby.id() + ": MessageEdited", lobby.id() + ": MessageDeleted");
        assertThat(listed(bob, lobby)).isEqualTo(lobby.id() + ": unread 1/0");
    }

    @Test
    void aReadsCountsTakenBeforeAMessageWasStoredStillCountItWhenTheyArriveAfterItsDelivery() {
        chat.membership.join(bob, lobby.id());
        MessageId read = chat.say(alice, lobby, "read").id();
        Recorder b = new Recorder();
        stream(bob, b);
        MessageId late = chat.say(alice, lobby, "@bob late").id();
        assertThat(b.taken()).endsWith(lobby.id() + ": unread 2/1");

        // bob read up to "read" on his phone; its counts (0/0, taken before "late" was stored) come now
        chat.userEvents.publish(new UserEvent.ReadMoved(bob.userId(), lobby.id(), read, read, 0, 0));

        assertThat(b.taken()).containsExactly(lobby.id() + ": unread 1/1");
        delete(alice, lobby, late);
        assertThat(b.taken()).as("the late message is still one the stream counted itself")
                .containsExactly(lobby.id() + ": MessageDeleted", lobby.id() + ": unread 0/0");
    }

    @Test
    void postingToAPublicRoomOverRestJoinsItAndAnnouncesItOnTheStreamThenShowsThatPost() {
        chat.say(alice, lobby, "before bob");
        Recorder b = new Recorder();
        UserStream stream = stream(bob, b);
        b.taken();

        chat.say(bob, lobby, "hello, new here");

        assertThat(b.taken()).as("the post that joined is the room's first frame after its item, not counted")
                .containsExactly("added lobby=0", lobby.id() + ": hello, new here");
        assertThat(b.lastCursor).isEqualTo(chat.messages.latestChange(lobby.id()).orElseThrow());
        assertThatCode(() -> stream.checkCarries(lobby.id())).doesNotThrowAnyException();
        chat.say(alice, lobby, "welcome");
        assertThat(b.taken()).containsExactly(lobby.id() + ": welcome", lobby.id() + ": unread 1/0");
    }

    @Test
    void whatIsPostedBeforeTheStreamHandlesAJoinAnAddOrANewDirectMessageFollowsRoomAddedOnceCountedOnce() {
        chat.say(alice, lobby, "before bob");
        chat.say(alice, secret, "before bob too");
        List<Runnable> later = new ArrayList<>();
        Recorder b = bobsStreamWithBackground(later);

        // each membership committed, then a post, before the stream's background has handled any of them
        chat.membership.join(bob, lobby.id());
        chat.say(alice, lobby, "welcome");
        chat.membership.addMember(alice, secret.id(), bob.username());
        chat.say(alice, secret, "psst @bob");
        RoomSummary dm = chat.directMessages.open(alice, new Username("bob"));
        chat.say(alice, dm.room(), "hi bob");
        assertThat(b.taken()).as("nothing of a room before its item").isEmpty();
        runAll(later);

        assertThat(b.taken()).as("no history from before the membership, nothing twice, counts as listed")
                .containsExactly("added lobby=1", lobby.id() + ": welcome",
                        "added secret=1", secret.id() + ": psst @bob",
                        "added " + Room.DIRECT_NAME.value() + "=1", dm.room().id() + ": hi bob");
        chat.say(alice, secret, "and @bob again");
        assertThat(b.taken()).containsExactly(secret.id() + ": and @bob again", secret.id() + ": unread 2/2");
    }

    /**
     * Memberships committed while the stream reads the room list, each followed by a post: one before its first
     * read (the read sees the room and the post), one before its second (the read that gives the counts) with the
     * post right after that read. Each room is carried from the start of the membership, as a room added later is.
     */
    @Test
    void aRoomJoinedWhileTheStreamConnectsIsCarriedFromTheStartOfTheMembership() {
        chat.say(alice, lobby, "before bob");
        InterleavedTransactions reads = new InterleavedTransactions()
                .before(1, () -> {
                    chat.membership.join(bob, lobby.id());
                    chat.say(alice, lobby, "welcome");
                })
                .before(2, () -> chat.membership.addMember(alice, secret.id(), bob.username()))
                .after(2, () -> chat.say(alice, secret, "psst @bob"));
        WatchUserService connecting = new WatchUserService(chat.rooms, chat.watch, chat.userEvents, reads,
                Runnable::run);
        Recorder b = new Recorder();

        connecting.watch(bob, Map.of(), "stream-bob", b);

        assertThat(b.taken()).as("each post since the membership once, after its room's item, counted once")
                .containsExactly("connected []",
                        "added lobby=1", lobby.id() + ": welcome",
                        "added secret=1", secret.id() + ": psst @bob");
        chat.say(alice, secret, "and @bob again");
        assertThat(b.taken()).containsExactly(secret.id() + ": and @bob again", secret.id() + ": unread 2/2");
    }

    /** The news of a join committed before the stream's first read reaches it only after that read. */
    @Test
    void aJoinWhoseNewsArrivesBetweenTheStreamsReadsIsStillCarriedFromTheStartOfTheMembership() {
        List<UserEvent> news = new ArrayList<>();
        InterleavedTransactions reads = new InterleavedTransactions()
                .before(1, () -> {
                    chat.tx.inTransaction(() -> chat.access.ensureMember(lobby, bob.userId(), chat.clock.instant()))
                            .ifPresent(news::add);
                    chat.say(alice, lobby, "welcome");
                })
                .before(2, () -> news.forEach(chat.userEvents::publish));
        WatchUserService connecting = new WatchUserService(chat.rooms, chat.watch, chat.userEvents, reads,
                Runnable::run);
        Recorder b = new Recorder();

        connecting.watch(bob, Map.of(), "stream-bob", b);

        assertThat(b.taken()).containsExactly("connected []", "added lobby=1", lobby.id() + ": welcome");
    }

    /**
     * The stream handles a join (and a new DM) after more changes than a replay carries: it replays none, and names
     * the whole range since the membership began (from the log's start for the DM) to fetch, then goes on live.
     */
    @Test
    void aRoomAddedLateInABusyRoomReplaysNothingAndNamesTheWholeRangeSinceTheMembershipToFetch() {
        chat.say(alice, lobby, "before bob");
        List<Runnable> later = new ArrayList<>();
        Recorder b = bobsStreamWithBackground(later);

        ChangeId beforeBob = chat.messages.latestChange(lobby.id()).orElseThrow();
        chat.membership.join(bob, lobby.id());
        RoomSummary dm = chat.directMessages.open(alice, new Username("bob"));
        for (int i = 1; i <= WatchRoomService.MAX_RESUME + 1; i++) {
            chat.say(alice, lobby, "busy " + i);
            chat.say(alice, dm.room(), "dm " + i);
        }
        ChangeId lobbyLatest = chat.messages.latestChange(lobby.id()).orElseThrow();
        ChangeId dmLatest = chat.messages.latestChange(dm.room().id()).orElseThrow();
        runAll(later);

        assertThat(b.taken()).as("no message of either room: the client fetches each whole range")
                .containsExactly("added lobby=501",
                        lobby.id() + ": history truncated after c" + beforeBob.value() + " up to c" + lobbyLatest.value(),
                        "added " + Room.DIRECT_NAME.value() + "=501",
                        dm.room().id() + ": history truncated after start up to c" + dmLatest.value());
        chat.say(alice, lobby, "live");
        assertThat(b.taken()).containsExactly(lobby.id() + ": live", lobby.id() + ": unread 502/0");
    }

    /** Bob's stream, connected, whose membership changes wait in {@code later} until the test runs them. */
    private Recorder bobsStreamWithBackground(List<Runnable> later) {
        WatchUserService slow = new WatchUserService(chat.rooms, chat.watch, chat.userEvents, chat.tx, later::add);
        Recorder b = new Recorder();
        slow.watch(bob, Map.of(), "stream-bob", b);
        runAll(later);
        b.taken();
        return b;
    }

    private static void runAll(List<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.removeFirst().run();
        }
    }

    @Test
    void aRoomAddedIsAnnouncedBeforeAnyOfItsEventsAndARoomRemovedStopsThem() {
        Recorder b = new Recorder();
        UserStream stream = stream(bob, b);
        b.taken();

        chat.membership.addMember(alice, secret.id(), bob.username());
        chat.say(alice, secret, "welcome");
        chat.markRead.markRead(bob, lobby.id());
        assertThat(b.taken()).as("reading a public room joins it").containsExactly("added secret=0",
                secret.id() + ": welcome", secret.id() + ": unread 1/0", "added lobby=0");
        assertThatCode(() -> stream.checkCarries(secret.id())).doesNotThrowAnyException();

        chat.membership.removeMember(alice, secret.id(), bob.username());
        chat.membership.leave(bob, lobby.id());
        chat.say(alice, secret, "bob is gone");
        chat.say(alice, lobby, "here too");

        assertThat(b.taken()).containsExactly("removed " + secret.id(), "removed " + lobby.id());
        assertThatThrownBy(() -> stream.checkCarries(lobby.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("Room not found");
        assertThatThrownBy(() -> stream.post(new PostMessageCommand(lobby.id(), new MessageText("x"), null, null,
                null, null, "stream-bob"))).isInstanceOf(NotFoundException.class).hasMessage("Room not found");
    }

    @Test
    void aDirectMessageOpenedByThePeerAndABanReachTheStream() {
        chat.membership.join(bob, lobby.id());
        Recorder b = new Recorder();
        stream(bob, b);
        b.taken();

        RoomSummary dm = chat.directMessages.open(alice, new Username("bob"));
        chat.moderation.ban(alice, lobby.id(), bob.username());

        assertThat(b.taken()).containsExactly("added " + Room.DIRECT_NAME.value() + "=0", lobby.id() + ": banned",
                "removed " + lobby.id());
        assertThat(dm.room().isDirect()).isTrue();
    }

    /**
     * After bans from a public and a private room, the stream refuses a post or typing in either as posting over REST
     * (PostMessageService) refuses bob there: banned from the room he can still see, no such room for him in the other.
     */
    @Test
    void aRoomTheUserIsBannedFromIsRefusedOnTheStreamAsRestRefusesItThem() {
        chat.membership.join(bob, lobby.id());
        chat.membership.addMember(alice, secret.id(), bob.username());
        UserStream stream = stream(bob, new Recorder());
        chat.moderation.ban(alice, lobby.id(), bob.username());
        chat.moderation.ban(alice, secret.id(), bob.username());

        for (Room room : List.of(lobby, secret)) {
            PostMessageCommand post = new PostMessageCommand(room.id(), new MessageText("still here?"), null, null,
                    null, null, "stream-bob");
            Throwable rest = org.assertj.core.api.Assertions.catchThrowable(() -> chat.post.post(bob, post));
            assertThat(rest).as("REST, in " + room.name().value()).hasMessage(
                    room.isPrivate() ? Room.NOT_FOUND : Room.BANNED);
            assertThatThrownBy(() -> stream.post(post)).isExactlyInstanceOf(rest.getClass())
                    .hasMessage(rest.getMessage());
            assertThatThrownBy(() -> stream.typing(room.id(), RoomEvent.TypingKind.TYPING))
                    .isExactlyInstanceOf(rest.getClass()).hasMessage(rest.getMessage());
        }
    }

    @Test
    void aPostOverTheStreamIsAcknowledgedAndNotShownBackWhileTheUsersOtherStreamsSeeIt() {
        chat.membership.join(bob, lobby.id());
        Recorder phone = new Recorder();
        Recorder laptop = new Recorder();
        UserStream phoneStream = chat.watchUser.watch(bob, Map.of(), "bob-phone", phone);
        chat.watchUser.watch(bob, Map.of(), "bob-laptop", laptop);
        phone.taken();
        laptop.taken();

        phoneStream.post(new PostMessageCommand(lobby.id(), new MessageText("mine"), null, null,
                new ClientId("c1"), null, "bob-phone"));

        assertThat(phone.taken()).containsExactly(lobby.id() + ": ack mine");
        assertThat(laptop.taken()).as("not unread for its own author").containsExactly(lobby.id() + ": mine");
    }

    @Test
    void resumingWithACursorPerRoomReplaysEachRoomsChangesOnceAndDoesNotCountThemTwice() {
        chat.membership.join(bob, lobby.id());
        chat.membership.addMember(alice, secret.id(), bob.username());
        Recorder before = new Recorder();
        UserStream first = stream(bob, before);
        chat.say(alice, lobby, "seen");
        ChangeId lobbyCursor = before.lastCursor;
        chat.say(alice, secret, "seen too");
        ChangeId secretCursor = before.lastCursor;
        first.close();
        chat.say(alice, lobby, "missed 1");
        chat.say(alice, secret, "missed 2");
        chat.say(alice, lobby, "missed 3");

        Recorder after = new Recorder();
        chat.watchUser.watch(bob, Map.<RoomId, HistoryPosition>of(lobby.id(), lobbyCursor, secret.id(), secretCursor),
                "stream-bob-2", after);

        List<String> seen = after.taken();
        assertThat(seen.getFirst()).isEqualTo("connected [secret=2, lobby=3]");
        assertThat(seen.stream().filter(s -> s.startsWith(lobby.id() + ":")))
                .containsExactly(lobby.id() + ": missed 1", lobby.id() + ": missed 3");
        assertThat(seen.stream().filter(s -> s.startsWith(secret.id() + ":")))
                .containsExactly(secret.id() + ": missed 2");
        assertThat(seen).as("replayed messages are in the counts of connected already")
                .noneMatch(s -> s.contains("unread"));

        chat.say(alice, lobby, "live");
        assertThat(after.taken()).containsExactly(lobby.id() + ": live", lobby.id() + ": unread 4/0");
    }

    /**
     * A cursor of another room for the lobby (or of no change the server knows, as after a restore) does not cost the
     * secret room its replay: the lobby goes on live and the stream says its resume was refused.
     */
    @Test
    void aRefusedPositionOfOneRoomLeavesThatRoomLiveAndTheOthersReplayed() {
        chat.membership.join(bob, lobby.id());
        chat.membership.addMember(alice, secret.id(), bob.username());
        Recorder before = new Recorder();
        UserStream first = stream(bob, before);
        chat.say(alice, secret, "seen");
        ChangeId secretCursor = before.lastCursor;
        first.close();
        chat.say(alice, secret, "missed");
        chat.say(alice, lobby, "missed in the lobby");

        Recorder after = new Recorder();
        chat.watchUser.watch(bob, Map.<RoomId, HistoryPosition>of(lobby.id(), secretCursor, secret.id(), secretCursor),
                "stream-bob-2", after);

        assertThat(after.taken()).containsExactly("connected [secret=2, lobby=1]",
                lobby.id() + ": resume refused, since must be a cursor of this room",
                secret.id() + ": missed");
        chat.say(alice, lobby, "live");
        assertThat(after.taken()).containsExactly(lobby.id() + ": live", lobby.id() + ": unread 2/0");
    }

    @Test
    void aChangeOfSomeonesStatusIsShownOnceToTheStreamsOfThoseWhoShareARoomWithThem() {
        chat.membership.join(bob, lobby.id());
        chat.membership.addMember(alice, secret.id(), bob.username());
        AuthenticatedUser carol = chat.user("carol");
        chat.room(carol, "carol's", false);
        var presence = presenceToldToRooms();
        Recorder b = new Recorder();
        stream(bob, b);
        Recorder c = new Recorder();
        stream(carol, c);
        b.taken();
        c.taken();

        presence.connected(alice, "alice-phone");
        presence.declared("alice-phone", true);
        presence.connected(bob, "bob-phone");
        presence.disconnected("alice-phone");

        assertThat(b.taken()).as("alice shares two rooms with bob: each change once; his own not at all")
                .containsExactly("alice ONLINE seen", "alice AWAY seen", "alice OFFLINE seen");
        assertThat(c.taken()).as("carol shares no room with alice or bob").isEmpty();
    }

    /**
     * Someone connected only on a node that dies is shown offline, though no node reports it; someone also connected
     * here stays online, and nothing more is shown of them.
     */
    @Test
    void aNodeThatDiesTakesItsPeopleOfflineInTheStreamsOfThoseWhoShareARoomWithThem() {
        chat.membership.join(bob, lobby.id());
        AuthenticatedUser carol = chat.user("carol");
        chat.membership.join(carol, lobby.id());
        var presence = presenceToldToRooms();
        Recorder b = new Recorder();
        stream(bob, b);
        chat.presence.connectedOnAnotherNode(alice.userId());
        chat.presence.connectedOnAnotherNode(carol.userId());
        presence.connected(carol, "carol-laptop");
        b.taken();

        chat.presence.anotherNodeDies(chat.clock.instant());

        assertThat(b.taken()).as("bob's stream when the node holding alice's and one of carol's connections died")
                .containsExactly("alice OFFLINE seen");
    }

    /** Nodes read a connected person as seen "now": two readings of one status are one change, not two. */
    @Test
    void readingsOfAnUnchangedStatusThatDifferOnlyInWhenTheyWereReadAreShownOnce() {
        chat.membership.join(bob, lobby.id());
        Recorder b = new Recorder();
        stream(bob, b);
        b.taken();
        java.time.Instant t = chat.clock.instant();

        for (var reading : List.of(
                new RoomEvent.StatusChanged(lobby.id(), alice.username(), PresenceStatus.ONLINE, t, null),
                new RoomEvent.StatusChanged(lobby.id(), alice.username(), PresenceStatus.ONLINE, t.plusSeconds(2), null),
                new RoomEvent.StatusChanged(lobby.id(), alice.username(), PresenceStatus.OFFLINE, t.plusSeconds(3), null),
                new RoomEvent.StatusChanged(lobby.id(), alice.username(), PresenceStatus.OFFLINE, t.plusSeconds(3), null),
                new RoomEvent.StatusChanged(lobby.id(), alice.username(), PresenceStatus.OFFLINE, t.plusSeconds(9), null))) {
            chat.events.publish(reading);
        }

        assertThat(b.taken()).as("an offline person's last sighting is news; a connected one's reading time is not")
                .containsExactly("alice ONLINE seen", "alice OFFLINE seen", "alice OFFLINE seen");
    }

    /** Presence whose changes are told to the rooms at once. */
    private org.chatserver.application.service.user.PresenceService presenceToldToRooms() {
        return new org.chatserver.application.service.user.PresenceService(chat.presence, chat.users,
                chat.rooms, chat.clock, java.time.Duration.ofMinutes(5),
                new org.chatserver.application.service.user.PresenceAnnouncements(chat.rooms, chat.events,
                        TypingGate.OPEN, Runnable::run));
    }

    @Test
    void aClosedStreamShowsNothingMore() {
        chat.membership.join(bob, lobby.id());
        Recorder b = new Recorder();
        UserStream stream = stream(bob, b);
        b.taken();

        stream.close();
        chat.say(alice, lobby, "anyone?");
        chat.membership.addMember(alice, secret.id(), bob.username());

        assertThat(b.taken()).isEmpty();
    }
}
