package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Thread-safe in-memory {@link UserRepository}; behaves as the database adapters do (see its contract test). */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<Long, User> byId = new HashMap<>();
    private final Map<String, User> byCanonicalName = new HashMap<>();
    private final Map<String, UserId> byLookAlikeKey = new HashMap<>();
    private final Set<Long> keepingReadReceipts = new HashSet<>();
    private long lastId;

    @Override
    public synchronized Optional<User> create(Username username, PasswordHash passwordHash, Instant createdAt) {
        if (byCanonicalName.containsKey(username.canonical()) || byLookAlikeKey.containsKey(username.lookAlikeKey())) {
            return Optional.empty();
        }
        var user = new User(new UserId(++lastId), username, passwordHash, createdAt.truncatedTo(ChronoUnit.MILLIS));
        byId.put(user.id().value(), user);
        byCanonicalName.put(username.canonical(), user);
        byLookAlikeKey.put(username.lookAlikeKey(), user.id());
        return Optional.of(user);
    }

    @Override
    public synchronized Optional<User> findLookingLike(Username username) {
        return Optional.ofNullable(byLookAlikeKey.get(username.lookAlikeKey())).map(id -> byId.get(id.value()));
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return Optional.ofNullable(byCanonicalName.get(username.canonical()));
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public synchronized boolean changePasswordHash(UserId id, PasswordHash passwordHash) {
        User user = byId.get(id.value());
        if (user == null) {
            return false;
        }
        User changed = new User(user.id(), user.username(), passwordHash, user.createdAt());
        byId.put(id.value(), changed);
        byCanonicalName.put(user.username().canonical(), changed);
        return true;
    }

    @Override
    public synchronized Optional<PasswordHash> lockPasswordHash(UserId id) {
        return Optional.ofNullable(byId.get(id.value())).map(User::passwordHash);
    }

    @Override
    public synchronized boolean sharesReadReceipts(UserId id) {
        return !keepingReadReceipts.contains(id.value());
    }

    @Override
    public synchronized boolean shareReadReceipts(UserId id, boolean share) {
        if (!byId.containsKey(id.value())) {
            return false;
        }
        if (share) {
            keepingReadReceipts.remove(id.value());
        } else {
            keepingReadReceipts.add(id.value());
        }
        return true;
    }
}
