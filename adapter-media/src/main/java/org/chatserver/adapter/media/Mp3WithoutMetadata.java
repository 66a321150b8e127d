package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * An MP3 without its tags, its frames byte for byte: the ID3v2 tags before the first frame (title, artist, comments,
 * pictures, a recording's place or device, however many there are, with their padding and footer) and the ID3v1 tag
 * at the end ({@code TAG}, 128 bytes, with the extended {@code TAG+} before it) are dropped. Bytes starting with
 * {@code ID3} whose header is not a tag's (a size byte of 128 or more) are kept as the audio they may be.
 *
 * <p>Reads as it goes, holding 8 KiB and the last 355 bytes read, which may be the end's tags. A tag whose size goes
 * past the end of the file drops the rest of it, as does a tag's header cut short.
 */
final class Mp3WithoutMetadata extends RewritingStream {

    private static final int PIECE = 8192;
    private static final int ID3V2_HEADER = 10;
    private static final int ID3V1 = 128;
    private static final int ID3V1_EXTENDED = 227;
    private static final int TAIL = ID3V1 + ID3V1_EXTENDED;

    private final byte[] window = new byte[PIECE + TAIL];
    private int held;
    private boolean leadingTagsDropped;

    Mp3WithoutMetadata(InputStream in) {
        super(in, PIECE + TAIL);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (!leadingTagsDropped) {
            leadingTagsDropped = true;
            dropLeadingTags();
            return;
        }
        if (fill()) {
            for (int i = 0; i < PIECE; i++) {
                emit(window[i]);
            }
            System.arraycopy(window, PIECE, window, 0, TAIL);
            held = TAIL;
            return;
        }
        int end = held;
        if (startsWith(end - ID3V1, "TAG")) {
            end -= ID3V1;
            if (startsWith(end - ID3V1_EXTENDED, "TAG+")) {
                end -= ID3V1_EXTENDED;
            }
        }
        for (int i = 0; i < end; i++) {
            emit(window[i]);
        }
        finish();
    }

    /** Reads until the window is full; false when the file ended first. */
    private boolean fill() throws IOException {
        while (held < window.length) {
            int b = next();
            if (b < 0) {
                return false;
            }
            window[held++] = (byte) b;
        }
        return true;
    }

    /** Drops each ID3v2 tag in turn; what follows the last stays in the window, the audio's first bytes. */
    private void dropLeadingTags() throws IOException {
        while (true) {
            held = 0;
            for (int b; held < ID3V2_HEADER && (b = next()) >= 0; ) {
                window[held++] = (byte) b;
            }
            if (held < ID3V2_HEADER) {
                if (startsWith(0, "ID3".substring(0, Math.min(held, 3)))) {
                    held = 0; // a tag's header cut short
                }
                return;
            }
            if (!startsWith(0, "ID3") || (window[3] & 0xFF) == 0xFF
                    || (window[4] & 0xFF) == 0xFF) {
                return;
            }
            long size = 0;
            for (int i = 6; i < 10; i++) {
                if ((window[i] & 0x80) != 0) {
                    return; // not a tag's synchsafe size
                }
                size = size << 7 | window[i];
            }
            boolean footer = (window[5] & 0x10) != 0;
            if (!drop(footer ? size + ID3V2_HEADER : size)) {
                held = 0;
                return;
            }
        }
    }

    private boolean startsWith(int at, String text) {
        if (at < 0 || at + text.length() > held) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (window[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
