package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
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
             ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatServerApplication.class,
                     FailingSessionStore.class)
                     .run("--server.port=0", "--chat.data-dir=" + dataDir, "--chat.security.bcrypt-cost=4",
                             "--spring.datasource.url=" + database.jdbcUrl(),
                             "--spring.datasource.username=" + nullToEmpty(database.username()),
                             "--spring.datasource.password=" + nullToEmpty(database.password()))) {
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

    private static SignUpCommand command(String name) {
        return new SignUpCommand(new Username(name), new PlainPassword("correct horse"), "127.0.0.1");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Wraps the real jOOQ session store; its refresh-token write fails on demand. */
    @Configuration(proxyBeanMethods = false)
    static class FailingSessionStore {

        final AtomicBoolean fail = new AtomicBoolean();

        @Bean
        @Primary
        SessionStore failingSessionStore(org.springframework.beans.factory.ObjectProvider<SessionStore> all) {
            SessionStore real = all.orderedStream().filter(s -> !(s instanceof Decorator)).findFirst().orElseThrow();
            return new Decorator(real, fail);
        }

        record Decorator(SessionStore real, AtomicBoolean fail) implements SessionStore {

            @Override
            public AuthSession open(UserId user, Instant now) {
                return real.open(user, now);
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
