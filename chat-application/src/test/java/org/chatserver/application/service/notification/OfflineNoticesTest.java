package org.chatserver.application.service.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.fakes.InMemoryPresenceStore;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

class OfflineNoticesTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private final InMemoryPresenceStore presence = new InMemoryPresenceStore();
    private final List<Notice> sent = new ArrayList<>();
    private final OfflineNotices notices = new OfflineNotices(presence, sent::add);

    @Test
    void onlyRecipientsWhoAreOfflineEverywhereAreNotified() {
        presence.report(new UserId(2), PresenceStatus.ONLINE, AT);
        presence.report(new UserId(3), PresenceStatus.AWAY, AT);
        presence.report(new UserId(4), PresenceStatus.ONLINE, AT);
        presence.report(new UserId(4), PresenceStatus.OFFLINE, AT);
        Notice never = notice(1, "never-seen");
        Notice online = notice(2, "online");
        Notice away = notice(3, "away");
        Notice gone = notice(4, "gone");

        assertThat(notices.sendToOffline(List.of(never, online, away, gone))).containsExactly(never, gone);
        assertThat(sent).containsExactly(never, gone);
        assertThat(notices.sendToOffline(List.of())).isEmpty();
    }

    @Test
    void aPreviewIsCutToAFewLinesWithoutSplittingACharacter() {
        String text = "😀".repeat(Notice.MAX_PREVIEW + 5);

        Notice notice = new Notice(Notice.Kind.DIRECT_MESSAGE, new UserId(1), new Username("bob"), new RoomId(1),
                new MessageId(1), new Username("alice"), text, AT);

        assertThat(notice.preview().codePointCount(0, notice.preview().length())).isEqualTo(Notice.MAX_PREVIEW);
        assertThat(notice.preview()).isEqualTo("😀".repeat(Notice.MAX_PREVIEW));
    }

    private static Notice notice(long recipient, String name) {
        return new Notice(Notice.Kind.MENTION, new UserId(recipient), new Username(name), new RoomId(7),
                new MessageId(42), new Username("alice"), "hi @" + name, AT);
    }
}
