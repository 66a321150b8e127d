package org.chatserver.adapter.media;

import java.io.InputStream;

/**
 * Whether an MP4, QuickTime or M4A file is whole, from the boxes at its top alone: each box of a type a file holds
 * there ({@link IsoMediaWithoutMetadata#FILE_LEVEL}) must end within the file, and the movie's box ({@code moov}),
 * without which nothing plays, must be among them. A recording cut short ends inside its samples ({@code mdat}) or,
 * fragmented, inside its last fragment; one whose movie was never written (a phone that died while recording) has
 * none. A box whose size is 0 runs to the file's end, as its last; a fragmented file ({@code moof}) is as whole as any
 * other once its last fragment is. The samples must be there too: a file not fragmented needs its {@code mdat}, and a
 * file that ends in a box's header cut short (a known type's with its 64-bit size cut, or one whose type, as far as it
 * goes, is {@code m}, {@code md} or {@code mda}), or whose {@code mdat} is smaller than its header, was cut or damaged
 * where its samples begin. What follows the last box and cannot be one (a header of no box's type, or a size too
 * small) is not looked at, nor is a box of another type that runs past the end: an action camera appends its GPS
 * track there, which storing drops ({@link IsoMediaWithoutMetadata}); a box of another type within the file is passed
 * over, as storing makes it filler.
 */
final class IsoMediaCompleteness extends CompletenessCheck {

    private static final int HEADER = 8;
    private static final int LARGE_HEADER = 16;
    private static final String SAMPLES = "mdat";

    private String box;
    private boolean known;
    private boolean toTheEnd;
    private boolean movie;
    private boolean samples;
    private boolean fragmented;
    /** Why the file is damaged where its samples begin, or null. */
    private String damage;

    IsoMediaCompleteness(InputStream in, String mediaType) {
        super(in, mediaType);
    }

    @Override
    protected int headerLength() {
        return HEADER;
    }

    @Override
    protected void headerRead(int length) {
        String type = text(4, 4);
        if (!IsoMediaWithoutMetadata.BOX_TYPE.matcher(type).matches()) {
            stop();
            return;
        }
        long size = bigEndian32(0);
        if (size == 1 && length == HEADER) {
            more(LARGE_HEADER);
            return;
        }
        if (size == 1) {
            size = bigEndian32(8) << 32 | bigEndian32(12);
        }
        box = type;
        known = IsoMediaWithoutMetadata.FILE_LEVEL.contains(type);
        movie |= type.equals("moov");
        samples |= type.equals(SAMPLES);
        fragmented |= type.equals("moof");
        if (type.equals(SAMPLES) && size > 0 && size < length) {
            damage = "its " + SAMPLES + " box's size, " + size + ", is less than its header";
            passOver(Long.MAX_VALUE); // nothing further is a box, and the end says so
        } else if (size == 0 || size < 0) { // to the end of the file; a negative size is a 64-bit one of 2^63 or more
            toTheEnd = true;
            passOver(Long.MAX_VALUE);
        } else if (size < length) {
            stop(); // no box's size: not a box
        } else {
            passOver(size - length);
        }
    }

    @Override
    protected String ended(long missing) {
        if (damage != null) {
            return damage;
        }
        if (missing > 0 && known && !toTheEnd) {
            return "its " + box + " box ends " + pastTheEnd(missing);
        }
        String cut = headerCut();
        if (cut != null) {
            return cut;
        }
        if (!movie) {
            return "it has no movie box (moov)";
        }
        return samples || fragmented ? null : "it has no media data box (" + SAMPLES + ")";
    }

    /**
     * Why the header the file ends in is a box's cut short: one whose type is known and whose 64-bit size is cut, or
     * one whose type, as far as it goes, starts the samples' (a trailer's bytes, zeros among them, do not).
     */
    private String headerCut() {
        int gathered = gathered();
        if (gathered <= 4) {
            return null;
        }
        boolean large = gathered >= HEADER;
        String type = text(4, Math.min(4, gathered - 4));
        boolean cut = large ? IsoMediaWithoutMetadata.FILE_LEVEL.contains(type) : SAMPLES.startsWith(type);
        return cut ? "its " + (large ? type : SAMPLES) + " box's header ends "
                + pastTheEnd((large ? LARGE_HEADER : HEADER) - gathered) : null;
    }
}
