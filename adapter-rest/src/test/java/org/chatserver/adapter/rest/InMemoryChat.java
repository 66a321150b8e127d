package org.chatserver.adapter.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.fakes.InMemoryMessageSearch;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InMemoryPresenceStore;
import org.chatserver.application.fakes.InMemoryReactionRepository;
import org.chatserver.application.fakes.InMemoryRoomAuditLog;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.fakes.InMemoryRoomRepository;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.PinMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.RoomChangesUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.MarkReadUseCase;
import org.chatserver.application.port.in.room.ReadReceiptsUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase;
import org.chatserver.application.port.in.search.SearchMessagesUseCase;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchCommand;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchResults;
import org.chatserver.application.port.in.room.RoomReference;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.service.message.DeleteMessageService;
import org.chatserver.application.service.message.EditMessageService;
import org.chatserver.application.port.in.user.PresenceUseCase;
import org.chatserver.application.port.in.user.UserSettingsUseCase;
import org.chatserver.application.service.message.MessageHistoryService;
import org.chatserver.application.service.message.PinMessageService;
import org.chatserver.application.service.message.RoomChangesService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.application.service.search.SearchMessagesService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.ReadReceiptPublisher;
import org.chatserver.application.service.room.ReadReceiptsService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.application.service.user.PresenceService;
import org.chatserver.application.service.user.UserSettingsService;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;

/**
 * The real room, message and reaction services over the application's in-memory ports, behind
 * the use-case interfaces the controllers see. {@link #reset()} starts a fresh world, so each test
 * gets its own ids and rooms while the Spring context is shared.
 */
final class InMemoryChat implements ManageRoomsUseCase, RoomMembershipUseCase, MarkReadUseCase,
        MessageHistoryUseCase, ReactUseCase, PostMessageUseCase, EditMessageUseCase, DeleteMessageUseCase,
        PinMessageUseCase, RoomChangesUseCase, ReadReceiptsUseCase, UserSettingsUseCase, PresenceUseCase {

    /** Sub-second on purpose: the wire must drop the fraction. */
    static final Instant START = Instant.parse("2025-10-04T18:42:41.250Z");

    private volatile World world = new World();

    void reset() {
        world = new World();
    }

    User register(String username) {
        return world.users.create(new Username(username), new PasswordHash("unused"), world.clock.instant())
                .orElseThrow();
    }

    Room createRoom(User creator, String name, boolean isPrivate) {
        return create(caller(creator), new CreateRoomCommand(new RoomName(name), isPrivate));
    }

    /** Posts as the user, one second after the previous event. */
    Message say(User sender, Room room, String text) {
        return post(sender, new PostMessageCommand(room.id(), new MessageText(text), null, null, null, null));
    }

    Message sendFile(User sender, Room room, String caption, String fileUrl, String fileName, long size, String mime) {
        String stored = fileUrl.substring(fileUrl.lastIndexOf('/') + 1);
        if (world.attachments.findByName(stored).isEmpty()) {
            // as the upload endpoint records it, so that the message may point at it
            world.attachments.add(new StoredAttachment(stored, fileName, size, mime, kindOf(mime), sender.id(),
                    world.clock.instant(), null));
        }
        return post(sender, new PostMessageCommand(room.id(), new MessageText(caption), null,
                FileUrls.parse(fileUrl, fileName), null, null));
    }

    private static AttachmentKind kindOf(String mime) {
        return mime.startsWith("image/") ? AttachmentKind.IMAGE : mime.startsWith("video/") ? AttachmentKind.VIDEO
                : mime.startsWith("audio/") ? AttachmentKind.AUDIO : AttachmentKind.DOCUMENT;
    }

    List<RoomEvent> published() {
        return world.events.published();
    }

    private Message post(User sender, PostMessageCommand command) {
        world.clock.advance(Duration.ofSeconds(1));
        return world.posting.post(caller(sender), command).message().message();
    }

    static AuthenticatedUser caller(User user) {
        return new AuthenticatedUser(user.id(), user.username(), new SessionId(1));
    }

    /** {@code DirectMessagesUseCase} over this world (a bean of its own: see {@link RestTestApplication}). */
    RoomSummary openDirect(AuthenticatedUser caller, Username peer) {
        return world.directMessages.open(caller, peer);
    }

    /** {@code MentionsUseCase} over this world (a bean of its own: see {@link RestTestApplication}). */
    List<MessageView> mentions(AuthenticatedUser caller, org.chatserver.application.port.in.message.Paging paging) {
        return world.mentions.mentions(caller, paging);
    }

    /** {@link SearchMessagesUseCase} over this world (a bean of its own: see {@link RestTestApplication}). */
    SearchResults search(AuthenticatedUser caller, SearchCommand command) {
        return world.search.search(caller, command);
    }

    @Override
    public Room create(AuthenticatedUser caller, CreateRoomCommand command) {
        // rooms are listed newest first: give each its own second
        world.clock.advance(Duration.ofSeconds(1));
        return world.rooms.create(caller, command);
    }

    @Override
    public List<RoomSummary> list(AuthenticatedUser caller, int limit) {
        return world.rooms.list(caller, limit);
    }

    @Override
    public Standing standing(AuthenticatedUser caller, RoomId room) {
        return world.rooms.standing(caller, room);
    }

    @Override
    public Room get(AuthenticatedUser caller, RoomId room) {
        return world.rooms.get(caller, room);
    }

    @Override
    public Room resolve(AuthenticatedUser caller, RoomReference reference) {
        return world.rooms.resolve(caller, reference);
    }

    @Override
    public void join(AuthenticatedUser caller, RoomId room) {
        world.membership.join(caller, room);
    }

    @Override
    public void leave(AuthenticatedUser caller, RoomId room) {
        world.membership.leave(caller, room);
    }

    @Override
    public Username addMember(AuthenticatedUser caller, RoomId room, Username member) {
        return world.membership.addMember(caller, room, member);
    }

    @Override
    public Username removeMember(AuthenticatedUser caller, RoomId room, Username member) {
        return world.membership.removeMember(caller, room, member);
    }

    @Override
    public MembersList members(AuthenticatedUser caller, RoomId room) {
        return world.membership.members(caller, room);
    }

    /** Moderation in the current world, for {@link InMemoryModeration}. */
    ModerateRoomService moderation() {
        return world.moderation;
    }

    MutableClock clock() {
        return world.clock;
    }

    @Override
    public long markRead(AuthenticatedUser caller, RoomId room, MessageId upTo) {
        // read receipts get a second of their own, so that read_at tells who read first
        world.clock.advance(Duration.ofSeconds(1));
        return world.markRead.markRead(caller, room, upTo);
    }

    @Override
    public List<SeenBy> seenBy(AuthenticatedUser caller, RoomId room, MessageId message) {
        return world.readReceipts.seenBy(caller, room, message);
    }

    @Override
    public Map<UserId, ReadPosition> readPositions(AuthenticatedUser caller, MembersList list) {
        return world.readReceipts.readPositions(caller, list);
    }

    @Override
    public Settings settings(AuthenticatedUser caller) {
        return world.settings.settings(caller);
    }

    @Override
    public Settings change(AuthenticatedUser caller, SettingsChange change) {
        return world.settings.change(caller, change);
    }

    @Override
    public UserView user(AuthenticatedUser caller, Username username) {
        return world.presence.user(caller, username);
    }

    @Override
    public Map<UserId, UserPresence> presence(AuthenticatedUser caller, Collection<UserId> users) {
        return world.presence.presence(caller, users);
    }

    @Override
    public Map<UserId, UserPresence> presenceOfMembers(AuthenticatedUser caller, MembersList list) {
        return world.presence.presenceOfMembers(caller, list);
    }

    /** A connection of the user opens, as the WebSocket adapter tells it. */
    void connect(User user, String connectionId) {
        world.presence.connected(caller(user), connectionId);
    }

    void disconnect(String connectionId) {
        world.presence.disconnected(connectionId);
    }

    void advance(Duration by) {
        world.clock.advance(by);
    }

    Instant now() {
        return world.clock.instant();
    }

    @Override
    public List<MessageView> page(AuthenticatedUser caller, RoomId room, Paging paging) {
        return world.history.page(caller, room, paging);
    }

    @Override
    public List<MessageView> replies(AuthenticatedUser caller, RoomId room, MessageId parent, Paging paging) {
        return world.history.replies(caller, room, parent, paging);
    }

    @Override
    public Posted post(AuthenticatedUser caller, PostMessageCommand command) {
        return world.posting.post(caller, command);
    }

    @Override
    public MessageView edit(AuthenticatedUser caller, EditMessageCommand command) {
        return world.edit.edit(caller, command);
    }

    @Override
    public List<MessageVersion> versions(AuthenticatedUser caller, RoomId room, MessageId message) {
        return world.edit.versions(caller, room, message);
    }

    @Override
    public MessageView delete(AuthenticatedUser caller, DeleteMessageCommand command) {
        return world.delete.delete(caller, command);
    }

    @Override
    public PinnedView pin(AuthenticatedUser caller, PinCommand command) {
        return world.pin.pin(caller, command);
    }

    @Override
    public void unpin(AuthenticatedUser caller, PinCommand command) {
        world.pin.unpin(caller, command);
    }

    @Override
    public List<PinnedView> pins(AuthenticatedUser caller, RoomId room) {
        return world.pin.pins(caller, room);
    }

    @Override
    public ChangePage changes(AuthenticatedUser caller, RoomId room, ChangeId since, int limit) {
        return world.changes.changes(caller, room, since, limit);
    }

    /** Makes the user a moderator of the room; they must not be a member yet. */
    void makeModerator(RoomId room, Username user) {
        var id = world.users.findByUsername(user).orElseThrow().id();
        world.roomStore.addMember(new org.chatserver.domain.Membership(room, id,
                org.chatserver.domain.Membership.Role.MODERATOR, world.clock.instant()));
    }

    @Override
    public List<ReactionSummary> add(AuthenticatedUser caller, AddReaction command) {
        return world.react.add(caller, command);
    }

    @Override
    public List<ReactionSummary> remove(AuthenticatedUser caller, RemoveReaction command) {
        return world.react.remove(caller, command);
    }

    @Override
    public MessageView reactions(AuthenticatedUser caller, MessageId message) {
        return world.react.reactions(caller, message);
    }

    private static final class World {
        final MutableClock clock = new MutableClock(START);
        final InMemoryUserRepository users = new InMemoryUserRepository();
        final InMemoryMessageRepository messages = new InMemoryMessageRepository(users);
        final InMemoryRoomRepository roomStore = new InMemoryRoomRepository(users, messages);
        final InMemoryReactionRepository reactions = new InMemoryReactionRepository(users);
        final InMemoryRoomEvents events = new InMemoryRoomEvents();
        final DirectTransactions tx = new DirectTransactions();
        final RoomAccess access = new RoomAccess(roomStore, messages);
        final ManageRoomsService rooms = new ManageRoomsService(roomStore, access, tx, clock);
        final InMemoryRoomAuditLog audit = new InMemoryRoomAuditLog(users);
        final RoomMembershipService membership = new RoomMembershipService(roomStore, users, access, audit, events, tx,
                clock);
        final ModerateRoomService moderation = new ModerateRoomService(roomStore, users, audit, access, events, tx,
                clock);
        // a window that never ends: the first move of each member is published, the rest wait
        final ReadReceiptPublisher receipts = new ReadReceiptPublisher(events, (task, delay) -> { },
                ReadReceiptPublisher.DEFAULT_WINDOW);
        final org.chatserver.application.fakes.InMemoryMentionRepository mentionStore =
                new org.chatserver.application.fakes.InMemoryMentionRepository(roomStore, messages);
        final MarkReadService markRead = new MarkReadService(roomStore, messages, users, access, receipts, tx, clock,
                mentionStore);
        final ReadReceiptsService readReceipts = new ReadReceiptsService(roomStore, messages, access);
        final UserSettingsService settings = new UserSettingsService(users, tx);
        final PresenceService presence = new PresenceService(new InMemoryPresenceStore(), users, roomStore,
                clock, PresenceService.DEFAULT_AWAY_AFTER);
        final MessageHistoryService history = new MessageHistoryService(messages, reactions, access);
        final SearchMessagesService search = new SearchMessagesService(new InMemoryMessageSearch(messages, roomStore),
                users, reactions);
        final ReactService react = new ReactService(messages, reactions, access, events, tx, clock);
        final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(users);
        final org.chatserver.application.service.message.Mentioning mentioning =
                new org.chatserver.application.service.message.Mentioning(users, mentionStore, roomStore,
                        new org.chatserver.application.service.notification.OfflineNotices(new InMemoryPresenceStore(),
                                org.chatserver.application.port.out.notification.Notifications.NONE));
        final org.chatserver.application.service.room.DirectMessagesService directMessages =
                new org.chatserver.application.service.room.DirectMessagesService(roomStore, users, tx, clock);
        final org.chatserver.application.service.message.MentionsService mentions =
                new org.chatserver.application.service.message.MentionsService(mentionStore, reactions);
        final PostMessageService posting = new PostMessageService(messages, reactions, attachments, access, events, tx,
                clock, mentioning);
        final EditMessageService edit = new EditMessageService(messages, reactions, access, events, tx, clock, null,
                mentioning);
        final DeleteMessageService delete = new DeleteMessageService(messages, reactions, attachments,
                new InMemoryAttachmentStorage(), access, audit, events, tx, clock, mentioning);
        final PinMessageService pin = new PinMessageService(messages, reactions, access, events, tx, clock);
        final RoomChangesService changes = new RoomChangesService(messages, reactions, access);
    }
}
