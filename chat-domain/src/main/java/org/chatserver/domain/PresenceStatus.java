package org.chatserver.domain;

/** Whether someone is around: connected and active, connected but idle or said so, or not connected. */
public enum PresenceStatus {
    ONLINE,
    AWAY,
    OFFLINE;

    /** The more present of two, for a user connected to several nodes: online beats away beats offline. */
    public PresenceStatus or(PresenceStatus other) {
        return compareTo(other) <= 0 ? this : other;
    }
}
