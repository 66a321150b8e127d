package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MP4, QuickTime or M4A file without where, when and with what it was recorded, its samples and their offsets
 * untouched: a phone writes the place into the movie's user data ({@code moov/udta/©xyz}) or its metadata ({@code
 * moov/meta}, {@code com.apple.quicktime.location.ISO6709}), beside its make, model and software and the date. Every
 * {@code udta}, {@code meta} and {@code uuid} box of the file, the movie, a track, its media or their information
 * ({@code minf}), and every {@code udta} and {@code meta} box of a fragment ({@code moof}, {@code traf}: its {@code
 * uuid} boxes are a stream's timing and encryption) becomes a {@code free} box of the same size with its bytes zeroed,
 * which players skip: a {@code uuid} box is a vendor's own, XMP (BE7ACFCB-…), a Canon camera's make, model and GPS
 * position (85C0B687-…, in the movie) or a Sony camera's XML naming the device and the place (at the file's level); a
 * player needs none to play the file but a 360° camera's spherical-video box (FFCC8263-…, in a track: its XML tells how
 * to project the video, which without it plays flat), kept as it is (DRM's PIFF boxes in the movie go too, which only
 * protected streams have); the creation and modification times of the movie, its tracks and their media ({@code mvhd},
 * {@code tkhd}, {@code mdhd}) become zero, which means unknown. Nothing moves, so the chunk offsets in the sample
 * tables still point at the same samples, and the output is as long as the input but for what follows the file's last
 * box. Lost with them: an M4A's tags (title, artist, cover).
 *
 * <p>Reads as it goes, holding 8 KiB; descends only into {@code moov}, its {@code trak}s, their {@code mdia} and its
 * {@code minf}, and into {@code moof} and its {@code traf}s, so nesting is at most four deep whatever the file claims.
 * A box larger than what holds it (a 64-bit size of 2^63 or more too) ends with what holds it; a size too small to be
 * one (or any bytes that cannot be read as boxes where boxes should be) zeroes the rest of what holds it; a size of 0
 * means to the end of what holds it; a file cut short ends where it is cut, a box of the file's level running past its
 * end keeping what there is of it (a recording cut short keeps its samples). What follows the file's last box is
 * dropped: a header cut short, one whose type is no box's (letters and digits, then spaces) or whose size is too small,
 * and all after it (an action camera appends its GPS track there). So are boxes of a type that no file holds at its
 * level ({@link #FILE_LEVEL}), however plausible their size, which such a trailer may start with: they are held back
 * as a count, and become one free box of their size, zeroed, only when a box of the file's follows them (so that
 * what follows keeps its offsets), nothing otherwise.
 */
final class IsoMediaWithoutMetadata extends RewritingStream {

    private static final int PIECE = 8192;
    private static final byte[] FREE = "free".getBytes(StandardCharsets.US_ASCII);
    /** Spherical Video V1's box in a track, whose XML tells a player how to project a 360° video. */
    private static final byte[] SPHERICAL = HexFormat.of().parseHex("ffcc8263f8554a938814587a02521fdd");
    /** Box types by the type of the box they are in ("" for the file). */
    private static final Set<String> CONTAINERS = Set.of("/moov", "moov/trak", "trak/mdia", "mdia/minf", "/moof",
            "moof/traf");
    private static final Set<String> TIMED = Set.of("moov/mvhd", "trak/tkhd", "mdia/mdhd");
    /**
     * The metadata boxes by the type of the box they are in: a fragment's {@code uuid} boxes are a stream's timing
     * and encryption (Smooth Streaming, PIFF), which it cannot play without.
     */
    private static final Map<String, Set<String>> METADATA;

    static {
        Set<String> all = Set.of("udta", "meta", "uuid");
        Set<String> fragment = Set.of("udta", "meta");
        METADATA = Map.of("", all, "moov", all, "trak", all, "mdia", all, "minf", all, "moof", fragment,
                "traf", fragment);
    }
    /** What a box at the file's level is called: letters and digits, then spaces ({@code ftyp}, {@code jP  }). */
    static final Pattern BOX_TYPE = Pattern.compile("[A-Za-z0-9]+ *");
    /**
     * The boxes a file holds at its level (ISO 14496-12, QuickTime): its type, the movie, fragments and their indexes,
     * samples, filler, QuickTime's preview, and metadata (made free as in the movie). Any other is no part of the
     * movie, such as an action camera's GPS trailer starting with what reads as a size and four letters.
     */
    static final Set<String> FILE_LEVEL = Set.of("ftyp", "styp", "pdin", "moov", "moof", "mfra", "mdat",
            "free", "skip", "wide", "sidx", "ssix", "prft", "emsg", "emib", "meco", "pnot", "PICT", "udta", "meta",
            "uuid");

    private record Box(String type, long end) {
    }

    private final Deque<Box> open = new ArrayDeque<>();
    /**
     * How many bytes of boxes of other types at the file's level were read and not yet written: a free box of that
     * size, zeroed, once a box of the file's follows them; nothing if none does.
     */
    private long unknown;
    /** Zeros of such a free box still to write. */
    private long zerosOwed;

    IsoMediaWithoutMetadata(InputStream in) {
        super(in, PIECE);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (zerosOwed > 0) {
            int count = (int) Math.min(zerosOwed, out.length);
            Arrays.fill(out, 0, count, (byte) 0);
            outLimit = count;
            zerosOwed -= count;
            return;
        }
        if (nextOfRuns()) {
            return;
        }
        while (!open.isEmpty() && position() >= open.peek().end()) {
            open.pop();
        }
        String parent = open.isEmpty() ? "" : open.peek().type();
        long parentEnd = open.isEmpty() ? Long.MAX_VALUE : open.peek().end();
        if (parentEnd - position() < 8) {
            copyTo(parentEnd); // too short to be a box: QuickTime ends some lists with 4 zero bytes
            return;
        }
        long start = position();
        if (!copy(8)) {
            if (open.isEmpty()) {
                outLimit = 0; // a header cut short after the last box of the file
            }
            finish();
            return;
        }
        long size = bigEndian32(0);
        String type = new String(out, 4, 4, StandardCharsets.ISO_8859_1);
        if (open.isEmpty() && !BOX_TYPE.matcher(type).matches()) {
            unreadable(parentEnd);
            return;
        }
        if (size == 1) {
            if (parentEnd - position() < 8 || !copy(8)) {
                unreadable(parentEnd);
                return;
            }
            size = bigEndian32(8) << 32 | bigEndian32(12);
        }
        long header = position() - start;
        if (size > 0 && size < header) { // a negative size is a 64-bit one of 2^63 or more, larger than anything
            unreadable(parentEnd);
            return;
        }
        // size 0 runs to the end of what holds it; a negative size is one beyond 2^63
        long end = size == 0 || size < 0 || size > parentEnd - start ? parentEnd : start + size;
        if (open.isEmpty() && !FILE_LEVEL.contains(type)) {
            outLimit = 0;
            if (drop(end - position())) {
                unknown += end - start;
            } else {
                finish(); // it ran to the file's end: none of it is written
            }
            return;
        }
        if (open.isEmpty() && unknown > 0) {
            unread(0, (int) header); // read again once the free box standing for what came before is written
            outLimit = 0;
            freeBox(unknown);
            unknown = 0;
            return;
        }
        String path = parent + "/" + type;
        if (path.equals("trak/uuid") && spherical(end)) {
            copyTo(end);
        } else if (METADATA.getOrDefault(parent, Set.of()).contains(type)) {
            Arrays.fill(out, (int) header, outLimit, (byte) 0); // a uuid box's type, read to tell the spherical one
            System.arraycopy(FREE, 0, out, 4, 4);
            zeroTo(end);
        } else if (CONTAINERS.contains(path)) {
            open.push(new Box(type, end));
        } else if (TIMED.contains(path)) {
            times(end);
        } else {
            copyTo(end);
        }
    }

    /** The header of a free box of {@code size} bytes, in {@link #out}, and the zeros that follow it owed. */
    private void freeBox(long size) {
        if (size <= 0xFFFFFFFFL) {
            putInt(0, size);
            System.arraycopy(FREE, 0, out, 4, 4);
            outLimit = 8;
        } else {
            putInt(0, 1);
            System.arraycopy(FREE, 0, out, 4, 4);
            putInt(8, size >>> 32);
            putInt(12, size);
            outLimit = 16;
        }
        zerosOwed = size - outLimit;
    }

    private void putInt(int at, long value) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> 24 - 8 * i);
        }
    }

    /** Reads a track's {@code uuid} box's type, which the output then holds: is it the 360° video's projection? */
    private boolean spherical(long end) throws IOException {
        return end - position() >= 16 && copy(16)
                && Arrays.equals(out, outLimit - 16, outLimit, SPHERICAL, 0, 16);
    }

    /** Version and flags, then two times of 4 bytes each (version 0) or 8 (version 1), zeroed; the rest copied. */
    private void times(long end) throws IOException {
        if (end - position() >= 4 && copy(4)) {
            int length = out[outLimit - 4] == 1 ? 16 : 8;
            if (end - position() >= length) {
                zeroTo(position() + length);
            }
        }
        copyTo(end);
    }

    /**
     * The header just read makes no sense: nothing up to {@code end} can be told apart, so none of it is kept. In a
     * box it is zeroed, so that what holds it keeps its size; after the file's last box it is what a camera appended
     * (an action camera's GPS trailer), dropped.
     */
    private void unreadable(long end) {
        if (open.isEmpty()) {
            outLimit = 0;
            finish();
            return;
        }
        Arrays.fill(out, 0, outLimit, (byte) 0);
        zeroTo(end);
    }
}
