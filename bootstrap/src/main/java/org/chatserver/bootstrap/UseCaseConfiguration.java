package org.chatserver.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.chatserver.adapter.websocket.WebSocketProperties;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.auth.TokenSuccessors;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.notification.Notifications;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.attachment.CleanStoredFilesService;
import org.chatserver.application.service.attachment.ForgetUnpostedUploadsService;
import org.chatserver.application.service.attachment.ServeAttachmentService;
import org.chatserver.application.service.attachment.UploadAttachmentService;
import org.chatserver.application.service.attachment.UploadPolicy;
import org.chatserver.application.service.auth.AuthPolicy.ThrottlePolicy;
import org.chatserver.application.service.auth.AuthPolicy;
import org.chatserver.application.service.auth.AuthThrottle;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.application.service.auth.ChangePasswordService;
import org.chatserver.application.service.auth.ListSessionsService;
import org.chatserver.application.service.auth.LogInService;
import org.chatserver.application.service.auth.LogOutService;
import org.chatserver.application.service.auth.RefreshTokensService;
import org.chatserver.application.service.auth.SessionLifetimeService;
import org.chatserver.application.service.auth.SessionIssuer;
import org.chatserver.application.service.auth.SignUpService;
import org.chatserver.application.service.message.DeleteMessageService;
import org.chatserver.application.service.message.EditMessageService;
import org.chatserver.application.service.message.MessageHistoryService;
import org.chatserver.application.service.message.PinMessageService;
import org.chatserver.application.service.message.RoomChangesService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.message.LimitedPosting;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.service.limit.UserLimits;
import org.chatserver.application.service.limit.UserRateLimit;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.application.service.moderation.ModerateRoomService;
import org.chatserver.application.service.notification.OfflineNotices;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.ReadReceiptPublisher;
import org.chatserver.application.service.room.ReadReceiptsService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.application.service.room.WatchRoomService;
import org.chatserver.application.service.room.WatchUserService;
import org.chatserver.application.service.user.PresenceAnnouncements;
import org.chatserver.application.service.search.SearchMessagesService;
import org.chatserver.application.service.message.Mentioning;
import org.chatserver.application.service.room.DirectMessagesService;
import org.chatserver.application.service.room.TypingGate;
import org.chatserver.application.service.message.MentionsService;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.service.user.GetProfileService;
import org.chatserver.application.service.user.PresenceService;
import org.chatserver.application.service.user.UserSettingsService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The core, built by hand: every use case with the ports it needs. */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Transactions transactions(PlatformTransactionManager transactionManager) {
        return new SpringTransactions(new TransactionTemplate(transactionManager));
    }

    @Bean
    AuthPolicy authPolicy(ChatProperties properties) {
        ChatProperties.Auth auth = properties.auth();
        return new AuthPolicy(auth.accessTokenTtl(), auth.refreshTokenTtl(), auth.refreshRetryWindow(),
                new ThrottlePolicy(auth.usernameFreeFailures(), Duration.ofSeconds(1),
                        auth.throttleMaxDelay(), auth.throttleForgetAfter()),
                new ThrottlePolicy(auth.addressFreeFailures(), Duration.ofSeconds(1),
                        auth.throttleMaxDelay(), auth.throttleForgetAfter()),
                new ThrottlePolicy(auth.signupFreeAttempts(), Duration.ofSeconds(1),
                        auth.throttleMaxDelay(), auth.throttleForgetAfter()));
    }

    @Bean
    SessionIssuer sessionIssuer(SessionStore sessions, AccessTokens accessTokens, AuthPolicy policy) {
        return new SessionIssuer(sessions, accessTokens, policy);
    }

    @Bean
    AuthThrottle authThrottle(ThrottleStore store, Clock clock, AuthPolicy policy) {
        return new AuthThrottle(store, clock, policy);
    }

    @Bean
    SignUpService signUpService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                                AuthThrottle throttle, Transactions transactions, Clock clock) {
        return new SignUpService(users, hasher, issuer, throttle, transactions, clock);
    }

    @Bean
    LogInService logInService(UserRepository users, PasswordHasher hasher, SessionIssuer issuer,
                              AuthThrottle throttle, Transactions transactions, Clock clock) {
        return new LogInService(users, hasher, issuer, throttle, transactions, clock);
    }

    @Bean
    RefreshTokensService refreshTokensService(SessionStore sessions, UserRepository users, SessionIssuer issuer,
                                              TokenSuccessors successors, AuthPolicy policy,
                                              Transactions transactions, Clock clock,
                                              SessionLifetimeService lifetimes) {
        return new RefreshTokensService(sessions, users, issuer, successors, policy, transactions, clock, lifetimes);
    }

    @Bean
    ChangePasswordService changePasswordService(UserRepository users, SessionStore sessions, PasswordHasher hasher,
                                                AuthThrottle throttle, Transactions transactions, Clock clock,
                                                SessionLifetimeService lifetimes) {
        return new ChangePasswordService(users, sessions, hasher, throttle, transactions, clock, lifetimes);
    }

    @Bean
    LogOutService logOutService(SessionStore sessions, Transactions transactions, Clock clock,
                                SessionLifetimeService lifetimes) {
        return new LogOutService(sessions, transactions, clock, lifetimes);
    }

    @Bean
    ListSessionsService listSessionsService(SessionStore sessions, Clock clock) {
        return new ListSessionsService(sessions, clock);
    }

    @Bean
    AuthenticateService authenticateService(AccessTokens accessTokens, SessionStore sessions, Clock clock) {
        return new AuthenticateService(accessTokens, sessions, clock);
    }

    @Bean
    SessionLifetimeService sessionLifetimeService(AuthenticateService authenticate, SessionStore sessions) {
        return new SessionLifetimeService(authenticate, sessions);
    }

    @Bean
    GetProfileService getProfileService(UserRepository users) {
        return new GetProfileService(users);
    }

    @Bean
    RoomAccess roomAccess(RoomRepository rooms, MessageRepository messages) {
        return new RoomAccess(rooms, messages);
    }

    /** {@code chat.limits.*}: kept where the login throttle keeps its counts, so shared by nodes sharing Redis. */
    @Bean
    UserLimits userLimits(ThrottleStore store, Clock clock, ChatProperties properties) {
        ChatProperties.Limits limits = properties.limits();
        // a rate of 0 turns its limit off: nothing counted, no round trip to the store
        return UserLimits.of(store, clock, limits.restPostsPerSecond() == 0 ? null
                        : UserRateLimit.Policy.perSecond(limits.restPostsPerSecond(), limits.restPostBurst()),
                limits.roomsPerHour() == 0 ? null
                        : UserRateLimit.Policy.perHour(limits.roomsPerHour(), limits.roomBurst()));
    }

    @Bean
    ManageRoomsService manageRoomsService(RoomRepository rooms, RoomAccess access, Transactions transactions,
                                          Clock clock, UserEvents userEvents, UserLimits limits) {
        return new ManageRoomsService(rooms, access, transactions, clock, userEvents, limits.rooms());
    }

    @Bean
    RoomMembershipService roomMembershipService(RoomRepository rooms, UserRepository users, RoomAccess access,
                                                RoomAuditLog audit, RoomEvents events, Transactions transactions,
                                                Clock clock, UserEvents userEvents) {
        return new RoomMembershipService(rooms, users, access, audit, events, transactions, clock, userEvents);
    }

    @Bean
    ModerateRoomService moderateRoomService(RoomRepository rooms, UserRepository users, RoomAuditLog audit,
                                            RoomAccess access, RoomEvents events, Transactions transactions,
                                            Clock clock, UserEvents userEvents) {
        return new ModerateRoomService(rooms, users, audit, access, events, transactions, clock, userEvents);
    }

    /**
     * One thread for the core's timed chores: ends of read-receipt windows (each only hands an event
     * to the fan-out) and the presence sweep (a pass over this node's connections).
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService chatTimer() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-timer").daemon(true).factory());
    }

    @Bean
    ReadReceiptPublisher readReceiptPublisher(RoomEvents events, ScheduledExecutorService chatTimer) {
        return new ReadReceiptPublisher(events,
                (task, delay) -> chatTimer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS),
                ReadReceiptPublisher.DEFAULT_WINDOW);
    }

    /** For mentions and direct messages: notices to recipients who are offline on every node. */
    @Bean
    OfflineNotices offlineNotices(PresenceStore presence, Notifications notifications) {
        return new OfflineNotices(presence, notifications);
    }

    /** Tells rooms of status changes (for {@code /ws/user}'s presence frames), one at a time, in order. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService presenceAnnouncer() {
        return Executors.newSingleThreadExecutor(Thread.ofVirtual().name("presence-announcer").factory());
    }

    @Bean
    PresenceService presenceService(PresenceStore store, UserRepository users, Clock clock,
                                    PresenceProperties properties, ScheduledExecutorService chatTimer,
                                    RoomRepository rooms, RoomEvents events, ExecutorService presenceAnnouncer) {
        PresenceService presence = new PresenceService(store, users, rooms, clock, properties.awayAfter(),
                new PresenceAnnouncements(rooms, events, new TypingGate(rooms, properties.maxRoomSize(), clock),
                        presenceAnnouncer,
                        (task, after) -> chatTimer.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS)));
        long every = properties.sweepInterval().toMillis();
        chatTimer.scheduleWithFixedDelay(() -> {
            try {
                presence.sweep();
            } catch (RuntimeException e) {
                // the next sweep tries again; a failing store logs for itself
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return presence;
    }

    @Bean
    MarkReadService markReadService(RoomRepository rooms, MessageRepository messages, UserRepository users,
                                    RoomAccess access, ReadReceiptPublisher receipts, Transactions transactions,
                                    Clock clock, MentionRepository mentions, UserEvents userEvents) {
        return new MarkReadService(rooms, messages, users, access, receipts, transactions, clock, mentions,
                userEvents);
    }

    /** What posting, editing and deleting do about {@code @names} (issue 11). */
    @Bean
    Mentioning mentioning(UserRepository users, MentionRepository mentions, RoomRepository rooms,
                          OfflineNotices notices) {
        return new Mentioning(users, mentions, rooms, notices);
    }

    /** {@code POST /api/dms} (issue 11). */
    @Bean
    DirectMessagesService directMessagesService(RoomRepository rooms, UserRepository users, Transactions transactions,
                                                Clock clock, UserEvents userEvents, UserLimits limits) {
        return new DirectMessagesService(rooms, users, transactions, clock, userEvents, limits.rooms());
    }

    @Bean
    MentionsService mentionsService(MentionRepository mentions, ReactionRepository reactions) {
        return new MentionsService(mentions, reactions);
    }

    @Bean
    ReadReceiptsService readReceiptsService(RoomRepository rooms, MessageRepository messages, RoomAccess access) {
        return new ReadReceiptsService(rooms, messages, access);
    }

    @Bean
    UserSettingsService userSettingsService(UserRepository users, Transactions transactions) {
        return new UserSettingsService(users, transactions);
    }

    @Bean
    MessageHistoryService messageHistoryService(MessageRepository messages, ReactionRepository reactions,
                                                RoomAccess access) {
        return new MessageHistoryService(messages, reactions, access);
    }

    @Bean
    SearchMessagesService searchMessagesService(MessageSearch search, UserRepository users,
            ReactionRepository reactions) {
        return new SearchMessagesService(search, users, reactions);
    }

    /**
     * Where posts' batches are stored (group commit) on a database reached over the network: platform threads,
     * as many as the pool has connections, so that a busy room's round trips to the database are scheduled by
     * the operating system instead of queueing for a virtual thread's carrier behind the fan-out's writers.
     * SQLite runs in the process, with no round trip to wait for: there a batch is stored on the thread of the
     * post that leads it, and this executor never starts a thread. Closed after the last batch ends, before
     * the database pool.
     */
    @Bean(destroyMethod = "close")
    ExecutorService postStorer(DataSource dataSource) {
        return Executors.newFixedThreadPool(connections(dataSource),
                Thread.ofPlatform().name("post-store-", 1).daemon(true).factory());
    }

    private static int connections(DataSource dataSource) {
        HikariDataSource pool = hikari(dataSource);
        // not a pool we know: Hikari's default size
        return pool == null ? 10 : Math.max(1, pool.getMaximumPoolSize());
    }

    private static boolean inProcess(DataSource dataSource) {
        HikariDataSource pool = hikari(dataSource);
        return pool != null && SqlitePoolSize.isSqlite(pool);
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    @Bean
    PostMessageService postMessageService(MessageRepository messages, ReactionRepository reactions,
                                          AttachmentRepository attachments,
                                          RoomAccess access, RoomEvents events, Transactions transactions,
                                          Clock clock, Mentioning mentioning, ChatProperties properties,
                                          UserEvents userEvents, DataSource dataSource, ExecutorService postStorer) {
        int maxBatch = properties.messages().maxBatch();
        int maxWaiting = properties.messages().maxWaiting();
        // SQLite has one writer: rooms share one queue, and a batch is published while the next is stored
        return new PostMessageService(messages, reactions, attachments, access, events, transactions, clock,
                mentioning,
                inProcess(dataSource) ? PostMessageService.Batching.acrossRooms(maxBatch, maxWaiting)
                        : new PostMessageService.Batching(maxBatch, maxWaiting, postStorer),
                userEvents);
    }

    /**
     * What REST posts through: the author's {@code chat.limits.rest-posts-per-second} first. Primary, so that the
     * controllers get it; the WebSocket's watches post through {@link PostMessageService} itself, limited per
     * connection as their frames arrive.
     */
    @Bean
    @Primary
    PostMessageUseCase restPosting(PostMessageService posting, UserLimits limits) {
        return new LimitedPosting(posting, limits.restPosts());
    }

    @Bean
    ReactService reactService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock) {
        return new ReactService(messages, reactions, access, events, transactions, clock);
    }

    /**
     * Its presence limit and reorder wait are WebSocket settings: they bound the notices the connections are
     * sent and how long a change that overtook another waits for it.
     */
    @Bean
    WatchRoomService watchRoomService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                                      RoomEvents events, PostMessageService posting, Transactions transactions,
                                      Clock clock, WebSocketProperties websocket, RoomRepository rooms,
                                      ChatProperties properties, UserEvents userEvents) {
        return new WatchRoomService(messages, reactions, access, events, posting, transactions, clock,
                websocket.presenceLimit(), new TypingGate(rooms, properties.typing().maxRoomSize(), clock),
                userEvents, websocket.reorderWait());
    }

    /**
     * {@code /ws/user} (issue 11): one stream of all of a user's rooms. Room list changes are read
     * from the store on virtual threads, one at a time per stream.
     */
    @Bean
    WatchUserService watchUserService(RoomRepository rooms, WatchRoomService watchRoom, UserEvents userEvents,
                                      Transactions transactions) {
        return new WatchUserService(rooms, watchRoom, userEvents, transactions,
                task -> Thread.ofVirtual().name("user-stream").start(task));
    }

    @Bean
    EditMessageService editMessageService(MessageRepository messages, ReactionRepository reactions,
                                          RoomAccess access, RoomEvents events, Transactions transactions,
                                          Clock clock, ChatProperties properties, Mentioning mentioning) {
        return new EditMessageService(messages, reactions, access, events, transactions, clock,
                properties.messages().editWindow(), mentioning);
    }

    @Bean
    DeleteMessageService deleteMessageService(MessageRepository messages, ReactionRepository reactions,
                                              AttachmentRepository attachments, AttachmentStorage storage,
                                              RoomAccess access, RoomAuditLog audit, RoomEvents events,
                                              Transactions transactions, Clock clock, Mentioning mentioning) {
        return new DeleteMessageService(messages, reactions, attachments, storage, access, audit, events,
                transactions, clock, mentioning);
    }

    @Bean
    PinMessageService pinMessageService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                                        RoomEvents events, Transactions transactions, Clock clock) {
        return new PinMessageService(messages, reactions, access, events, transactions, clock);
    }

    @Bean
    RoomChangesService roomChangesService(MessageRepository messages, ReactionRepository reactions,
                                          RoomAccess access) {
        return new RoomChangesService(messages, reactions, access);
    }

    @Bean
    UploadPolicy uploadPolicy(ChatProperties properties) {
        ChatProperties.Uploads uploads = properties.uploads();
        return new UploadPolicy(uploads.maxFileSize().toBytes(), uploads.allowedTypes(), uploads.previewWidth(),
                uploads.dailyQuota().toBytes());
    }

    @Bean
    UploadAttachmentService uploadAttachmentService(UploadPolicy policy, MediaInspector inspector,
                                                    AttachmentStorage storage, AttachmentRepository attachments,
                                                    Transactions transactions, Clock clock) {
        return new UploadAttachmentService(policy, inspector, storage, attachments, transactions, clock);
    }

    @Bean
    ServeAttachmentService serveAttachmentService(AttachmentRepository attachments, AttachmentStorage storage) {
        return new ServeAttachmentService(attachments, storage);
    }

    @Bean(destroyMethod = "close")
    UnpostedUploadsSweep unpostedUploadsSweep(ChatProperties properties, AttachmentRepository attachments,
                                              AttachmentStorage storage, Clock clock) {
        ChatProperties.Uploads uploads = properties.uploads();
        return new UnpostedUploadsSweep(uploads.unpostedRetention().isZero() ? null
                : new ForgetUnpostedUploadsService(attachments, storage, clock, uploads.unpostedRetention()),
                uploads.unpostedRetention(), uploads.unpostedSweepInterval());
    }

    @Bean
    CleanStoredFilesService cleanStoredFilesService(AttachmentRepository attachments, MessageRepository messages,
                                                    AttachmentStorage storage, MediaInspector inspector,
                                                    Transactions transactions) {
        return new CleanStoredFilesService(attachments, messages, storage, inspector, transactions);
    }
}
