package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * An MP3 without its tags, its frames byte for byte: the ID3v2 tags before the first frame (title, artist, comments,
 * pictures, a recording's place or device, however many there are, with their padding and footer) and, at the end,
 * the ID3v1 tag ({@code TAG}, 128 bytes, with the extended {@code TAG+} before it) and before it, in any order, APEv2
 * (and APEv1) tags with or without their header and Lyrics3 v1 and v2 tags are dropped. Bytes starting with {@code
 * ID3} whose header is not a tag's (a size byte of 128 or more) are kept as the audio they may be.
 *
 * <p>Reads as it goes, holding 32 KiB and the last {@value #HELD} bytes read, which may be the end's tags. A leading
 * tag whose size goes past the end of the file drops the rest of it, as does a tag's header cut short. A tag at the
 * end is dropped only when it is whole where its footer says it starts: an APE tag's header (if it says it has one)
 * and footer agree, its items fill it exactly, their count is the one announced; a Lyrics3 v2 tag's six digits point at
 * its {@code LYRICSBEGIN}; a Lyrics3 v1 tag's {@code LYRICSBEGIN} is at most 5,100 bytes of lyrics before its {@code
 * LYRICSEND}. Anything else, a size that lies, a tag that starts before the last {@value #HELD} bytes (an APE tag
 * holding a large cover picture), is kept as the audio it may be: no frame is ever cut for a tag.
 */
final class Mp3WithoutMetadata extends RewritingStream {

    private static final int PIECE = 32 * 1024;
    /** How much of the end is held back while reading, where the end's tags must fit to be dropped. */
    static final int HELD = 128 * 1024;
    private static final int ID3V2_HEADER = 10;
    private static final int ID3V1 = 128;
    private static final int ID3V1_EXTENDED = 227;
    private static final int APE_FOOTER = 32;
    private static final int APE_HEADER_FLAG = 1 << 29;
    private static final int LYRICS3_MAX_V1 = 5100;
    private static final String LYRICS_BEGIN = "LYRICSBEGIN";

    private final byte[] window = new byte[PIECE + HELD];
    private int held;
    private boolean leadingTagsDropped;
    /** Once the file ended: where the audio ends in the window, and how much of it was handed out. */
    private int audioEnd = -1;
    private int handedOut;

    Mp3WithoutMetadata(InputStream in) {
        super(in, PIECE);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (!leadingTagsDropped) {
            leadingTagsDropped = true;
            dropLeadingTags();
            return;
        }
        if (audioEnd < 0) {
            if (fill()) {
                System.arraycopy(window, 0, out, 0, PIECE);
                outLimit = PIECE;
                System.arraycopy(window, PIECE, window, 0, HELD);
                held = HELD;
                return;
            }
            audioEnd = withoutEndTags();
        }
        int count = Math.min(PIECE, audioEnd - handedOut);
        System.arraycopy(window, handedOut, out, 0, count);
        outLimit = count;
        handedOut += count;
        if (handedOut == audioEnd) {
            finish();
        }
    }

    /** Where the audio ends in the window once the file ended: before the ID3v1 tag and the APE and Lyrics3 tags. */
    private int withoutEndTags() {
        int end = held;
        // "TAG" 128 bytes from the end may be inside the last of those ("APETAGEX" of a 131-byte APE tag)
        if (endTagStart(end) < 0 && startsWith(end - ID3V1, "TAG")) {
            end -= ID3V1;
            if (startsWith(end - ID3V1_EXTENDED, "TAG+")) {
                end -= ID3V1_EXTENDED;
            }
        }
        for (int start; (start = endTagStart(end)) >= 0; ) {
            end = start;
        }
        return end;
    }

    /** Where the APE or Lyrics3 tag ending at {@code end} starts; -1 when there is none, whole, in the window. */
    private int endTagStart(int end) {
        int start = apeStart(end);
        if (start < 0) {
            start = lyrics3v2Start(end);
        }
        return start < 0 ? lyrics3v1Start(end) : start;
    }

    /** Where the APE tag ending at {@code end} starts; -1 when there is none, whole, in the window. */
    private int apeStart(int end) {
        int footer = end - APE_FOOTER;
        if (!startsWith(footer, "APETAGEX")) {
            return -1;
        }
        long version = littleEndian32(footer + 8);
        long size = littleEndian32(footer + 12);
        long count = littleEndian32(footer + 16);
        long flags = littleEndian32(footer + 20);
        if (version != 1000 && version != 2000 || size < APE_FOOTER || size > end) {
            return -1;
        }
        int items = end - (int) size;
        int start = items;
        if ((flags & 0x80000000L) != 0) {
            start -= APE_FOOTER;
            if (start < 0 || !startsWith(start, "APETAGEX") || littleEndian32(start + 8) != version
                    || littleEndian32(start + 12) != size || littleEndian32(start + 16) != count
                    || (littleEndian32(start + 20) & APE_HEADER_FLAG) == 0) {
                return -1;
            }
        }
        return itemsFill(items, footer, count) ? start : -1;
    }

    /** Whether exactly {@code count} APE items (value size, flags, key of printable ASCII and a 0, value) fill it. */
    private boolean itemsFill(int from, int to, long count) {
        int at = from;
        for (long item = 0; item < count; item++) {
            if (to - at < 8 + 3) {
                return false;
            }
            long valueSize = littleEndian32(at);
            int key = at + 8;
            int keyEnd = key;
            while (keyEnd < to && window[keyEnd] >= 0x20 && window[keyEnd] <= 0x7E) {
                keyEnd++;
            }
            if (keyEnd == to || window[keyEnd] != 0 || keyEnd - key < 2 || keyEnd - key > 255
                    || valueSize > to - keyEnd - 1) {
                return false;
            }
            at = keyEnd + 1 + (int) valueSize;
        }
        return at == to;
    }

    /** Where the Lyrics3 v2 tag ending at {@code end} starts: its 6 digits tell where its LYRICSBEGIN is; or -1. */
    private int lyrics3v2Start(int end) {
        int sizeAt = end - 9 - 6;
        if (!startsWith(end - 9, "LYRICS200") || sizeAt < 0) {
            return -1;
        }
        int size = 0;
        for (int i = sizeAt; i < sizeAt + 6; i++) {
            if (window[i] < '0' || window[i] > '9') {
                return -1;
            }
            size = size * 10 + window[i] - '0';
        }
        int start = sizeAt - size;
        return size >= LYRICS_BEGIN.length() && startsWith(start, LYRICS_BEGIN) ? start : -1;
    }

    /** Where the Lyrics3 v1 tag ending at {@code end} starts: the nearest LYRICSBEGIN within its 5,100 bytes; or -1. */
    private int lyrics3v1Start(int end) {
        int lyricsEnd = end - 9;
        if (!startsWith(lyricsEnd, "LYRICSEND")) {
            return -1;
        }
        for (int start = lyricsEnd - LYRICS_BEGIN.length(); start >= 0
                && start >= lyricsEnd - LYRICS_BEGIN.length() - LYRICS3_MAX_V1; start--) {
            if (startsWith(start, LYRICS_BEGIN)) {
                return start;
            }
        }
        return -1;
    }

    private long littleEndian32(int at) {
        return (window[at] & 0xFFL) | (window[at + 1] & 0xFFL) << 8 | (window[at + 2] & 0xFFL) << 16
                | (window[at + 3] & 0xFFL) << 24;
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
