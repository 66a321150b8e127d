package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.auth.ThrottleStore.Attempts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ThrottleStore} must do. Extend it once per implementation (in-memory fake, the
 * bounded local store, Redis). Keys are unique per test, so a shared server needs no cleaning.
 */
public abstract class ThrottleStoreContract {

    /** Near the real time, so that a store that lets entries expire by its own clock keeps them here. */
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    private ThrottleStore store;
    private String key;

    /** A fresh store reading time from {@code clock}. Called once before each test. */
    protected abstract ThrottleStore newStore(MutableClock clock);

    @BeforeEach
    void createStore() {
        store = newStore(clock);
        key = "contract-" + UUID.randomUUID();
    }

    private Attempts attempts(int count, Duration blockedFor) {
        Instant now = clock.instant();
        return new Attempts(count, now, now.plus(blockedFor), now.plus(Duration.ofHours(1)));
    }

    @Test
    void anUnknownKeyHoldsNothing() {
        assertThat(store.find(key)).isEmpty();
        assertThat(store.remove(key, attempts(1, Duration.ZERO))).isFalse();
    }

    @Test
    void theFirstWriteNeedsTheKeyEmptyAndIsReadBackToTheMillisecond() {
        Instant now = clock.instant().plusNanos(123_456_789);
        Attempts first = new Attempts(1, now, now.plusSeconds(1), now.plusSeconds(3600));

        assertThat(store.compareAndSet(key, null, first)).isTrue();
        assertThat(store.compareAndSet(key, null, attempts(7, Duration.ZERO))).isFalse();

        Attempts read = store.find(key).orElseThrow();
        assertThat(read).isEqualTo(first);
        assertThat(read.last()).isEqualTo(clock.instant().plusMillis(123));
    }

    @Test
    void aWriteFromAStaleStateChangesNothing() {
        Attempts one = attempts(1, Duration.ZERO);
        Attempts two = attempts(2, Duration.ZERO);
        store.compareAndSet(key, null, one);
        assertThat(store.compareAndSet(key, one, two)).isTrue();

        assertThat(store.compareAndSet(key, one, attempts(9, Duration.ZERO))).isFalse();
        assertThat(store.remove(key, one)).isFalse();

        assertThat(store.find(key)).contains(two);
        assertThat(store.remove(key, two)).isTrue();
        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void keysAreIndependent() {
        String other = key + "-other";
        store.compareAndSet(key, null, attempts(3, Duration.ofSeconds(4)));

        assertThat(store.find(other)).isEmpty();
        assertThat(store.compareAndSet(other, null, attempts(1, Duration.ZERO))).isTrue();
        assertThat(store.find(key).orElseThrow().count()).isEqualTo(3);
    }

    @Test
    void ofRacingWritesFromOneStateExactlyOneWins() throws Exception {
        Attempts start = attempts(1, Duration.ZERO);
        store.compareAndSet(key, null, start);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Attempts next = attempts(2 + i, Duration.ZERO);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.compareAndSet(key, start, next);
                }));
            }
            go.countDown();

            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.find(key).orElseThrow().count()).isBetween(2, 1 + threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlockingEntryIsKeptUntilItsWaitIsOver() {
        Attempts locked = attempts(15, Duration.ofSeconds(1024));
        store.compareAndSet(key, null, locked);

        clock.advance(Duration.ofSeconds(1000));

        assertThat(store.find(key)).contains(locked);
        assertThat(locked.isBlockingAt(clock.instant())).isTrue();
    }
}
