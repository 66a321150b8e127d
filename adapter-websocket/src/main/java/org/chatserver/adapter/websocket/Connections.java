package org.chatserver.adapter.websocket;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.domain.UserId;

/** The open connections of this node, and how many each user holds (at most {@code maxPerUser}). */
final class Connections {

    private final int maxPerUser;
    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<UserId, Integer> perUser = new ConcurrentHashMap<>();

    Connections(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Registers the connection unless its user already holds the most allowed; whether it did. */
    boolean add(Connection connection) {
        boolean[] added = new boolean[1];
        perUser.compute(connection.caller().userId(), (user, held) -> {
            int count = held == null ? 0 : held;
            added[0] = count < maxPerUser;
            return added[0] ? count + 1 : held;
        });
        if (added[0]) {
            byId.put(connection.id(), connection);
        }
        return added[0];
    }

    /** Forgets a registered connection; false when it was not (or no longer) registered. */
    boolean remove(Connection connection) {
        if (byId.remove(connection.id()) == null) {
            return false;
        }
        perUser.computeIfPresent(connection.caller().userId(), (user, held) -> held <= 1 ? null : held - 1);
        return true;
    }

    Collection<Connection> all() {
        return byId.values();
    }

    int count() {
        return byId.size();
    }
}
