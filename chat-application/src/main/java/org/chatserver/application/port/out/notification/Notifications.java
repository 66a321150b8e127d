package org.chatserver.application.port.out.notification;

/**
 * Attention wanted from someone who is not connected: tells the world outside the server (a
 * webhook behind which a push gateway for APNs or FCM sits). Delivery is the adapter's business and
 * happens later: {@link #send} never blocks the caller and never throws for a delivery problem. An
 * adapter may drop a notice when it is overloaded or its receiver keeps failing, and says so in its
 * log; a notice is a courtesy, the message itself is stored either way.
 *
 * <p>Callers go through {@link org.chatserver.application.service.notification.OfflineNotices},
 * which sends only to recipients who are offline.
 */
public interface Notifications {

    /** Nothing leaves the server: the default when no receiver is configured. */
    Notifications NONE = notice -> { };

    void send(Notice notice);
}
