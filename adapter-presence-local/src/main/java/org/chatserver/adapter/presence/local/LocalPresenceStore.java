package org.chatserver.adapter.presence.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;

/**
 * Presence for a single node: this node's reports are the whole truth. Kept in memory, so
 * {@code last_seen} starts over when the process restarts (everyone is offline then anyway). One
 * entry per user who ever connected since the start, some 100 bytes each.
 */
final class LocalPresenceStore implements PresenceStore {

    private final Map<UserId, UserPresence> known = new ConcurrentHashMap<>();

    @Override
    public void report(UserId user, PresenceStatus onThisNode, Instant at) {
        known.put(user, onThisNode == PresenceStatus.OFFLINE
                ? new UserPresence(PresenceStatus.OFFLINE, at.truncatedTo(ChronoUnit.MILLIS))
                : new UserPresence(onThisNode, null));
    }

    @Override
    public Map<UserId, UserPresence> presence(Collection<UserId> users) {
        Map<UserId, UserPresence> result = new HashMap<>();
        users.forEach(user -> result.put(user, known.getOrDefault(user, UserPresence.NEVER_SEEN)));
        return result;
    }
}
