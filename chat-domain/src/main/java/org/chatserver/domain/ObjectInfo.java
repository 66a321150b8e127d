package org.chatserver.domain;

import java.time.Instant;

/**
 * What is known about a stored object without reading it.
 *
 * @param size         total size in bytes
 * @param etag         opaque version tag, without quotes; changes whenever the content is replaced
 * @param lastModified when the current content was stored (precision depends on the store)
 */
public record ObjectInfo(long size, String etag, Instant lastModified) {

    public ObjectInfo {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (etag == null || etag.isEmpty()) {
            throw new IllegalArgumentException("etag must not be empty");
        }
        if (lastModified == null) {
            throw new IllegalArgumentException("lastModified must not be null");
        }
    }
}
