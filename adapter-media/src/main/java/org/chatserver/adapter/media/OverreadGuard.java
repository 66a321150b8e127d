package org.chatserver.adapter.media;

import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;
import org.chatserver.adapter.media.DecodingPool.Deadline;

/**
 * Fails a decoder that keeps reading past the end of its data, or past its deadline. TwelveMonkeys'
 * WebP bit reader treats end-of-file as "more zeros" and pays for an exception on every read, so a
 * 40-byte file announcing 4096 x 4096 pixels took about a minute of CPU. A whole file never needs
 * more than a few over-reads (bit readers look a few bytes ahead at its end); thousands mean
 * truncated or hostile data. Decoders that read as they go stop at their next read once the
 * deadline has passed.
 */
final class OverreadGuard extends ImageInputStreamImpl {

    static final int MAX_READS_PAST_END = 4096;

    private final ImageInputStream delegate;
    private final Deadline deadline;
    private int readsPastEnd;

    OverreadGuard(ImageInputStream delegate, Deadline deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        checkDeadline();
        bitOffset = 0;
        delegate.seek(streamPos);
        int value = delegate.read();
        if (value < 0) {
            pastEnd();
        } else {
            streamPos++;
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeadline();
        bitOffset = 0;
        delegate.seek(streamPos);
        int count = delegate.read(buffer, offset, length);
        if (count < 0) {
            pastEnd();
        } else {
            streamPos += count;
        }
        return count;
    }

    private void checkDeadline() throws IIOException {
        if (deadline.passed()) {
            throw new IIOException("decoding stopped at its time limit");
        }
    }

    private void pastEnd() throws IIOException {
        // not an EOFException: decoders swallow those, and this one must stop the decode
        if (++readsPastEnd > MAX_READS_PAST_END) {
            throw new IIOException("image data ends long before the image does");
        }
    }

    @Override
    public long length() {
        try {
            return delegate.length();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void flushBefore(long position) throws IOException {
        super.flushBefore(position);
        delegate.seek(streamPos); // the delegate only follows on reads; flushing needs it at least this far
        delegate.flushBefore(position);
    }

    @Override
    public boolean isCached() {
        return delegate.isCached();
    }

    @Override
    public boolean isCachedMemory() {
        return delegate.isCachedMemory();
    }

    @Override
    public boolean isCachedFile() {
        return delegate.isCachedFile();
    }

    @Override
    public void close() throws IOException {
        super.close();
        delegate.close();
    }
}
