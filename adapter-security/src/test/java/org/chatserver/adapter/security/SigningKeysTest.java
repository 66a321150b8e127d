package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AccessTokenClaims CLAIMS = new AccessTokenClaims(
            new UserId(1), new Username("alice"), new SessionId(1), NOW, NOW.plusSeconds(600));

    @TempDir
    Path dir;

    @Test
    void the_property_accepts_base64_and_base64url_padded_or_not() {
        byte[] key = new byte[40];
        new SecureRandom().nextBytes(key);
        key[0] = (byte) 0xfb; // the first character is then '+' in base64 and '-' in base64url

        assertThat(SigningKeys.resolve(Base64.getEncoder().encodeToString(key), null)).isEqualTo(key);
        assertThat(SigningKeys.resolve(Base64.getEncoder().withoutPadding().encodeToString(key), null)).isEqualTo(key);
        assertThat(SigningKeys.resolve(Base64.getUrlEncoder().encodeToString(key), null)).isEqualTo(key);
        assertThat(SigningKeys.resolve(Base64.getUrlEncoder().withoutPadding().encodeToString(key), null))
                .isEqualTo(key);
        assertThat(SigningKeys.resolve("  " + Base64.getEncoder().encodeToString(key) + "\n", null)).isEqualTo(key);
    }

    @Test
    void the_property_wins_over_the_file_and_the_file_is_not_created() {
        byte[] key = random(32);
        Path file = dir.resolve("key");

        assertThat(SigningKeys.resolve(Base64.getEncoder().encodeToString(key), file)).isEqualTo(key);
        assertThat(file).doesNotExist();
    }

    @Test
    void bad_base64_is_refused_naming_the_property_without_echoing_the_secret() {
        String secret = "this is my secret, not base64!";

        assertThatThrownBy(() -> SigningKeys.resolve(secret, null))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key")
                .hasMessageNotContaining(secret);
    }

    @Test
    void a_key_under_32_bytes_is_refused_naming_the_property() {
        assertThatThrownBy(() -> SigningKeys.resolve(Base64.getEncoder().encodeToString(random(31)), null))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key")
                .hasMessageContaining("31 bytes");
    }

    @Test
    void neither_property_is_refused_saying_the_key_is_required() {
        assertThatThrownBy(() -> SigningKeys.resolve(null, null))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key is required");
        assertThatThrownBy(() -> SigningKeys.resolve("   ", null))
                .hasMessageContaining("chat.security.signing-key is required");
    }

    @Test
    void a_missing_key_file_is_created_with_a_fresh_key_and_parent_directories() throws Exception {
        Path file = dir.resolve("data/keys/signing.key");

        byte[] key = SigningKeys.resolve(null, file);

        assertThat(key).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()))
                .isEqualTo(key);
        try (var siblings = Files.list(file.getParent())) {
            assertThat(siblings).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void two_fresh_key_files_hold_different_keys() {
        assertThat(SigningKeys.resolve(null, dir.resolve("a"))).isNotEqualTo(SigningKeys.resolve(null, dir.resolve("b")));
    }

    @Test
    void the_generated_key_file_is_readable_by_its_owner_only() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "file system without POSIX permissions");
        Path file = dir.resolve("signing.key");

        SigningKeys.resolve(null, file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void the_key_file_is_reused_so_tokens_outlive_a_restart() {
        Path file = dir.resolve("signing.key");
        JjwtAccessTokens first = new JjwtAccessTokens(SigningKeys.resolve(null, file));
        String token = first.issue(CLAIMS);

        JjwtAccessTokens afterRestart = new JjwtAccessTokens(SigningKeys.resolve(null, file));

        assertThat(afterRestart.verify(token, NOW)).contains(CLAIMS);
    }

    @Test
    void a_key_file_written_by_an_operator_is_used() throws Exception {
        byte[] key = random(48);
        Path file = dir.resolve("operator.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");

        assertThat(SigningKeys.resolve(null, file)).isEqualTo(key);
    }

    @Test
    void instances_starting_together_end_up_with_one_key() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300; round++) {
                Path file = dir.resolve("race-" + round + "/signing.key");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    keys.add(pool.submit(() -> {
                        start.await();
                        return SigningKeys.resolve(null, file);
                    }));
                }
                start.countDown();
                List<byte[]> resolved = new ArrayList<>();
                for (Future<byte[]> key : keys) {
                    resolved.add(key.get());
                }
                byte[] onDisk = Base64.getDecoder().decode(Files.readString(file).strip());
                assertThat(resolved).allSatisfy(key -> assertThat(key).isEqualTo(onDisk));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_key_file_with_garbage_is_refused_naming_the_file_property() throws Exception {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, "not a key at all");

        assertThatThrownBy(() -> SigningKeys.resolve(null, file))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key-file")
                .hasMessageContaining(file.toString());
    }

    @Test
    void a_key_file_with_a_short_key_is_refused() throws Exception {
        Path file = dir.resolve("signing.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(random(16)));

        assertThatThrownBy(() -> SigningKeys.resolve(null, file))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key-file");
    }

    @Test
    void an_empty_key_file_is_refused_not_overwritten() throws Exception {
        Path file = dir.resolve("signing.key");
        Files.createFile(file);

        assertThatThrownBy(() -> SigningKeys.resolve(null, file))
                .hasMessageContaining("chat.security.signing-key-file");
        assertThat(file).isEmptyFile();
    }

    @Test
    void a_directory_as_key_file_is_refused() {
        assertThatThrownBy(() -> SigningKeys.resolve(null, dir))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key-file")
                .hasMessageContaining("not a regular file");
    }

    @Test
    void a_key_file_under_a_regular_file_cannot_be_created_and_says_so() throws Exception {
        Path blocker = Files.createFile(dir.resolve("blocker"));

        assertThatThrownBy(() -> SigningKeys.resolve(null, blocker.resolve("signing.key")))
                .isInstanceOf(InvalidSigningKeyException.class)
                .hasMessageContaining("chat.security.signing-key-file")
                .hasMessageContaining("cannot be created");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
