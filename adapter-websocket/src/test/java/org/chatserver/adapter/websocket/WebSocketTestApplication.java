package org.chatserver.adapter.websocket;

import java.time.Instant;
import org.chatserver.adapter.fanout.local.LocalFanoutConfiguration;
import org.chatserver.adapter.fanout.local.LocalRoomEvents;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.InterleavedTransactions;
import org.chatserver.application.fakes.FakeAccessTokens;
import org.chatserver.application.fakes.FakeTokenSuccessors;
import org.chatserver.application.fakes.FakePasswordHasher;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InMemoryReactionRepository;
import org.chatserver.application.fakes.InMemoryRoomAuditLog;
import org.chatserver.application.fakes.InMemoryRoomRepository;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.service.auth.AuthPolicy;
import org.chatserver.application.service.auth.AuthThrottles;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.application.service.auth.LogOutService;
import org.chatserver.application.service.auth.RefreshTokensService;
import org.chatserver.application.service.auth.SessionLifetimeService;
import org.chatserver.application.service.auth.SessionIssuer;
import org.chatserver.application.service.auth.SignUpService;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.service.message.DeleteMessageService;
import org.chatserver.application.service.message.EditMessageService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.WatchRoomService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.ReadReceiptPublisher;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.application.service.room.WatchUserService;
import org.chatserver.application.fakes.InMemoryUserEvents;
import org.chatserver.application.fakes.InMemoryMentionRepository;
import org.chatserver.application.fakes.InMemoryPresenceStore;
import org.chatserver.application.service.message.Mentioning;
import org.chatserver.application.service.notification.OfflineNotices;
import org.chatserver.application.port.out.notification.Notifications;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The adapter wired as bootstrap wires it: the real use-case services and the real in-process
 * fan-out, over the in-memory fakes of the stores (posts through a gate that can stall or fail
 * them), with a ticker tests can step.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({WebSocketConfiguration.class, LocalFanoutConfiguration.class})
class WebSocketTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-02T10:15:30.750Z"));
    }

    @Bean
    InMemoryUserRepository users() {
        return new InMemoryUserRepository();
    }

    @Bean
    InMemorySessionStore sessions(InMemoryUserRepository users) {
        return new InMemorySessionStore(users);
    }

    @Bean
    InMemoryMessageRepository messages(InMemoryUserRepository users) {
        return new InMemoryMessageRepository(users);
    }

    @Bean
    InMemoryRoomRepository rooms(InMemoryUserRepository users, InMemoryMessageRepository messages) {
        return new InMemoryRoomRepository(users, messages);
    }

    @Bean
    InMemoryReactionRepository reactions(InMemoryUserRepository users) {
        return new InMemoryReactionRepository(users);
    }

    @Bean
    FakeAccessTokens accessTokens() {
        return new FakeAccessTokens();
    }

    @Bean
    DirectTransactions transactions() {
        return new DirectTransactions();
    }

    @Bean
    RoomAccess roomAccess(InMemoryRoomRepository rooms, InMemoryMessageRepository messages) {
        return new RoomAccess(rooms, messages);
    }

    @Bean
    SteppingTicker ticker() {
        return new SteppingTicker();
    }

    @Bean
    SessionIssuer sessionIssuer(InMemorySessionStore sessions, FakeAccessTokens accessTokens) {
        return new SessionIssuer(sessions, accessTokens, AuthPolicy.defaults());
    }

    @Bean
    SignUpService signUpService(InMemoryUserRepository users, SessionIssuer issuer, DirectTransactions transactions,
                                MutableClock clock) {
        return new SignUpService(users, new FakePasswordHasher(), issuer, AuthThrottles.unlimitedSignUps(clock),
                transactions, clock);
    }

    @Bean
    AuthenticateService authenticateService(FakeAccessTokens accessTokens, InMemorySessionStore sessions,
                                            MutableClock clock) {
        return new AuthenticateService(accessTokens, sessions, clock);
    }

    @Bean
    SessionLifetimeService sessionLifetimeService(AuthenticateService authenticate, InMemorySessionStore sessions) {
        return new SessionLifetimeService(authenticate, sessions);
    }

    @Bean
    LogOutService logOutService(InMemorySessionStore sessions, DirectTransactions transactions, MutableClock clock,
                                SessionLifetimeService lifetimes) {
        return new LogOutService(sessions, transactions, clock, lifetimes);
    }

    @Bean
    RefreshTokensService refreshTokensService(InMemorySessionStore sessions, InMemoryUserRepository users,
                                              SessionIssuer issuer, DirectTransactions transactions,
                                              MutableClock clock, SessionLifetimeService lifetimes) {
        return new RefreshTokensService(sessions, users, issuer, new FakeTokenSuccessors(), AuthPolicy.defaults(),
                transactions, clock, lifetimes);
    }

    @Bean
    ManageRoomsService manageRoomsService(InMemoryRoomRepository rooms, RoomAccess access,
                                          DirectTransactions transactions, MutableClock clock) {
        return new ManageRoomsService(rooms, access, transactions, clock, userEvents());
    }

    @Bean
    RoomMembershipService roomMembershipService(InMemoryRoomRepository rooms, InMemoryUserRepository users,
                                                RoomAccess access, InMemoryRoomAuditLog audit, LocalRoomEvents events,
                                                DirectTransactions transactions, MutableClock clock) {
        return new RoomMembershipService(rooms, users, access, audit, events, transactions, clock, userEvents());
    }

    @Bean
    MarkReadService markReadService(InMemoryRoomRepository rooms, InMemoryMessageRepository messages,
                                    InMemoryUserRepository users, RoomAccess access, LocalRoomEvents events,
                                    DirectTransactions transactions, MutableClock clock,
                                    InMemoryMentionRepository mentionStore) {
        return new MarkReadService(rooms, messages, users, access,
                new ReadReceiptPublisher(events, (task, delay) -> { }, ReadReceiptPublisher.DEFAULT_WINDOW),
                transactions, clock, mentionStore, userEvents());
    }

    @Bean
    WatchRoomService watchRoomService(GatedMessageRepository messages, InMemoryReactionRepository reactions,
                                      RoomAccess access, LocalRoomEvents events, PostMessageService posting,
                                      DirectTransactions transactions, MutableClock clock,
                                      WebSocketProperties properties) {
        return new WatchRoomService(messages, reactions, access, events, posting, transactions, clock,
                properties.presenceLimit());
    }

    /** The streams' reads, between which a test can put other users' commits. */
    @Bean
    InterleavedTransactions streamReads() {
        return new InterleavedTransactions();
    }

    @Bean
    WatchUserService watchUserService(InMemoryRoomRepository rooms, WatchRoomService watchRoom,
                                      InterleavedTransactions streamReads) {
        return new WatchUserService(rooms, watchRoom, userEvents(), streamReads, Runnable::run);
    }

    /** Mentions as production keeps them (counts moved by posts, edits, deletions and reads); no notices. */
    @Bean
    InMemoryMentionRepository mentionStore(InMemoryRoomRepository rooms, InMemoryMessageRepository messages) {
        return new InMemoryMentionRepository(rooms, messages);
    }

    @Bean
    Mentioning mentioning(InMemoryUserRepository users, InMemoryMentionRepository mentionStore,
                          InMemoryRoomRepository rooms) {
        return new Mentioning(users, mentionStore, rooms,
                new OfflineNotices(new InMemoryPresenceStore(), Notifications.NONE));
    }

    @Bean
    InMemoryUserEvents userEvents() {
        return new InMemoryUserEvents();
    }

    @Bean
    EditMessageService editMessageService(InMemoryMessageRepository messages, InMemoryReactionRepository reactions,
                                          RoomAccess access, LocalRoomEvents events, DirectTransactions transactions,
                                          MutableClock clock, Mentioning mentioning) {
        return new EditMessageService(messages, reactions, access, events, transactions, clock, null, mentioning);
    }

    @Bean
    DeleteMessageService deleteMessageService(InMemoryMessageRepository messages, InMemoryReactionRepository reactions,
                                              InMemoryAttachmentRepository attachments, RoomAccess access,
                                              InMemoryRoomAuditLog audit, LocalRoomEvents events,
                                              DirectTransactions transactions, MutableClock clock,
                                              Mentioning mentioning) {
        return new DeleteMessageService(messages, reactions, attachments, new InMemoryAttachmentStorage(), access,
                audit, events, transactions, clock, mentioning);
    }

    /** Posts go through a gate that can stall or fail them, as a database outage would. */
    @Bean
    GatedMessageRepository gatedMessages(InMemoryMessageRepository messages) {
        return new GatedMessageRepository(messages);
    }

    @Bean
    InMemoryAttachmentRepository attachments(InMemoryUserRepository users) {
        return new InMemoryAttachmentRepository(users);
    }

    @Bean
    PostMessageService postMessageService(GatedMessageRepository messages, InMemoryReactionRepository reactions,
                                          InMemoryAttachmentRepository attachments,
                                          RoomAccess access, LocalRoomEvents events, DirectTransactions transactions,
                                          MutableClock clock, Mentioning mentioning) {
        return new PostMessageService(messages, reactions, attachments, access, events, transactions, clock,
                mentioning,
                PostMessageService.Batching.DEFAULT, userEvents());
    }

    @Bean
    InMemoryRoomAuditLog roomAuditLog(InMemoryUserRepository users) {
        return new InMemoryRoomAuditLog(users);
    }

    @Bean
    ModerateRoomService moderateRoomService(InMemoryRoomRepository rooms, InMemoryUserRepository users,
                                            InMemoryRoomAuditLog audit, RoomAccess access, LocalRoomEvents events,
                                            DirectTransactions transactions, MutableClock clock) {
        return new ModerateRoomService(rooms, users, audit, access, events, transactions, clock, userEvents());
    }

    @Bean
    ReactService reactService(InMemoryMessageRepository messages, InMemoryReactionRepository reactions,
                              RoomAccess access, LocalRoomEvents events, DirectTransactions transactions,
                              MutableClock clock) {
        return new ReactService(messages, reactions, access, events, transactions, clock);
    }
}
