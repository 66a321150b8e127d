package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;

/** Thread-safe in-memory {@link PresenceStore} of one node; behaves as the adapters do (see its contract test). */
public final class InMemoryPresenceStore implements PresenceStore {

    private final Map<UserId, UserPresence> known = new HashMap<>();

    @Override
    public synchronized void report(UserId user, PresenceStatus onThisNode, Instant at) {
        known.put(user, onThisNode == PresenceStatus.OFFLINE
                ? new UserPresence(PresenceStatus.OFFLINE, at.truncatedTo(ChronoUnit.MILLIS))
                : new UserPresence(onThisNode, null));
    }

    @Override
    public synchronized Map<UserId, UserPresence> presence(Collection<UserId> users) {
        Map<UserId, UserPresence> result = new HashMap<>();
        users.forEach(user -> result.put(user, known.getOrDefault(user, UserPresence.NEVER_SEEN)));
        return result;
    }
}
