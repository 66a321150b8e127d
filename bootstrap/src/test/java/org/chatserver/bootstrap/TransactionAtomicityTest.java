package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.LogInUseCase.LogInCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Sign-up writes a user, a session and a refresh token. When the last write fails, nothing of
 * it may stay: proven on each real database with the real wiring and a session store whose
 * third write fails.
 */
class TransactionAtomicityTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aFailingSecondWriteRollsBackTheFirst(String vendor) {
        try (TestDatabase database = vendor.equals("sqlite") ? TestDatabases.sqlite(dataDir, false)
                : TestDatabases.postgres(false);
             ConfigurableApplicationContext context = withFailingSessionStore(database)) {
            SignUpUseCase signUp = context.getBean(SignUpUseCase.class);
            UserRepository users = context.getBean(UserRepository.class);
            FailingSessionStore failing = context.getBean(FailingSessionStore.class);

            failing.fail.set(true);
            assertThatThrownBy(() -> signUp.signUp(command("mallory")))
                    .hasMessageContaining("refresh token write failed");
            assertThat(users.findByUsername(new Username("mallory"))).isEmpty();

            // and the same call succeeds once the store works, so the name was never taken
            failing.fail.set(false);
            signUp.signUp(command("mallory"));
            assertThat(users.findByUsername(new Username("mallory"))).isPresent();
        }
    }

    /**
     * A password change writes the new hash, then ends the user's other sessions. When ending them fails, the old
     * password must still be the one that logs in: a new password with the stolen device still logged in would be
     * worse than no change, and the user is told it failed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aPasswordChangeWhoseOtherSessionsCannotBeEndedKeepsTheOldPassword(String vendor) {
        try (TestDatabase database = vendor.equals("sqlite") ? TestDatabases.sqlite(dataDir, false)
                : TestDatabases.postgres(false);
             ConfigurableApplicationContext context = withFailingSessionStore(database)) {
            TokenPair asking = context.getBean(SignUpUseCase.class).signUp(command("mallory"));
            LogInUseCase logIn = context.getBean(LogInUseCase.class);
            TokenPair phone = logIn.logIn(new LogInCommand("mallory", "correct horse", "127.0.0.1"));
            AuthenticateUseCase authenticate = context.getBean(AuthenticateUseCase.class);
            ChangePasswordUseCase change = context.getBean(ChangePasswordUseCase.class);
            FailingSessionStore failing = context.getBean(FailingSessionStore.class);

            failing.failRevokingOthers.set(true);
            assertThatThrownBy(() -> change.changePassword(authenticate.authenticate(asking.accessToken()),
                    new ChangePasswordCommand("correct horse", new PlainPassword("battery staple"), "127.0.0.1")))
                    .hasMessageContaining("ending the other sessions failed");

            assertThat(logIn.logIn(new LogInCommand("mallory", "correct horse", "127.0.0.1")).accessToken())
                    .as("the old password").isNotBlank();
            assertThatThrownBy(() -> logIn.logIn(new LogInCommand("mallory", "battery staple", "127.0.0.1")))
                    .as("the new password").isInstanceOf(UnauthenticatedException.class);
            assertThat(authenticate.authenticate(phone.accessToken())).as("the other device").isNotNull();
        }
    }

    private ConfigurableApplicationContext withFailingSessionStore(TestDatabase database) {
        return new SpringApplicationBuilder(ChatServerApplication.class, FailingSessionStore.class)
                .run(ServerArgs.on(database, "--server.port=0", "--chat.data-dir=" + dataDir, "--chat.security.bcrypt-cost=4"));
    }

    /**
     * On SQLite a batch holds posts of several rooms (PostMessageService.Batching.acrossRooms). When its second
     * room's part fails after the first room's rows were written, the transaction leaves none of them, and each
     * post is then stored on its own: the first room's post exactly once, the faulty one not at all.
     */
    @Test
    void aBatchAcrossRoomsThatFailsInItsSecondRoomLeavesNothingOfTheFirstAndEachPostIsStoredOnce() throws Exception {
        try (TestDatabase database = TestDatabases.sqlite(dataDir, false);
             ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatServerApplication.class)
                     .run("--server.port=0", "--chat.data-dir=" + dataDir, "--chat.security.bcrypt-cost=4",
                             "--spring.datasource.url=" + database.jdbcUrl())) {
            MessageRepository real = context.getBean(MessageRepository.class);
            var gate = new CompletableFuture<Void>();
            var held = new CountDownLatch(1);
            List<String> appends = new CopyOnWriteArrayList<>();
            MessageRepository failing = (MessageRepository) Proxy.newProxyInstance(
                    MessageRepository.class.getClassLoader(), new Class<?>[] {MessageRepository.class},
                    (self, method, args) -> {
                        if (method.getName().equals("storePosts")) {
                            @SuppressWarnings("unchecked")
                            List<MessageRepository.NewMessage> batch = (List<MessageRepository.NewMessage>) args[1];
                            batch.forEach(m -> appends.add(m.draft().text().value()));
                            if (batch.stream().anyMatch(m -> m.draft().text().value().equals("first"))) {
                                held.countDown();
                                // bounded: a test that fails before it opens the gate must not leave a poster for good
                                gate.get(30, TimeUnit.SECONDS);
                            }
                            if (batch.stream().anyMatch(m -> m.draft().text().value().equals("poison"))) {
                                throw new IllegalStateException("the store refuses poison (on purpose)");
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            PostMessageService posting = new PostMessageService(failing,
                    context.getBean(org.chatserver.application.port.out.message.ReactionRepository.class),
                    context.getBean(AttachmentRepository.class),
                    context.getBean(RoomAccess.class), context.getBean(RoomEvents.class),
                    context.getBean(Transactions.class), context.getBean(Clock.class), null,
                    PostMessageService.Batching.acrossRooms(64, 1_000));
            AuthenticatedUser alice = user(context, "alice");
            ManageRoomsUseCase rooms = context.getBean(ManageRoomsUseCase.class);
            Room lobby = rooms.create(alice, new ManageRoomsUseCase.CreateRoomCommand(new RoomName("lobby"), false));
            Room other = rooms.create(alice, new ManageRoomsUseCase.CreateRoomCommand(new RoomName("other"), false));

            ExecutorService posters = Executors.newFixedThreadPool(3);
            try {
                Future<?> first = posters.submit(() -> posting.post(alice, post(lobby, "first")));
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                // behind the first batch: one batch of the other room's post, then the lobby's faulty one
                Future<PostMessageUseCase.Posted> elsewhere =
                        posters.submit(() -> posting.post(alice, post(other, "elsewhere")));
                awaitWaiting(posting, 1);
                Future<PostMessageUseCase.Posted> poison =
                        posters.submit(() -> posting.post(alice, post(lobby, "poison")));
                awaitWaiting(posting, 2);
                gate.complete(null);

                first.get(10, TimeUnit.SECONDS);
                assertThat(elsewhere.get(10, TimeUnit.SECONDS).created()).isTrue();
                assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).cause()
                        .hasMessage("the store refuses poison (on purpose)");
            } finally {
                posters.shutdownNow();
            }
            assertThat(appends).as("messages offered to the store: the other room's in the failed batch, then alone")
                    .containsExactly("first", "elsewhere", "poison", "elsewhere", "poison");
            assertThat(real.pageAfter(other.id(), null, 10)).as("the other room's messages, stored once")
                    .extracting(m -> m.content().text().value()).containsExactly("elsewhere");
            assertThat(real.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                    .containsExactly("first");
        }
    }

    private static AuthenticatedUser user(ConfigurableApplicationContext context, String name) {
        var tokens = context.getBean(SignUpUseCase.class).signUp(command(name));
        return context.getBean(AuthenticateUseCase.class).authenticate(tokens.accessToken());
    }

    private static PostMessageUseCase.PostMessageCommand post(Room room, String text) {
        return new PostMessageUseCase.PostMessageCommand(room.id(), new MessageText(text), null, null, null, null);
    }

    /** Waits until this many posts wait behind the batch being stored (across rooms: all of them). */
    private static void awaitWaiting(PostMessageService posting, int posts) throws Exception {
        Method waiting = PostMessageService.class.getDeclaredMethod("waiting", RoomId.class);
        waiting.setAccessible(true);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((int) waiting.invoke(posting, new RoomId(1)) < posts) {
            if (System.nanoTime() > until) {
                throw new AssertionError("fewer than " + posts + " posts waiting");
            }
            Thread.sleep(1);
        }
    }

    private static SignUpCommand command(String name) {
        return new SignUpCommand(new Username(name), new PlainPassword("correct horse"), "127.0.0.1");
    }


    /** Wraps the real jOOQ session store; its refresh-token write fails on demand. */
    @Configuration(proxyBeanMethods = false)
    static class FailingSessionStore {

        final AtomicBoolean fail = new AtomicBoolean();
        final AtomicBoolean failRevokingOthers = new AtomicBoolean();

        @Bean
        @Primary
        SessionStore failingSessionStore(org.springframework.beans.factory.ObjectProvider<SessionStore> all) {
            SessionStore real = all.orderedStream().filter(s -> !(s instanceof Decorator)).findFirst().orElseThrow();
            return new Decorator(real, fail, failRevokingOthers);
        }

        record Decorator(SessionStore real, AtomicBoolean fail, AtomicBoolean failRevokingOthers) implements SessionStore {

            @Override
            public AuthSession open(UserId user, DeviceLabel device, Instant now) {
                return real.open(user, device, now);
            }

            @Override
            public void recordUse(SessionId id, Instant now) {
                real.recordUse(id, now);
            }

            @Override
            public List<AuthSession> liveOf(UserId user, Instant now) {
                return real.liveOf(user, now);
            }

            @Override
            public Optional<AuthSession> find(SessionId id) {
                return real.find(id);
            }

            @Override
            public Set<SessionId> activeAmong(Collection<SessionId> ids) {
                return real.activeAmong(ids);
            }

            @Override
            public void revoke(SessionId id, Instant now) {
                real.revoke(id, now);
            }

            @Override
            public Set<SessionId> revokeOthersOf(UserId user, SessionId keep, Instant now) {
                if (failRevokingOthers.get()) {
                    throw new IllegalStateException("ending the other sessions failed (on purpose)");
                }
                return real.revokeOthersOf(user, keep, now);
            }

            @Override
            public void addRefreshToken(SessionId session, String tokenHash, Instant expiresAt) {
                if (fail.get()) {
                    throw new IllegalStateException("refresh token write failed (on purpose)");
                }
                real.addRefreshToken(session, tokenHash, expiresAt);
            }

            @Override
            public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
                return real.findRefreshToken(tokenHash);
            }

            @Override
            public boolean markRefreshTokenUsed(String tokenHash, Instant now) {
                return real.markRefreshTokenUsed(tokenHash, now);
            }
        }
    }
}
