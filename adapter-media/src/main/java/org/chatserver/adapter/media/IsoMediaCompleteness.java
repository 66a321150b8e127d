package org.chatserver.adapter.media;

import java.io.InputStream;

/**
 * Whether an MP4, QuickTime or M4A file is whole, from the boxes at its top alone: each box of a type a file holds
 * there ({@link IsoMediaWithoutMetadata#FILE_LEVEL}) must end within the file, and the movie's box ({@code moov}),
 * without which nothing plays, must be among them. A recording cut short ends inside its samples ({@code mdat}) or,
 * fragmented, inside its last fragment; one whose movie was never written (a phone that died while recording) has
 * none. A box whose size is 0 runs to the file's end, as its last; a fragmented file ({@code moof}) is as whole as any
 * other once its last fragment is. What follows the last box and cannot be one (a header of no box's type, or a size
 * too small) is not looked at, nor is a box of another type that runs past the end: an action camera appends its GPS
 * track there, which storing drops ({@link IsoMediaWithoutMetadata}); a box of another type within the file is passed
 * over, as storing makes it filler.
 */
final class IsoMediaCompleteness extends CompletenessCheck {

    private static final int HEADER = 8;
    private static final int LARGE_HEADER = 16;

    private String box;
    private boolean known;
    private boolean toTheEnd;
    private boolean movie;

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
        if (size == 0 || size < 0) { // to the end of the file; a negative size is a 64-bit one of 2^63 or more
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
        if (missing > 0 && known && !toTheEnd) {
            return "its " + box + " box ends " + pastTheEnd(missing);
        }
        return movie ? null : "it has no movie box (moov)";
    }
}
