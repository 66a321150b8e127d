package org.chatserver.application.port.out.user;

import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Times are kept to the millisecond: what comes back is the given instant truncated to milliseconds. */
public interface UserRepository {

    /**
     * Stores a new user; empty when the name is already taken, ignoring case, or a taken name looks like it (the same
     * {@link Username#lookAlikeKey()}).
     */
    Optional<User> create(Username username, PasswordHash passwordHash, Instant createdAt);

    /** Finds a user by name, ignoring case. */
    Optional<User> findByUsername(Username username);

    /**
     * The user whose name looks like this one ({@link Username#lookAlikeKey()}), that of this very name included; for
     * two users named alike before the names were compared so, the earlier.
     */
    Optional<User> findLookingLike(Username username);

    Optional<User> findById(UserId id);

    /** Replaces the user's password hash; false when there is no such user. */
    boolean changePasswordHash(UserId id, PasswordHash passwordHash);

    /**
     * The user's password hash now, held against a concurrent change until the calling transaction ends (on
     * PostgreSQL the user's row is locked; on SQLite writers take turns anyway): a login or password change that
     * checked a password against the hash it read before can tell, inside its transaction, that it still holds.
     * Empty for an unknown user.
     */
    Optional<PasswordHash> lockPasswordHash(UserId id);

    /** Whether the user shows others how far they have read (seen-by, read frames); true until they turn it off. */
    boolean sharesReadReceipts(UserId id);

    /** Turns sharing of the user's read receipts on or off; false when there is no such user. */
    boolean shareReadReceipts(UserId id, boolean share);
}
