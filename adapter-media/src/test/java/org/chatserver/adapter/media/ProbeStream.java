package org.chatserver.adapter.media;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A file as a stream that tells how deep it was read and by which threads. After the content come
 * {@code fillerBytes} zeros: where a header is followed by filler, a decoder that went on to the pixel
 * data reads far into it. A held stream blocks its first read until {@link #release()}.
 */
final class ProbeStream extends InputStream {

    private final byte[] content;
    private final long length;
    private final CountDownLatch released;
    private final CountDownLatch reading = new CountDownLatch(1);
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private long position;
    private volatile long deepest;

    private ProbeStream(byte[] content, long fillerBytes, boolean held) {
        this.content = content;
        this.length = content.length + fillerBytes;
        this.released = new CountDownLatch(held ? 1 : 0);
    }

    static ProbeStream of(byte[] content) {
        return new ProbeStream(content, 0, false);
    }

    static ProbeStream headerThenFiller(byte[] header, long fillerBytes) {
        return new ProbeStream(header, fillerBytes, false);
    }

    /** Blocks its first read until {@link #release()}; {@link #awaitReading()} returns once that read began. */
    static ProbeStream held(byte[] content) {
        return new ProbeStream(content, 0, true);
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int count) throws InterruptedIOException {
        readers.add(Thread.currentThread());
        reading.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while held");
        }
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            long at = position + i;
            buffer[offset + i] = at < content.length ? content[(int) at] : 0;
        }
        position += n;
        deepest = position;
        return n;
    }

    void release() {
        released.countDown();
    }

    void awaitReading() throws InterruptedException {
        reading.await();
    }

    /** How many bytes from the start were read. */
    long deepestRead() {
        return deepest;
    }

    Set<Thread> readers() {
        return Set.copyOf(readers);
    }
}
