package org.chatserver.adapter.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

/**
 * bcrypt in the {@code $2b$} format, as the old server's hashes are; {@code $2a$} and {@code $2y$}
 * hashes verify too.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int MIN_COST = BCrypt.MIN_COST;
    public static final int MAX_COST = BCrypt.MAX_COST;

    /**
     * Refuses, never truncates: a second guard behind {@link PlainPassword}'s 72-byte limit. Its
     * limit moves with the library version (0.10.2: 72 bytes, all significant as in OpenBSD bcrypt
     * and the old server; some versions stop at 71 to keep room for the NUL); the 72-byte tests pin
     * it down.
     */
    static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.strict(BCrypt.Version.VERSION_2B);

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2B, LONG_PASSWORDS);
    // No version: take it from each stored hash, so $2a$ and $2y$ hashes keep working
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LONG_PASSWORDS);

    public BcryptPasswordHasher(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be between " + MIN_COST + " and " + MAX_COST + ", was " + cost);
        }
        this.cost = cost;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        Objects.requireNonNull(password, "password");
        return new PasswordHash(hasher.hashToString(cost, password.reveal().toCharArray()));
    }

    @Override
    public boolean matches(PlainPassword candidate, PasswordHash hash) {
        if (candidate == null || hash == null) {
            return false;
        }
        try {
            BCrypt.Result result = verifyer.verify(
                    candidate.reveal().getBytes(StandardCharsets.UTF_8),
                    hash.encoded().getBytes(StandardCharsets.UTF_8));
            return result.validFormat && result.verified;
        } catch (IllegalArgumentException e) {
            // a stored hash the library cannot use (empty, cost out of range): no password matches it
            return false;
        }
    }
}
