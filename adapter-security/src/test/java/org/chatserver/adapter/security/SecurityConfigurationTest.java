package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.auth.TokenSuccessors;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecurityConfigurationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(randomBytes(32));
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SecurityConfiguration.class);

    @TempDir
    Path dir;

    @Test
    void with_a_key_both_ports_are_filled_and_work() {
        runner.withPropertyValues("chat.security.signing-key=" + KEY, "chat.security.bcrypt-cost=4")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AccessTokens tokens = context.getBean(AccessTokens.class);
                    AccessTokenClaims claims = new AccessTokenClaims(new UserId(5), new Username("carol"),
                            new SessionId(9), NOW, NOW.plusSeconds(900));
                    assertThat(tokens.verify(tokens.issue(claims), NOW)).contains(claims);

                    PasswordHasher hasher = context.getBean(PasswordHasher.class);
                    PlainPassword password = new PlainPassword("s3cret-enough");
                    assertThat(hasher.hash(password).encoded()).startsWith("$2b$04$");
                    assertThat(hasher.matches(password, hasher.hash(password))).isTrue();
                });
    }

    @Test
    void nodes_sharing_a_key_derive_the_same_refresh_token_successors_and_other_keys_do_not() {
        String[] successors = new String[3];
        String other = Base64.getEncoder().encodeToString(randomBytes(32));
        runner.withPropertyValues("chat.security.signing-key=" + KEY).run(context ->
                successors[0] = context.getBean(TokenSuccessors.class).successorOf("refresh-token"));
        runner.withPropertyValues("chat.security.signing-key=" + KEY).run(context ->
                successors[1] = context.getBean(TokenSuccessors.class).successorOf("refresh-token"));
        runner.withPropertyValues("chat.security.signing-key=" + other).run(context ->
                successors[2] = context.getBean(TokenSuccessors.class).successorOf("refresh-token"));

        assertThat(successors[1]).isEqualTo(successors[0]);
        assertThat(successors[2]).isNotEqualTo(successors[0]);
    }

    @Test
    void bcrypt_cost_defaults_to_12() {
        runner.withPropertyValues("chat.security.signing-key=" + KEY)
                .run(context -> assertThat(context.getBean(SecurityProperties.class).bcryptCost()).isEqualTo(12));
    }

    @Test
    void the_key_file_property_binds_a_path_and_is_used() {
        Path file = dir.resolve("keys/signing.key");
        runner.withPropertyValues("chat.security.signing-key-file=" + file, "chat.security.bcrypt-cost=4")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(file).isRegularFile();
                });
    }

    @Test
    void without_a_key_the_context_fails_naming_chat_security_signing_key() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(failureMessages(context)).contains("chat.security.signing-key is required");
        });
    }

    @Test
    void a_short_key_fails_the_context_naming_the_property() {
        runner.withPropertyValues("chat.security.signing-key=" + Base64.getEncoder().encodeToString(randomBytes(8)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureMessages(context)).contains("chat.security.signing-key decodes to 8 bytes");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 32})
    void a_bcrypt_cost_outside_4_to_31_fails_validation_naming_chat_security_bcrypt_cost(int cost) {
        runner.withPropertyValues("chat.security.signing-key=" + KEY, "chat.security.bcrypt-cost=" + cost)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureMessages(context)).contains("chat.security.bcrypt-cost");
                });
    }

    @Test
    void the_properties_never_print_the_secret() {
        runner.withPropertyValues("chat.security.signing-key=" + KEY)
                .run(context -> assertThat(context.getBean(SecurityProperties.class).toString())
                        .doesNotContain(KEY)
                        .contains("signingKey=***"));
    }

    private static String failureMessages(AssertableApplicationContext context) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
