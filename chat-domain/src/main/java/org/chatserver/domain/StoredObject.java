package org.chatserver.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An opened object: its metadata and a stream of either all of it or one range. The caller must
 * close it, since it holds a file handle or an HTTP connection.
 *
 * @param info    metadata of the whole object
 * @param range   the bytes {@code content} yields, clamped to the object; {@code null} for all of it
 * @param content exactly {@link #contentLength()} bytes
 */
public record StoredObject(ObjectInfo info, ByteRange range, InputStream content) implements AutoCloseable {

    public StoredObject {
        if (info == null || content == null) {
            throw new IllegalArgumentException("info and content are required");
        }
        if (range != null && range.last() >= info.size()) {
            throw new IllegalArgumentException("range " + range + " is not clamped to size " + info.size());
        }
    }

    public boolean isPartial() {
        return range != null;
    }

    /** Number of bytes {@code content} yields: the value of a Content-Length header. */
    public long contentLength() {
        return range == null ? info.size() : range.length();
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
