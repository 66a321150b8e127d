package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.chatserver.adapter.media.DecodingPool.Deadline;
import org.junit.jupiter.api.Test;

class OverreadGuardTest {

    private final Deadline deadline = new Deadline();

    private ImageInputStream guarded(byte[] bytes) {
        return new OverreadGuard(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), deadline);
    }

    @Test
    void allowsTheFewReadsPastTheEndThatBitReadersMakeThenStopsTheDecoder() throws IOException {
        try (ImageInputStream input = guarded(new byte[] {1, 2, 3})) {
            assertThat(input.read(new byte[8], 0, 8)).isEqualTo(3);
            for (int i = 0; i < OverreadGuard.MAX_READS_PAST_END; i++) {
                assertThat(i % 2 == 0 ? input.read() : input.read(new byte[4], 0, 4)).isEqualTo(-1);
            }

            // not an EOFException: decoders swallow those and read on
            assertThatThrownBy(input::read).isInstanceOf(IIOException.class).isNotInstanceOf(EOFException.class);
        }
    }

    @Test
    void stopsTheDecoderAtItsNextReadOnceTheDeadlineHasPassed() throws IOException {
        try (ImageInputStream input = guarded(new byte[] {1, 2, 3, 4})) {
            assertThat(input.read()).isEqualTo(1);

            deadline.expire();

            assertThatThrownBy(input::read).isInstanceOf(IIOException.class).hasMessageContaining("time limit");
            assertThatThrownBy(() -> input.read(new byte[2], 0, 2)).isInstanceOf(IIOException.class);
        }
    }
}
