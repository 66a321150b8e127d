package org.chatserver.application.service.notification;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.port.out.notification.Notifications;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;

/**
 * The way in for use cases that want someone's attention (mentions, direct messages): of the
 * notices given, those whose recipient is offline on every node go out through {@link Notifications};
 * someone online or away has a connection that shows them the message already. Call after the
 * message committed. Costs one presence look-up for all the recipients together.
 */
public final class OfflineNotices {

    private final PresenceStore presence;
    private final Notifications notifications;

    public OfflineNotices(PresenceStore presence, Notifications notifications) {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Sends each notice whose recipient is offline; the ones sent. */
    public List<Notice> sendToOffline(Collection<Notice> notices) {
        if (notices.isEmpty()) {
            return List.of();
        }
        Map<UserId, UserPresence> now = presence.presence(notices.stream().map(Notice::recipient).distinct().toList());
        List<Notice> offline = notices.stream()
                .filter(n -> now.getOrDefault(n.recipient(), UserPresence.NEVER_SEEN).status() == PresenceStatus.OFFLINE)
                .toList();
        offline.forEach(notifications::send);
        return offline;
    }
}
