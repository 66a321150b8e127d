package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.chatserver.adapter.media.DecodingPool.Deadline;
import org.chatserver.adapter.media.DecodingPool.OverTimeLimit;
import org.chatserver.adapter.media.DecodingPool.Pending;
import org.chatserver.application.port.out.attachment.MediaInspector.InspectorBusyException;
import org.junit.jupiter.api.Test;

/** Latches, not clocks: each test holds work where it needs it and lets it go when it has looked. */
class DecodingPoolTest {

    private static final Duration LONG = Duration.ofMinutes(2);

    @Test
    void runsWorkOnItsOwnPlatformThreadsNeverOnTheCallersCarrier() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Thread> worker = new AtomicReference<>();
        try (DecodingPool pool = new DecodingPool(1, 1, LONG, Duration.ofSeconds(1))) {
            Thread request = Thread.ofVirtual().start(() -> {
                caller.set(Thread.currentThread());
                assertThat(pool.<String>decode(deadline -> {
                    worker.set(Thread.currentThread());
                    return "decoded";
                })).isEqualTo("decoded");
            });
            request.join();
        }

        assertThat(worker.get()).isNotNull().isNotSameAs(caller.get());
        assertThat(worker.get().isVirtual()).isFalse();
        assertThat(worker.get().getName()).startsWith("image-decoding-");
    }

    @Test
    void refusesWorkBeyondItsThreadsAndItsLineAtOnceSayingWhenToComeBack() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DecodingPool pool = new DecodingPool(1, 2, LONG, Duration.ofSeconds(3))) {
            Pending<String> first = pool.submit(deadline -> {
                running.countDown();
                release.await();
                return "first";
            });
            running.await();
            Pending<String> second = pool.submit(deadline -> "second");
            Pending<String> third = pool.submit(deadline -> "third");

            assertThatThrownBy(() -> pool.submit(deadline -> "fourth"))
                    .isInstanceOfSatisfying(InspectorBusyException.class,
                            busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3)));

            release.countDown();
            assertThat(first.await()).isEqualTo("first");
            assertThat(second.await()).isEqualTo("second");
            assertThat(third.await()).isEqualTo("third");
            assertThat(pool.<String>decode(deadline -> "after")).isEqualTo("after");
        }
    }

    @Test
    void withNoLineOnlyAsMuchWorkAsThreadsIsTaken() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (DecodingPool pool = new DecodingPool(2, 0, LONG, Duration.ofSeconds(1))) {
            DecodingPool.Decoding<String> held = deadline -> {
                running.countDown();
                release.await();
                return "done";
            };
            Pending<String> one = pool.submit(held);
            Pending<String> two = pool.submit(held);
            running.await();

            assertThatThrownBy(() -> pool.submit(deadline -> "third")).isInstanceOf(InspectorBusyException.class);

            release.countDown();
            assertThat(one.await()).isEqualTo("done");
            assertThat(two.await()).isEqualTo("done");
        }
    }

    @Test
    void workPastTheTimeLimitIsAnsweredAtOnceAndToldToStop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Deadline> seen = new AtomicReference<>();
        try (DecodingPool pool = new DecodingPool(1, 1, Duration.ofMillis(50), Duration.ofSeconds(1))) {
            // the work waits for a latch only this test opens, after the answer: the time limit is the only way out
            assertThatThrownBy(() -> pool.decode(deadline -> {
                seen.set(deadline);
                release.await();
                return "too late";
            })).isInstanceOf(OverTimeLimit.class);

            assertThat(seen.get().passed()).isTrue();
            release.countDown();
            assertThat(pool.<String>decode(deadline -> "next")).isEqualTo("next");
        }
    }

    @Test
    void failuresReachTheCallerAsThrown() {
        try (DecodingPool pool = new DecodingPool(1, 1, LONG, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> pool.decode(deadline -> {
                throw new IllegalStateException("broken decoder");
            })).isInstanceOf(IllegalStateException.class).hasMessage("broken decoder");
            assertThatThrownBy(() -> pool.decode(deadline -> {
                throw new OutOfMemoryError("huge");
            })).isInstanceOf(OutOfMemoryError.class);
            assertThatThrownBy(() -> pool.decode(deadline -> {
                throw new IOException("disk");
            })).isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DecodingPool(0, 1, LONG, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new DecodingPool(1, -1, LONG, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new DecodingPool(1, 1, Duration.ZERO, Duration.ZERO));
    }
}
