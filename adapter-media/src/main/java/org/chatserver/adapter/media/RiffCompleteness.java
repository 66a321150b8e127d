package org.chatserver.adapter.media;

import java.io.InputStream;

/**
 * Whether a WAV or an AVI is whole: the chunk that holds its sound ({@code data}) or its frames (the {@code movi}
 * list), and every chunk before it, must end within the file. A recording cut short ends inside them; what follows
 * them (tags, an AVI's index) is not looked at, as a player has all it plays without. A pad byte missing after an odd
 * chunk at the file's end, as some writers leave it, is not a cut. Sizes a writer puts where it could not go back to
 * write the real one (a recording streamed to a pipe: {@code 0xFFFFFFFF}, or SoX's {@code 0x7FFFF000}) end nothing,
 * and nothing is looked at after them; nor is anything after the RIFF's end, nor an RF64 (which is not taken for a
 * WAV, so never comes here) or any form but WAVE and AVI, nor a chunk whose name is not four printable characters (a
 * writer that left out a pad byte before it).
 */
final class RiffCompleteness extends CompletenessCheck {

    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    private static final int LIST_HEADER = 12;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** What SoX writes as a WAV's sizes when it cannot seek back to write the real ones ({@code MS_UNSPEC}). */
    private static final long SOX_UNKNOWN_SIZE = 0x7FFFF000L;

    private boolean started;
    private long riffEnd;
    /** The chunk, or the list's type, that holds what plays: {@code data} or {@code movi}. */
    private String playing;
    private boolean playingSeen;
    private String chunk;
    private boolean padded;

    RiffCompleteness(InputStream in, String mediaType) {
        super(in, mediaType);
    }

    @Override
    protected int headerLength() {
        return started ? CHUNK_HEADER : RIFF_HEADER;
    }

    @Override
    protected void headerRead(int length) {
        if (!started) {
            started = true;
            readRiff();
            return;
        }
        long start = position() - length;
        String id = text(0, 4);
        if (playingSeen || start >= riffEnd || !printable(id)) {
            stop();
            return;
        }
        if (id.equals("LIST") && length == CHUNK_HEADER) {
            more(LIST_HEADER);
            return;
        }
        long size = littleEndian32(4);
        chunk = id.equals("LIST") ? text(8, 4) : id;
        boolean plays = chunk.equals(playing);
        if (plays && (size == UNKNOWN_SIZE || size == SOX_UNKNOWN_SIZE)) {
            stop();
            return;
        }
        playingSeen = plays;
        padded = (size & 1) == 1;
        passOver(Math.max(0, size + (size & 1) - (length - CHUNK_HEADER)));
    }

    private void readRiff() {
        String form = text(8, 4);
        playing = form.equals("WAVE") ? "data" : form.equals("AVI ") ? "movi" : null;
        if (!text(0, 4).equals("RIFF") || playing == null) {
            stop();
            return;
        }
        long size = littleEndian32(4);
        riffEnd = size < 4 || size == UNKNOWN_SIZE || size == SOX_UNKNOWN_SIZE ? Long.MAX_VALUE : CHUNK_HEADER + size;
        passOver(0);
    }

    @Override
    protected String ended(long missing) {
        if (missing > 1 || missing == 1 && !padded) {
            return "its " + named(chunk) + " ends " + pastTheEnd(missing);
        }
        return playingSeen ? null : "it has no " + named(playing);
    }

    private static String named(String chunk) {
        return chunk.equals("movi") ? "movie list (movi)" : chunk.strip() + " chunk";
    }

    private static boolean printable(String id) {
        return id.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }
}
