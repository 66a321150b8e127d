package org.chatserver.adapter.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InMemoryMessageSearch;
import org.chatserver.application.fakes.InMemoryReactionRepository;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.fakes.InMemoryRoomRepository;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.search.SearchMessagesUseCase;
import org.chatserver.application.port.in.room.MarkReadUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase;
import org.chatserver.application.port.in.room.RoomReference;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.service.message.MessageHistoryService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.application.service.search.SearchMessagesService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.User;
import org.chatserver.domain.Username;

/**
 * The real room, message and reaction services over the application's in-memory ports, behind
 * the use-case interfaces the controllers see. {@link #reset()} starts a fresh world, so each test
 * gets its own ids and rooms while the Spring context is shared.
 */
final class InMemoryChat implements ManageRoomsUseCase, RoomMembershipUseCase, MarkReadUseCase,
        MessageHistoryUseCase, ReactUseCase, SearchMessagesUseCase {

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
    public void addMember(AuthenticatedUser caller, RoomId room, Username member) {
        world.membership.addMember(caller, room, member);
    }

    @Override
    public void removeMember(AuthenticatedUser caller, RoomId room, Username member) {
        world.membership.removeMember(caller, room, member);
    }

    @Override
    public List<RoomMember> members(AuthenticatedUser caller, RoomId room) {
        return world.membership.members(caller, room);
    }

    @Override
    public long markRead(AuthenticatedUser caller, RoomId room) {
        return world.markRead.markRead(caller, room);
    }

    @Override
    public List<MessageView> page(AuthenticatedUser caller, RoomId room, Paging paging) {
        return world.history.page(caller, room, paging);
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

    @Override
    public SearchResults search(AuthenticatedUser caller, SearchCommand command) {
        return world.search.search(caller, command);
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
        final RoomMembershipService membership = new RoomMembershipService(roomStore, users, access, events, tx, clock);
        final MarkReadService markRead = new MarkReadService(roomStore, messages, access, tx, clock);
        final MessageHistoryService history = new MessageHistoryService(messages, reactions, access);
        final ReactService react = new ReactService(messages, reactions, access, events, tx, clock);
        final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(users);
        final PostMessageService posting = new PostMessageService(messages, attachments, access, events, tx, clock);
        final SearchMessagesService search = new SearchMessagesService(new InMemoryMessageSearch(messages, roomStore),
                users, reactions);
    }
}
