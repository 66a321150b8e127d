package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * A WAV or AVI (RIFF) without what names who made it, where, when and with what, its sound and pictures byte for
 * byte: the {@code INFO} lists (artist, comments, software, dates), the {@code exif} lists cameras write into WAV,
 * ID3 tags ({@code id3 }, {@code ID3 }), broadcast WAV's {@code bext} (originator, description, date and time),
 * {@code iXML}, XMP ({@code _PMX}) and every other chunk that is not one a player or editor reads each become a
 * {@code JUNK} chunk of the same size with its bytes zeroed, RIFF's filler that readers skip, so every size and offset
 * stays true. Kept byte for byte: WAV's {@code fmt }, {@code data}, {@code fact}, {@code cue } and the others in
 * {@link #KEPT}, the cue labels of its {@code adtl} list; AVI's header list ({@code hdrl}) with its stream lists and
 * headers, its movie list ({@code movi}), everything in it but metadata, and its index ({@code idx1}). Lists are
 * looked into, eight deep, so metadata inside a header list goes too. Anything after the RIFF's end is dropped.
 *
 * <p>Reads as it goes, holding 8 KiB. A chunk larger than the list holding it ends with that list; a RIFF size too
 * small to hold its form runs to the end of the file; what a size that lies makes look like chunks is zeroed as any
 * other unknown chunk (but in a movie list, whose frames are copied whatever their names); a file cut short ends
 * where it is cut.
 */
final class RiffWithoutMetadata extends RiffRewritingStream {

    private static final int MAX_DEPTH = 8;
    /** Lists of metadata: RIFF's own and the Exif specification's for WAV. */
    private static final Set<String> METADATA_LISTS = Set.of("INFO", "exif");
    /** Chunks of metadata, zeroed even among a movie's frames. */
    private static final Set<String> METADATA_CHUNKS = Set.of("id3 ", "ID3 ", "bext", "iXML", "_PMX");
    /** Lists whose chunks are a movie's frames (and their indexes), named by stream number: copied. */
    private static final Set<String> MOVIE_LISTS = Set.of("movi", "rec ");
    /**
     * Chunks players and editors read. WAV: format, samples, sample count, cue points, playlist, sampler and
     * instrument loops, ACID's tempo, peak envelopes, RF64's sizes, channel assignment, silence, cue labels and notes;
     * AVI: main, stream and OpenDML headers, stream format and codec data, indexes, video properties. Not filler
     * ({@code JUNK}, {@code PAD }), whose bytes no reader looks at and a writer may have left anything in: zeroed.
     */
    private static final Set<String> KEPT = Set.of("fmt ", "data", "fact", "cue ", "plst", "smpl", "inst", "acid",
            "strc", "PEAK", "levl", "ds64", "chna", "slnt", "labl", "note", "ltxt", "avih", "strh", "strf", "strd",
            "indx", "vprp", "dmlh", "idx1");

    /** Where each list being read ends, the RIFF first; {@code depth} of them. */
    private final long[] ends = new long[MAX_DEPTH + 1];
    /** Whether each list being read is, or is in, a movie list. */
    private final boolean[] movie = new boolean[MAX_DEPTH + 1];
    private int depth = -1;

    RiffWithoutMetadata(InputStream in) {
        super(in);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (depth < 0) {
            startRiff();
            return;
        }
        if (nextOfRuns()) {
            return;
        }
        while (depth >= 0 && position() >= ends[depth]) {
            depth--;
        }
        if (depth < 0) {
            finish();
            return;
        }
        long end = ends[depth];
        long chunkEnd = nextChunk(end);
        if (chunkEnd < 0) {
            return;
        }
        String type = chunkType(0);
        long size = littleEndian32(4);
        boolean inMovie = movie[depth];
        if (type.equals("LIST") && end - position() >= 4) {
            if (!copy(4)) {
                finish();
                return;
            }
            String listType = chunkType(8);
            if (METADATA_LISTS.contains(listType) || !inMovie && (size < 4 || depth == MAX_DEPTH)) {
                junk(chunkEnd);
                out[8] = out[9] = out[10] = out[11] = 0;
            } else if (size < 4 || depth == MAX_DEPTH) {
                copyTo(chunkEnd);
            } else {
                ends[++depth] = chunkEnd;
                movie[depth] = inMovie || MOVIE_LISTS.contains(listType);
            }
        } else if (METADATA_CHUNKS.contains(type) || !inMovie && !KEPT.contains(type)) {
            junk(chunkEnd);
        } else {
            copyTo(chunkEnd);
        }
    }

    private void startRiff() throws IOException {
        if (!copy(12)) {
            finish();
            return;
        }
        depth = 0;
        if (!chunkType(0).equals("RIFF")) {
            ends[0] = Long.MAX_VALUE; // not one: copied as it is
            copyTo(Long.MAX_VALUE);
            return;
        }
        long size = littleEndian32(4);
        ends[0] = size < 4 ? Long.MAX_VALUE : 8 + size;
    }
}
