package org.chatserver.application.port.in.user;

import org.chatserver.application.port.in.AuthenticatedUser;

/**
 * What a node's connections tell about their users' presence. Each connection is named by an id
 * unique across nodes. Calls are cheap (a map update) except when the user's status on this node
 * changes, which is reported to the store.
 */
public interface TrackPresenceUseCase {

    /** A connection of the user opened: they are online. */
    void connected(AuthenticatedUser user, String connectionId);

    /** The connection sent a frame: its user is active (online again if they were away). */
    void heard(String connectionId);

    /** The client said its user is away ({@code away}) or back ({@code !away}). */
    void declared(String connectionId, boolean away);

    /** The connection closed: when it was the user's last anywhere, they are offline. */
    void disconnected(String connectionId);

    /** Turns connections silent for longer than the away period away; call every few seconds. */
    void sweep();
}
