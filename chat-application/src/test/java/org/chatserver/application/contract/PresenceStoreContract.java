package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PresenceStore} must do on one node. Extend it once per implementation; a
 * cross-node adapter proves combining nodes and a node's death in tests of its own. Times are
 * kept to the millisecond.
 */
public abstract class PresenceStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456Z");
    private static final Instant T0_MILLIS = Instant.parse("2026-11-02T10:15:30.123Z");

    private PresenceStore store;
    private final UserId alice = new UserId(1);
    private final UserId bob = new UserId(2);
    private final UserId carol = new UserId(3);

    /** A store over fresh, empty state; called once before each test. */
    protected abstract PresenceStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void someoneNeverReportedIsOfflineAndNeverSeen() {
        assertThat(store.presence(List.of(alice))).containsEntry(alice, UserPresence.NEVER_SEEN).hasSize(1);
        assertThat(store.presence(List.of())).isEmpty();
    }

    @Test
    void theLastReportOfThisNodeCounts() {
        store.report(alice, PresenceStatus.ONLINE, T0);
        assertThat(store.presence(List.of(alice)).get(alice)).isEqualTo(new UserPresence(PresenceStatus.ONLINE, null));

        store.report(alice, PresenceStatus.AWAY, T0.plusSeconds(1));
        assertThat(store.presence(List.of(alice)).get(alice)).isEqualTo(new UserPresence(PresenceStatus.AWAY, null));

        store.report(alice, PresenceStatus.ONLINE, T0.plusSeconds(2));
        store.report(alice, PresenceStatus.OFFLINE, T0.plusSeconds(3));
        assertThat(store.presence(List.of(alice)).get(alice))
                .isEqualTo(new UserPresence(PresenceStatus.OFFLINE, T0_MILLIS.plusSeconds(3)));

        store.report(alice, PresenceStatus.ONLINE, T0.plusSeconds(4));
        assertThat(store.presence(List.of(alice)).get(alice).status()).as("back").isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void manyUsersAreAnsweredAtOnceEachWithTheirOwn() {
        store.report(alice, PresenceStatus.ONLINE, T0);
        store.report(bob, PresenceStatus.AWAY, T0);
        store.report(carol, PresenceStatus.ONLINE, T0);
        store.report(carol, PresenceStatus.OFFLINE, T0.plusSeconds(9));
        UserId dave = new UserId(4);

        assertThat(store.presence(List.of(alice, bob, carol, dave))).containsOnlyKeys(alice, bob, carol, dave)
                .containsEntry(alice, new UserPresence(PresenceStatus.ONLINE, null))
                .containsEntry(bob, new UserPresence(PresenceStatus.AWAY, null))
                .containsEntry(carol, new UserPresence(PresenceStatus.OFFLINE, T0_MILLIS.plusSeconds(9)))
                .containsEntry(dave, UserPresence.NEVER_SEEN);
    }
}
