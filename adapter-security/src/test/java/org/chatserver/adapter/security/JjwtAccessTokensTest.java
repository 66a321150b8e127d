package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JjwtAccessTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofMinutes(30));
    private static final AccessTokenClaims CLAIMS = new AccessTokenClaims(
            new UserId(42), new Username("alice"), new SessionId(7), ISSUED, EXPIRES);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] keyBytes = randomBytes(32);
    private final JjwtAccessTokens tokens = new JjwtAccessTokens(keyBytes);

    @Test
    void a_token_it_issued_verifies_with_the_same_claims() {
        String token = tokens.issue(CLAIMS);

        assertThat(tokens.verify(token, ISSUED.plusSeconds(60))).contains(CLAIMS);
    }

    @Test
    void the_payload_carries_the_username_in_sub_and_ids_as_numbers() throws Exception {
        Map<String, Object> header = json(part(tokens.issue(CLAIMS), 0));
        Map<String, Object> payload = json(part(tokens.issue(CLAIMS), 1));

        assertThat(header).containsEntry("alg", "HS256").containsEntry("typ", "JWT");
        assertThat(payload)
                .containsEntry("sub", "alice")
                .containsEntry("uid", 42)
                .containsEntry("sid", 7)
                .containsEntry("iss", JjwtAccessTokens.ISSUER)
                .containsEntry("iat", (int) ISSUED.getEpochSecond())
                .containsEntry("exp", (int) EXPIRES.getEpochSecond());
    }

    @Test
    void times_come_back_in_whole_seconds_because_jwt_has_no_finer_ones() {
        AccessTokenClaims withMillis = new AccessTokenClaims(new UserId(42), new Username("alice"),
                new SessionId(7), ISSUED.plusMillis(999), EXPIRES.plusMillis(999));

        assertThat(tokens.verify(tokens.issue(withMillis), ISSUED.plusSeconds(1)))
                .hasValueSatisfying(c -> {
                    assertThat(c.issuedAt()).isEqualTo(ISSUED);
                    assertThat(c.expiresAt()).isEqualTo(EXPIRES);
                });
    }

    @Test
    void ids_beyond_the_int_range_survive() {
        AccessTokenClaims big = new AccessTokenClaims(new UserId(Long.MAX_VALUE), new Username("bob.b-b_b"),
                new SessionId(3_000_000_000L), ISSUED, EXPIRES);

        assertThat(tokens.verify(tokens.issue(big), ISSUED)).contains(big);
    }

    @Test
    void a_token_signed_with_another_key_is_refused() {
        String foreign = new JjwtAccessTokens(randomBytes(32)).issue(CLAIMS);

        assertThat(tokens.verify(foreign, ISSUED)).isEmpty();
    }

    @Test
    void a_second_instance_with_the_same_key_accepts_the_token() {
        String token = tokens.issue(CLAIMS);

        assertThat(new JjwtAccessTokens(keyBytes.clone()).verify(token, ISSUED)).contains(CLAIMS);
    }

    @Test
    void hand_forged_hs256_tokens_with_our_key_verify_so_the_rejections_below_mean_something() {
        assertThat(tokens.verify(forgeHs256(keyBytes, claims -> { }), ISSUED)).contains(CLAIMS);
    }

    @Test
    void hs512_is_refused_even_when_signed_with_our_own_key_bytes() {
        // a 64-byte key is long enough for HS512, so only the algorithm pin stands in the way
        byte[] longKey = randomBytes(64);
        JjwtAccessTokens withLongKey = new JjwtAccessTokens(longKey);
        String hs512 = Jwts.builder().claims(validClaims())
                .signWith(new SecretKeySpec(longKey, "HmacSHA512"), Jwts.SIG.HS512).compact();

        assertThat(withLongKey.verify(forgeHs256(longKey, claims -> { }), ISSUED)).isPresent();
        assertThat(withLongKey.verify(hs512, ISSUED)).isEmpty();
    }

    @Test
    void hs384_with_our_key_bytes_is_refused() {
        byte[] longKey = randomBytes(48);
        String hs384 = Jwts.builder().claims(validClaims())
                .signWith(new SecretKeySpec(longKey, "HmacSHA384"), Jwts.SIG.HS384).compact();

        assertThat(new JjwtAccessTokens(longKey).verify(hs384, ISSUED)).isEmpty();
    }

    @Test
    void rs256_is_refused() {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        String rs256 = Jwts.builder().claims(validClaims()).signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();

        assertThat(tokens.verify(rs256, ISSUED)).isEmpty();
    }

    @Test
    void an_unsecured_alg_none_token_written_by_hand_is_refused() {
        String header = b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = part(tokens.issue(CLAIMS), 1);

        assertThat(tokens.verify(header + "." + payload + ".", ISSUED)).isEmpty();
        assertThat(tokens.verify(header + "." + payload, ISSUED)).isEmpty();
    }

    @Test
    void an_unsecured_token_from_jjwt_is_refused() {
        String unsecured = Jwts.builder().claims(validClaims()).compact();

        assertThat(tokens.verify(unsecured, ISSUED)).isEmpty();
    }

    @Test
    void a_valid_signature_under_an_alg_none_header_is_refused() {
        String token = tokens.issue(CLAIMS);
        String noneHeader = b64url("{\"alg\":\"none\"}");

        assertThat(tokens.verify(noneHeader + "." + part(token, 1) + "." + part(token, 2), ISSUED)).isEmpty();
    }

    @Test
    void a_tampered_payload_is_refused() {
        String token = tokens.issue(CLAIMS);
        String otherUser = b64url(new String(Base64.getUrlDecoder().decode(part(token, 1)), StandardCharsets.UTF_8)
                .replace("\"uid\":42", "\"uid\":1"));

        assertThat(otherUser).isNotEqualTo(part(token, 1));
        assertThat(tokens.verify(part(token, 0) + "." + otherUser + "." + part(token, 2), ISSUED)).isEmpty();
    }

    @Test
    void a_tampered_signature_is_refused() {
        String token = tokens.issue(CLAIMS);
        char last = token.charAt(token.length() - 5);
        String flipped = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 4);

        assertThat(tokens.verify(flipped, ISSUED)).isEmpty();
    }

    @Test
    void a_token_is_valid_until_just_before_exp_and_dead_from_exp_on() {
        String token = tokens.issue(CLAIMS);

        assertThat(tokens.verify(token, EXPIRES.minusMillis(1))).isPresent();
        assertThat(tokens.verify(token, EXPIRES)).isEmpty();
        assertThat(tokens.verify(token, EXPIRES.plusMillis(1))).isEmpty();
        assertThat(tokens.verify(token, EXPIRES.plus(Duration.ofDays(365)))).isEmpty();
    }

    @Test
    void a_token_verified_before_is_not_parsed_again_but_still_dies_at_exp() {
        String token = tokens.issue(CLAIMS);
        assertThat(tokens.verify(token, ISSUED)).contains(CLAIMS);

        // the second look comes from what the first remembered: same claims, and exp still decides
        assertThat(tokens.verify(token, EXPIRES.minusSeconds(1))).contains(CLAIMS);
        assertThat(tokens.verify(token, EXPIRES)).isEmpty();
        // a token one character off is not the remembered one
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(tokens.verify(tampered, ISSUED)).isEmpty();
    }

    @Test
    void beyond_the_tokens_it_remembers_every_token_still_verifies_and_expired_ones_are_refused() {
        JjwtAccessTokens few = new JjwtAccessTokens(keyBytes, 2);
        java.util.List<AccessTokenClaims> claims = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new AccessTokenClaims(new UserId(i + 1), new Username("user" + i), new SessionId(i + 1),
                        ISSUED, EXPIRES.plusSeconds(i)))
                .toList();
        java.util.List<String> issued = claims.stream().map(few::issue).toList();

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < issued.size(); i++) {
                assertThat(few.verify(issued.get(i), ISSUED)).contains(claims.get(i));
            }
        }
        for (String token : issued) {
            assertThat(few.verify(token, EXPIRES.plusSeconds(10))).isEmpty();
        }
    }

    @Test
    void expiry_follows_the_passed_now_not_the_system_clock() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        AccessTokenClaims ancient = new AccessTokenClaims(new UserId(42), new Username("alice"),
                new SessionId(7), longAgo, longAgo.plusSeconds(60));
        Instant farFuture = Instant.parse("2200-01-01T00:00:00Z");
        AccessTokenClaims distant = new AccessTokenClaims(new UserId(42), new Username("alice"),
                new SessionId(7), farFuture, farFuture.plusSeconds(60));

        assertThat(tokens.verify(tokens.issue(ancient), longAgo.plusSeconds(30))).contains(ancient);
        assertThat(tokens.verify(tokens.issue(distant), farFuture.plusSeconds(61))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "abc", "a.b.c", "..", "...", "not a jwt", "Bearer x.y.z",
            "eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9.", "eyJhbGciOiJIUzI1NiJ9.e30.",
            "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "bm90IGpzb24.e30.AAAA", "W10.e30.AAAA", "e30.e30.AAAA",
            "eyJhbGciOiJIUzI1NiJ9.!!!.AAAA", "eyJhbGciOiJIUzI1NiIsInppcCI6IkRFRiJ9.e30.AAAA",
            "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl19.e30.AAAA"})
    void malformed_text_is_refused_without_an_exception(String token) {
        assertThat(tokens.verify(token, ISSUED)).isEmpty();
    }

    @Test
    void random_garbage_in_three_parts_is_refused() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String garbage = B64URL.encodeToString(randomBytes(random.nextInt(1, 60))) + "."
                    + B64URL.encodeToString(randomBytes(random.nextInt(1, 200))) + "."
                    + B64URL.encodeToString(randomBytes(32));
            assertThat(tokens.verify(garbage, ISSUED)).as(garbage).isEmpty();
        }
    }

    @Test
    void an_oversized_token_is_refused() {
        String huge = forgeHs256(keyBytes, claims -> claims.put("pad", "x".repeat(5000)));

        assertThat(tokens.verify(huge, ISSUED)).isEmpty();
    }

    static Stream<Arguments> bad_claims() {
        return Stream.of(
                Arguments.of("no sid", (Consumer<Map<String, Object>>) c -> c.remove("sid")),
                Arguments.of("no uid", (Consumer<Map<String, Object>>) c -> c.remove("uid")),
                Arguments.of("no sub", (Consumer<Map<String, Object>>) c -> c.remove("sub")),
                Arguments.of("no exp", (Consumer<Map<String, Object>>) c -> c.remove("exp")),
                Arguments.of("no iat", (Consumer<Map<String, Object>>) c -> c.remove("iat")),
                Arguments.of("no iss", (Consumer<Map<String, Object>>) c -> c.remove("iss")),
                Arguments.of("other iss", (Consumer<Map<String, Object>>) c -> c.put("iss", "someone-else")),
                Arguments.of("uid as string", (Consumer<Map<String, Object>>) c -> c.put("uid", "42")),
                Arguments.of("sid as string", (Consumer<Map<String, Object>>) c -> c.put("sid", "7")),
                Arguments.of("uid fraction", (Consumer<Map<String, Object>>) c -> c.put("uid", 4.2)),
                Arguments.of("uid zero", (Consumer<Map<String, Object>>) c -> c.put("uid", 0)),
                Arguments.of("sid negative", (Consumer<Map<String, Object>>) c -> c.put("sid", -7)),
                Arguments.of("uid null", (Consumer<Map<String, Object>>) c -> c.put("uid", null)),
                Arguments.of("uid boolean", (Consumer<Map<String, Object>>) c -> c.put("uid", true)),
                Arguments.of("sub not a username", (Consumer<Map<String, Object>>) c -> c.put("sub", "a b")),
                Arguments.of("sub number", (Consumer<Map<String, Object>>) c -> c.put("sub", 42)),
                Arguments.of("exp as text", (Consumer<Map<String, Object>>) c -> c.put("exp", "soon")),
                Arguments.of("nbf in the future", (Consumer<Map<String, Object>>) c ->
                        c.put("nbf", EXPIRES.getEpochSecond())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_claims")
    void a_correctly_signed_token_with_missing_or_invalid_claims_is_refused(String why,
                                                                           Consumer<Map<String, Object>> change) {
        String token = forgeHs256(keyBytes, change);

        assertThat(tokens.verify(token, ISSUED.plusSeconds(1))).isEmpty();
    }

    @Test
    void a_key_shorter_than_256_bits_is_refused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new JjwtAccessTokens(randomBytes(31)))
                .withMessageContaining("32 bytes");
    }

    private static Map<String, Object> validClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", JjwtAccessTokens.ISSUER);
        claims.put("sub", "alice");
        claims.put("uid", 42);
        claims.put("sid", 7);
        claims.put("iat", ISSUED.getEpochSecond());
        claims.put("exp", EXPIRES.getEpochSecond());
        return claims;
    }

    /** Signs an arbitrary payload as our own, so a refusal can only come from the claims. */
    private static String forgeHs256(byte[] key, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = validClaims();
        change.accept(claims);
        String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64url(toJson(claims));
        String signingInput = header + "." + payload;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Map<String, Object> claims) {
        try {
            return new ObjectMapper().writeValueAsString(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String base64url) throws Exception {
        return new ObjectMapper().readValue(Base64.getUrlDecoder().decode(base64url), Map.class);
    }

    private static String part(String token, int index) {
        return token.split("\\.", -1)[index];
    }

    private static String b64url(String text) {
        return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
