package org.chatserver.adapter.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * HS256 JWTs: {@code sub} = username (as the old server had it, the app reads it), {@code uid},
 * {@code sid}, {@code iat}, {@code exp}, {@code iss}.
 *
 * <p>Verification pins the algorithm to HS256 (a 64-byte key would otherwise also verify an HS512
 * token), refuses unsecured and compressed tokens, and uses no clock skew: the application chose the
 * lifetime, so a token is dead from the second its {@code exp} names. JWT times are whole seconds,
 * so the claims read back are the issued ones truncated to the second.
 *
 * <p>A client sends the same access token with every request until it expires, so a token that verified
 * once is remembered (by its SHA-256, up to {@link #REMEMBERED} tokens) and not parsed again: only its
 * expiry is checked against the caller's now. Its session is still checked on every request by the caller
 * (a logout stops it at once). Only tokens that verified are remembered, so what is kept is bounded by the
 * tokens this server issued and that are still alive.
 */
public final class JjwtAccessTokens implements AccessTokens {

    static final String ISSUER = "chat-server";
    static final String USER_ID_CLAIM = "uid";
    static final String SESSION_ID_CLAIM = "sid";
    static final int MIN_KEY_BYTES = 32;
    /** Far above any token we sign; bounds the work a hostile header value can cause. */
    static final int MAX_TOKEN_CHARS = 4096;

    /** How many verified tokens are remembered; beyond it the expired ones go, then all of them. */
    static final int REMEMBERED = 10_000;

    private final SecretKey key;
    private final int remembered;
    private final Map<Digest, AccessTokenClaims> verified = new ConcurrentHashMap<>();

    public JjwtAccessTokens(byte[] keyBytes) {
        this(keyBytes, REMEMBERED);
    }

    /** With another bound on the tokens remembered, for tests. */
    JjwtAccessTokens(byte[] keyBytes, int remembered) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        this.remembered = remembered;
        if (keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "an HS256 signing key needs at least " + MIN_KEY_BYTES + " bytes, got " + keyBytes.length);
        }
        // Named HmacSHA256 whatever its length, so jjwt never picks a stronger HMAC from a longer key
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    @Override
    public String issue(AccessTokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        return Jwts.builder()
                .header().type("JWT").and()
                .issuer(ISSUER)
                .subject(claims.username().value())
                .claim(USER_ID_CLAIM, claims.userId().value())
                .claim(SESSION_ID_CLAIM, claims.sessionId().value())
                .issuedAt(Date.from(claims.issuedAt()))
                .expiration(Date.from(claims.expiresAt()))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Digest digest = Digest.of(token);
        AccessTokenClaims known = verified.get(digest);
        if (known != null) {
            return now.isBefore(known.expiresAt()) ? Optional.of(known) : Optional.empty();
        }
        try {
            Claims claims = parserAt(now).parseSignedClaims(token).getPayload();
            Optional<AccessTokenClaims> valid = toAccessTokenClaims(claims, now);
            valid.ifPresent(c -> remember(digest, c, now));
            return valid;
        } catch (JwtException | IllegalArgumentException | InvalidValueException e) {
            // Every reason amounts to "not a token of ours that is valid now"; callers answer 401 alike
            return Optional.empty();
        }
    }

    private void remember(Digest digest, AccessTokenClaims claims, Instant now) {
        if (verified.size() >= remembered) {
            verified.values().removeIf(c -> !now.isBefore(c.expiresAt()));
            if (verified.size() >= remembered) {
                verified.clear();
            }
        }
        verified.put(digest, claims);
    }

    /**
     * A token's SHA-256: the key it is remembered by, so that looking a presented token up compares digests,
     * not the text of another user's token.
     */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(String token) {
            try {
                ByteBuffer sha = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
                return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    // The parser holds its clock, and the caller's now differs per call, so one parser per call
    private JwtParser parserAt(Instant now) {
        Date at = Date.from(now);
        return Jwts.parser()
                .verifyWith(key)
                .sig().clear().add(Jwts.SIG.HS256).and()
                .zip().clear().and()
                .requireIssuer(ISSUER)
                .clock(() -> at)
                .clockSkewSeconds(0)
                .build();
    }

    private static Optional<AccessTokenClaims> toAccessTokenClaims(Claims claims, Instant now) {
        Date issuedAt = claims.getIssuedAt();
        Date expiresAt = claims.getExpiration();
        Long userId = wholeNumber(claims.get(USER_ID_CLAIM));
        Long sessionId = wholeNumber(claims.get(SESSION_ID_CLAIM));
        if (issuedAt == null || expiresAt == null || userId == null || sessionId == null
                || claims.getSubject() == null) {
            return Optional.empty();
        }
        // jjwt still accepts a token at exactly its exp; RFC 7519 says now must be before it
        if (!now.isBefore(expiresAt.toInstant())) {
            return Optional.empty();
        }
        return Optional.of(new AccessTokenClaims(new UserId(userId), new Username(claims.getSubject()),
                new SessionId(sessionId), issuedAt.toInstant(), expiresAt.toInstant()));
    }

    /** JSON numbers come back as Integer or Long; a string, fraction or boolean is not an id. */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Long l) {
            return l;
        }
        return null;
    }
}
