package org.chatserver.application.service;

import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.FakeAccessTokens;
import org.chatserver.application.fakes.FakePasswordHasher;
import java.time.Duration;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InMemoryReactionRepository;
import org.chatserver.application.fakes.InMemoryRoomAuditLog;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.fakes.InMemoryRoomRepository;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.auth.AuthPolicy;
import org.chatserver.application.service.auth.AuthThrottles;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.application.service.auth.SessionIssuer;
import org.chatserver.application.service.auth.SignUpService;
import org.chatserver.application.service.message.DeleteMessageService;
import org.chatserver.application.service.message.EditMessageService;
import org.chatserver.application.service.message.MessageHistoryService;
import org.chatserver.application.service.message.PinMessageService;
import org.chatserver.application.service.message.RoomChangesService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.ReadReceiptPublisher;
import org.chatserver.application.service.room.ReadReceiptsService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.application.service.room.WatchRoomService;
import org.chatserver.application.service.user.UserSettingsService;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.Membership;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.Username;

/** The chat core over in-memory fakes, as bootstrap wires it over the databases. */
public final class ChatFixture {

    public final MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
    public final InMemoryUserRepository users = new InMemoryUserRepository();
    public final InMemorySessionStore sessions = new InMemorySessionStore(users);
    public final InMemoryMessageRepository messages = new InMemoryMessageRepository(users);
    public final InMemoryRoomRepository rooms = new InMemoryRoomRepository(users, messages);
    public final InMemoryReactionRepository reactions = new InMemoryReactionRepository(users);
    public final InMemoryRoomEvents published = new InMemoryRoomEvents();
    public final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(users);
    public final InMemoryAttachmentStorage storage = new InMemoryAttachmentStorage();
    public final DirectTransactions tx = new DirectTransactions();
    public final FakeAccessTokens tokens = new FakeAccessTokens();
    public final InMemoryRoomAuditLog audit = new InMemoryRoomAuditLog(users);
    public final RoomEvents events;
    public final org.chatserver.application.fakes.InMemoryMentionRepository mentionStore =
            new org.chatserver.application.fakes.InMemoryMentionRepository(rooms, messages);
    public final org.chatserver.application.fakes.InMemoryPresenceStore presence =
            new org.chatserver.application.fakes.InMemoryPresenceStore();
    /** The notices that went out of the server (to offline users). */
    public final java.util.List<org.chatserver.application.port.out.notification.Notice> notices =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    public final org.chatserver.application.service.message.MentionsService mentions;
    public final org.chatserver.application.service.room.DirectMessagesService directMessages;

    public final RoomAccess access = new RoomAccess(rooms, messages);
    public final SignUpService signUp;
    public final AuthenticateService authenticate;
    public final ManageRoomsService manageRooms;
    public final RoomMembershipService membership;
    public final MarkReadService markRead;
    /** Read frames wait here for their window to end: {@link #endReadWindows()} runs them. */
    public final java.util.List<Runnable> readWindows = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final ReadReceiptPublisher receipts;
    public final ReadReceiptsService readReceipts;
    public final UserSettingsService settings;
    public final MessageHistoryService history;
    public final PostMessageService post;
    public final ReactService react;
    public final ModerateRoomService moderation;
    public final WatchRoomService watch;
    public final EditMessageService edit;
    public final DeleteMessageService delete;
    public final PinMessageService pin;
    public final RoomChangesService changes;
    /** Users' own events (room list, read counts), delivered on the publisher's thread. */
    public final org.chatserver.application.fakes.InMemoryUserEvents userEvents =
            new org.chatserver.application.fakes.InMemoryUserEvents();
    /** Streams of all of a user's rooms; membership changes handled on the publisher's thread. */
    public final org.chatserver.application.service.room.WatchUserService watchUser;

    public ChatFixture() {
        this(null);
    }

    /** @param events a fan-out to use instead of the in-memory one, e.g. one that reorders */
    public ChatFixture(RoomEvents events) {
        this(events, null);
    }

    /**
     * @param events     a fan-out to use instead of the in-memory one, e.g. one that reorders
     * @param editWindow how long messages may be edited, null: any time
     */
    public ChatFixture(RoomEvents events, Duration editWindow) {
        this.events = events == null ? published : events;
        SessionIssuer issuer = new SessionIssuer(sessions, tokens, AuthPolicy.defaults());
        signUp = new SignUpService(users, new FakePasswordHasher(), issuer,
                AuthThrottles.unlimitedSignUps(clock), tx, clock);
        authenticate = new AuthenticateService(tokens, sessions, clock);
        manageRooms = new ManageRoomsService(rooms, access, tx, clock, userEvents);
        membership = new RoomMembershipService(rooms, users, access, audit, this.events, tx, clock, userEvents);
        moderation = new ModerateRoomService(rooms, users, audit, access, this.events, tx, clock, userEvents);
        receipts = new ReadReceiptPublisher(this.events, (task, delay) -> readWindows.add(task),
                ReadReceiptPublisher.DEFAULT_WINDOW);
        markRead = new MarkReadService(rooms, messages, users, access, receipts, tx, clock, mentionStore, userEvents);
        var mentioning = new org.chatserver.application.service.message.Mentioning(users, mentionStore, rooms,
                new org.chatserver.application.service.notification.OfflineNotices(presence, notices::add));
        mentions = new org.chatserver.application.service.message.MentionsService(mentionStore, reactions);
        directMessages = new org.chatserver.application.service.room.DirectMessagesService(rooms, users, tx, clock,
                userEvents);
        readReceipts = new ReadReceiptsService(rooms, messages, access);
        settings = new UserSettingsService(users, tx);
        history = new MessageHistoryService(messages, reactions, access);
        post = new PostMessageService(messages, reactions, attachments, access, this.events, tx, clock, mentioning,
                PostMessageService.Batching.DEFAULT, userEvents);
        react = new ReactService(messages, reactions, access, this.events, tx, clock);
        watch = new WatchRoomService(messages, reactions, access, this.events, post, tx, clock,
                WatchRoomService.DEFAULT_PRESENCE_LIMIT, org.chatserver.application.service.room.TypingGate.OPEN,
                userEvents);
        watchUser = new org.chatserver.application.service.room.WatchUserService(rooms, watch, userEvents, tx,
                Runnable::run);
        edit = new EditMessageService(messages, reactions, access, this.events, tx, clock, editWindow, mentioning);
        delete = new DeleteMessageService(messages, reactions, attachments, storage, access, audit, this.events, tx,
                clock, mentioning);
        pin = new PinMessageService(messages, reactions, access, this.events, tx, clock);
        changes = new RoomChangesService(messages, reactions, access);
    }

    /** Ends every open read-receipt window, as a second passing would. */
    public void endReadWindows() {
        java.util.List<Runnable> due = java.util.List.copyOf(readWindows);
        readWindows.clear();
        due.forEach(Runnable::run);
    }

    public AuthenticatedUser user(String name) {
        var pair = signUp.signUp(new SignUpCommand(new Username(name), new PlainPassword("correct horse"), "127.0.0.1"));
        return authenticate.authenticate(pair.accessToken());
    }

    public Room room(AuthenticatedUser owner, String name, boolean isPrivate) {
        return manageRooms.create(owner, new CreateRoomCommand(new RoomName(name), isPrivate));
    }

    public StoredAttachment uploaded(AuthenticatedUser who, String name, AttachmentKind kind, String mimeType) {
        StoredAttachment a = new StoredAttachment(name, "original-" + name, 1234, mimeType, kind, who.userId(),
                clock.instant(), null);
        attachments.add(a);
        return a;
    }

    /** Makes the user a moderator of the room; they must not be a member yet. */
    public void moderator(AuthenticatedUser who, Room room) {
        if (!rooms.addMember(new Membership(room.id(), who.userId(), Membership.Role.MODERATOR, clock.instant()))) {
            throw new IllegalStateException(who.username() + " is a member already");
        }
    }

    public Posted reply(AuthenticatedUser who, Room room, MessageId parent, String text) {
        return post.post(who, new PostMessageCommand(room.id(), new MessageText(text), null, null, null, parent, null));
    }

    public Posted say(AuthenticatedUser who, Room room, String text) {
        return post.post(who, new PostMessageCommand(room.id(), new MessageText(text), null, null, null, null));
    }
}
