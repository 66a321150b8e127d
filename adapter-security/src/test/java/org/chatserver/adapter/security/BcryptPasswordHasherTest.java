package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BcryptPasswordHasherTest {

    private static final PlainPassword PASSWORD = new PlainPassword("correct horse battery");
    /** 72 ASCII bytes: the prefix of the OpenWall "chars after 72 are ignored" test vector. */
    private static final String SEVENTY_TWO = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** crypt_blowfish / OpenBSD reference hash of a password whose first 72 bytes are SEVENTY_TWO. */
    private static final String OPENWALL_72 = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void a_hashed_password_matches_itself() {
        PasswordHash hash = hasher.hash(PASSWORD);

        assertThat(hasher.matches(new PlainPassword("correct horse battery"), hash)).isTrue();
    }

    @Test
    void a_wrong_password_does_not_match() {
        PasswordHash hash = hasher.hash(PASSWORD);

        assertThat(hasher.matches(new PlainPassword("correct horse battery!"), hash)).isFalse();
        assertThat(hasher.matches(new PlainPassword("Correct horse battery"), hash)).isFalse();
    }

    @Test
    void the_same_password_gets_a_new_salt_each_time() {
        assertThat(hasher.hash(PASSWORD).encoded()).isNotEqualTo(hasher.hash(PASSWORD).encoded());
    }

    @Test
    void hashes_are_2b_with_the_configured_cost() {
        assertThat(hasher.hash(PASSWORD).encoded()).startsWith("$2b$04$").hasSize(60);
        assertThat(new BcryptPasswordHasher(6).hash(PASSWORD).encoded()).startsWith("$2b$06$");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 0, -1, 32})
    void a_cost_outside_4_to_31_is_refused(int cost) {
        assertThatIllegalArgumentException().isThrownBy(() -> new BcryptPasswordHasher(cost))
                .withMessageContaining("between 4 and 31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not a hash", "$2b$04$", "$2b$04$tooShort",
            "$2b$xx$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2b$99$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2b$03$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2q$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBu",
            "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui!",
            "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
            "pbkdf2_sha256$600000$salt$hash"})
    void a_malformed_hash_matches_nothing_and_throws_nothing(String encoded) {
        assertThat(hasher.matches(new PlainPassword(SEVENTY_TWO), new PasswordHash(encoded))).isFalse();
    }

    @Test
    void null_inputs_do_not_match() {
        assertThat(hasher.matches(null, hasher.hash(PASSWORD))).isFalse();
        assertThat(hasher.matches(PASSWORD, null)).isFalse();
    }

    @Test
    void a_72_byte_password_round_trips_and_its_last_byte_counts() {
        PlainPassword seventyTwo = new PlainPassword(SEVENTY_TWO);
        PasswordHash hash = hasher.hash(seventyTwo);

        assertThat(hasher.matches(seventyTwo, hash)).isTrue();
        assertThat(hasher.matches(new PlainPassword(SEVENTY_TWO.substring(0, 71) + "x"), hash)).isFalse();
        assertThat(hasher.matches(new PlainPassword(SEVENTY_TWO.substring(0, 71)), hash)).isFalse();
    }

    @Test
    void a_72_byte_multibyte_password_round_trips() {
        PlainPassword euros = new PlainPassword("€".repeat(24));
        assertThat(euros.reveal().getBytes(StandardCharsets.UTF_8)).hasSize(72);

        assertThat(hasher.matches(euros, hasher.hash(euros))).isTrue();
        assertThat(hasher.matches(new PlainPassword("€".repeat(23) + "£"), hasher.hash(euros))).isFalse();
    }

    @Test
    void a_72_byte_password_matches_the_reference_implementations_hash() {
        // what the old server (OpenBSD-style bcrypt, $2b$) and other implementations stored
        PlainPassword seventyTwo = new PlainPassword(SEVENTY_TWO);

        assertThat(hasher.matches(seventyTwo, new PasswordHash(OPENWALL_72))).isTrue();
        assertThat(hasher.matches(seventyTwo, new PasswordHash(OPENWALL_72.replace("$2a$", "$2b$")))).isTrue();
        assertThat(hasher.matches(seventyTwo, new PasswordHash(OPENWALL_72.replace("$2a$", "$2y$")))).isTrue();
    }

    @Test
    void the_long_password_guard_refuses_rather_than_truncates() {
        byte[] seventyThree = new byte[73];

        assertThatIllegalArgumentException()
                .isThrownBy(() -> BcryptPasswordHasher.LONG_PASSWORDS.derive(seventyThree))
                .withMessageContaining("72");
    }
}
