package org.chatserver.adapter.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Puts a client's messages together from the parts the container hands over, up to
 * {@code max-frame-size}. A whole-message buffer of that size for every connection would cost most
 * of the memory an idle connection holds, so parts arrive in the container's small read buffers.
 * Called on the session's receiving thread, one part at a time.
 */
final class FrameAssembler {

    private final long maxSize;
    private final Runnable tooBig;
    private StringBuilder partialText;
    private ByteArrayOutputStream partialBinary;

    /** @param tooBig what to do with a message larger than {@code maxSize}: the protocol says close with 1009 */
    FrameAssembler(long maxSize, Runnable tooBig) {
        this.maxSize = maxSize;
        this.tooBig = tooBig;
    }

    /** The whole text message once its last part is in; null while parts are missing or when it was too big. */
    String text(String part, boolean last) {
        if (last && partialText == null) {
            return fits(part.length()) ? part : null;
        }
        if (partialText == null) {
            partialText = new StringBuilder(part.length() * 2);
        }
        partialText.append(part);
        if (!fits(partialText.length())) {
            partialText = null;
            return null;
        }
        if (!last) {
            return null;
        }
        String whole = partialText.toString();
        partialText = null;
        return whole;
    }

    /** The same for binary messages (UTF-8 JSON from the iOS app). */
    byte[] binary(ByteBuffer part, boolean last) {
        if (partialBinary == null) {
            partialBinary = new ByteArrayOutputStream(Math.max(part.remaining(), 256));
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        partialBinary.writeBytes(chunk);
        if (!fits(partialBinary.size())) {
            partialBinary = null;
            return null;
        }
        if (!last) {
            return null;
        }
        byte[] whole = partialBinary.toByteArray();
        partialBinary = null;
        return whole;
    }

    /** Counts characters for text, which is at most what its UTF-8 bytes would count. */
    private boolean fits(long size) {
        if (size <= maxSize) {
            return true;
        }
        tooBig.run();
        return false;
    }
}
