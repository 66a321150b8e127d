package org.chatserver.application.port.out.auth;

import java.time.Duration;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

/**
 * Hashes and checks passwords, slowly on purpose. An implementation may refuse work it cannot take
 * now ({@link BusyException}); a caller interrupted while waiting gets no answer, and work it queued
 * is dropped, not done for nobody.
 */
public interface PasswordHasher {

    PasswordHash hash(PlainPassword password);

    boolean matches(PlainPassword candidate, PasswordHash hash);

    /** Too much hashing is waiting already; nothing was hashed. */
    final class BusyException extends RuntimeException {

        private final Duration retryAfter;

        public BusyException(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
