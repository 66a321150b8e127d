package org.chatserver.adapter.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.security.*}.
 *
 * @param signingKey     HS256 secret, base64 or base64url, at least 32 bytes once decoded; wins over
 *                       the file
 * @param signingKeyFile where to keep a generated key if {@code signingKey} is not set
 * @param bcryptCost     log2 of bcrypt's work factor; each step doubles the time a login takes
 * @param hashingThreads platform threads that hash passwords, 0 for half the cores: hashing never
 *                       takes the cores message delivery needs
 * @param hashingQueue   hashes that may wait for a thread; beyond that logins and sign-ups are
 *                       refused with 503 and {@code Retry-After} until the queue drains
 */
@Validated
@ConfigurationProperties("chat.security")
public record SecurityProperties(
        @Nullable String signingKey,
        @Nullable Path signingKeyFile,
        @DefaultValue("12")
        @Min(value = BcryptPasswordHasher.MIN_COST, message = "chat.security.bcrypt-cost must be between 4 and 31")
        @Max(value = BcryptPasswordHasher.MAX_COST, message = "chat.security.bcrypt-cost must be between 4 and 31")
        int bcryptCost,
        @DefaultValue("0")
        @Min(value = 0, message = "chat.security.hashing-threads must be 0 (half the cores) or more")
        int hashingThreads,
        @DefaultValue("16")
        @Min(value = 1, message = "chat.security.hashing-queue must be at least 1")
        int hashingQueue) {

    /** Threads that hash passwords: the setting, or half the cores when it is 0. */
    public int effectiveHashingThreads() {
        return hashingThreads == 0 ? BoundedPasswordHasher.defaultThreads() : hashingThreads;
    }


    /** Keeps the secret out of logs, failure reports and actuator output. */
    @Override
    public String toString() {
        return "SecurityProperties[signingKey=" + (signingKey == null ? "null" : "***")
                + ", signingKeyFile=" + signingKeyFile + ", bcryptCost=" + bcryptCost
                + ", hashingThreads=" + hashingThreads + ", hashingQueue=" + hashingQueue + "]";
    }
}
