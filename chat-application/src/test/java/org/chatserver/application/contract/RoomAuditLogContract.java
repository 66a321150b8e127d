package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.application.contract.ChatStores.T0_MILLIS;

import java.util.List;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.ModerationAction.Kind;
import org.chatserver.domain.Room;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RoomAuditLog} must do: on the fake, SQLite and PostgreSQL. */
public abstract class RoomAuditLogContract {

    /** The chat stores (for users, rooms and messages) and the log over the same store. */
    public record Stores(ChatStores chat, RoomAuditLog audit) {
    }

    private ChatStores chat;
    private RoomAuditLog audit;
    private UserId alice;
    private UserId bob;
    private Room room;

    protected abstract Stores newStores();

    @BeforeEach
    void createStores() {
        Stores stores = newStores();
        chat = stores.chat();
        audit = stores.audit();
        alice = chat.user("alice");
        bob = chat.user("bob");
        room = chat.privateRoom("room", alice, T0);
    }

    @Test
    void everyKindRoundTripsWithItsDetailAndTheNamesOfBoth() {
        Membership owner = new Membership(room.id(), alice, Membership.Role.OWNER, T0);
        Message bobs = chat.post(room.id(), bob, "spam");
        List<ModerationAction> actions = List.of(
                ModerationAction.roleChanged(owner, new Membership(room.id(), bob, Membership.Role.MODERATOR, T0), T0),
                new ModerationAction(room.id(), alice, Kind.MUTED, bob, null, T0.plusSeconds(600), null, T0),
                ModerationAction.of(Kind.UNMUTED, owner, bob, T0),
                new ModerationAction(room.id(), alice, Kind.BANNED, bob, null, null, null, T0),
                ModerationAction.of(Kind.UNBANNED, owner, bob, T0),
                ModerationAction.of(Kind.MEMBER_REMOVED, owner, bob, T0),
                ModerationAction.messageDeleted(owner, bobs, T0).orElseThrow());

        actions.forEach(audit::record);
        List<AuditEntry> page = audit.page(room.id(), null, 10);

        assertThat(page).extracting(e -> e.action().kind()).containsExactly(Kind.MESSAGE_DELETED,
                Kind.MEMBER_REMOVED, Kind.UNBANNED, Kind.BANNED, Kind.UNMUTED, Kind.MUTED, Kind.ROLE_CHANGED);
        assertThat(page).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(new Username("alice"));
            assertThat(e.target()).isEqualTo(new Username("bob"));
            assertThat(e.action().roomId()).isEqualTo(room.id());
            assertThat(e.action().at()).isEqualTo(T0_MILLIS);
        });
        assertThat(page.getLast().action().role()).isEqualTo(Membership.Role.MODERATOR);
        assertThat(page.get(5).action().mutedUntil()).isEqualTo(T0_MILLIS.plusSeconds(600));
        assertThat(page.getFirst().action().message()).isEqualTo(bobs.id());
        assertThat(page.get(1).action().role()).isNull();
        assertThat(page.get(1).action().mutedUntil()).isNull();
        assertThat(page.get(1).action().message()).isNull();
    }

    @Test
    void pagesGoBackFromNewestToOldestPerRoom() {
        Room other = chat.publicRoom("other", T0);
        Membership owner = new Membership(room.id(), alice, Membership.Role.OWNER, T0);
        for (int i = 0; i < 5; i++) {
            audit.record(ModerationAction.of(Kind.UNBANNED, owner, bob, T0.plusSeconds(i)));
        }
        audit.record(ModerationAction.of(Kind.UNBANNED, new Membership(other.id(), alice, Membership.Role.MODERATOR,
                T0), bob, T0));

        List<AuditEntry> newest = audit.page(room.id(), null, 2);
        List<AuditEntry> older = audit.page(room.id(), newest.getLast().id(), 10);

        assertThat(newest).extracting(e -> e.action().at())
                .containsExactly(T0_MILLIS.plusSeconds(4), T0_MILLIS.plusSeconds(3));
        assertThat(older).extracting(e -> e.action().at())
                .containsExactly(T0_MILLIS.plusSeconds(2), T0_MILLIS.plusSeconds(1), T0_MILLIS);
        assertThat(newest.getFirst().id()).isGreaterThan(newest.getLast().id());
        assertThat(audit.page(other.id(), null, 10)).hasSize(1);
        assertThat(audit.page(room.id(), older.getLast().id(), 10)).isEmpty();
        assertThat(audit.page(room.id(), null, 0)).isEmpty();
    }
}
