package org.chatserver.adapter.throttle.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.chatserver.application.contract.ThrottleStoreContract;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.auth.ThrottleStore.Attempts;
import org.junit.jupiter.api.Test;

class LocalThrottleStoreTest extends ThrottleStoreContract {

    @Override
    protected ThrottleStore newStore(MutableClock clock) {
        return new LocalThrottleStore(clock, 1_000);
    }

    /**
     * The attack from the issue: a victim locked for 1024 s, then 143,000 junk failures from about
     * 7,150 addresses and as many names, into a table that holds 1,000 keys. The lock holds.
     */
    @Test
    void junkFromManyAddressesNeverUnlocksALockedVictim() {
        MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
        LocalThrottleStore store = new LocalThrottleStore(clock, 1_000);
        Instant locked = clock.instant();
        Attempts victim = new Attempts(15, locked, locked.plusSeconds(1024), locked.plus(Duration.ofHours(1)));
        store.compareAndSet("u:victim", null, victim);

        for (int i = 0; i < 143_000; i++) {
            clock.advance(Duration.ofMillis(5));
            Instant now = clock.instant();
            String key = i % 2 == 0 ? "a:10." + (i % 7_150 / 250) + "." + (i % 250) + ".1" : "u:junk" + i;
            Attempts current = store.find(key).orElse(null);
            int count = current == null ? 1 : current.count() + 1;
            // the address policy: a few free failures, then short waits
            Duration wait = count > 20 ? Duration.ofSeconds(1) : Duration.ZERO;
            store.compareAndSet(key, current, new Attempts(count, now, now.plus(wait), now.plus(Duration.ofHours(1))));
        }

        assertThat(clock.instant()).isBefore(locked.plusSeconds(1024));
        assertThat(store.find("u:victim")).contains(victim);
        assertThat(store.size()).isLessThanOrEqualTo(1_000);
    }
}
