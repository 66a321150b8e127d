package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;

/**
 * A file passed through as it is, its top-level structure followed as it goes to tell whether it is whole: a recording
 * cut short (an upload that broke off, a copy from a card pulled too soon) announces more than it holds, and a player
 * shows it broken. A subclass reads each element's header and says how many bytes of body follow ({@link #passOver}),
 * which are passed over without being held; at the end of the source it says whether what it saw is whole ({@link
 * #ended}), and reading throws {@link FileRefusedException} saying why when it is not, at the end, each time the file
 * is read.
 * What a subclass cannot make sense of ({@link #stop}) is not looked at further: a false refusal of a file that plays
 * costs its sender more than a cut one let through.
 *
 * <p>Holds {@value #HEADER_BYTES} bytes of header and nothing of the bodies, whatever the file's size.
 */
abstract class CompletenessCheck extends InputStream {

    static final int HEADER_BYTES = 32;

    private final InputStream in;
    private final String noun;
    /** The header being gathered, from 0 to {@link #have} of the {@link #want} bytes asked for. */
    protected final byte[] header = new byte[HEADER_BYTES];
    private int have;
    private int want;
    private long skipLeft;
    private long position;
    private boolean stopped;
    private boolean ended;
    private FileRefusedException refusal;
    private final byte[] one = new byte[1];

    /** @param mediaType the file's, whose kind ({@code audio}, {@code video}) names it in a refusal */
    CompletenessCheck(InputStream in, String mediaType) {
        this.in = in;
        String kind = mediaType.substring(0, Math.max(0, mediaType.indexOf('/')));
        this.noun = kind.isEmpty() ? "File" : kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1)
                + " file";
    }

    /** How many bytes the next element's header has, or at least, to start with. */
    protected abstract int headerLength();

    /**
     * The {@code length} bytes asked for are in {@link #header}: ask for more ({@link #more}), pass over a body
     * ({@link #passOver}, 0 too, after which the next element's header is gathered) or {@link #stop}.
     */
    protected abstract void headerRead(int length);

    /**
     * The source ended, {@code missing} bytes short of the end of the body being passed over (0 when it ended between
     * elements or inside a header, which may be a trailer's). Answers why the file is not whole, or null.
     */
    protected abstract String ended(long missing);

    /** Gathers the header on up to {@code count} bytes in all ({@value #HEADER_BYTES} at most). */
    protected final void more(int count) {
        want = count;
    }

    /** Passes over {@code count} bytes, then gathers the next element's header. */
    protected final void passOver(long count) {
        skipLeft = count;
        have = 0;
        want = 0;
    }

    /** Nothing further of the file is looked at; it counts as whole. */
    protected final void stop() {
        stopped = true;
    }

    /** How many bytes of the header being gathered are in {@link #header}: at the end, those of one cut short. */
    protected final int gathered() {
        return have;
    }

    /** Where the source is: how many of its bytes were read. */
    protected final long position() {
        return position;
    }

    /** The unsigned big-endian 32-bit number at {@code offset} of {@link #header}. */
    protected final long bigEndian32(int offset) {
        return (header[offset] & 0xFFL) << 24 | (header[offset + 1] & 0xFF) << 16 | (header[offset + 2] & 0xFF) << 8
                | (header[offset + 3] & 0xFF);
    }

    /** The unsigned little-endian 32-bit number at {@code offset} of {@link #header}. */
    protected final long littleEndian32(int offset) {
        return (header[offset] & 0xFFL) | (header[offset + 1] & 0xFF) << 8 | (header[offset + 2] & 0xFF) << 16
                | (header[offset + 3] & 0xFFL) << 24;
    }

    /** How far an element runs past the end of the file, in words. */
    protected static String pastTheEnd(long missing) {
        return (missing == 1 ? "1 byte" : missing + " bytes") + " past the end of the file";
    }

    /** The {@code count} characters at {@code offset} of {@link #header}, one a byte. */
    protected final String text(int offset, int count) {
        return new String(header, offset, count, StandardCharsets.ISO_8859_1);
    }

    @Override
    public final int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            end();
            return -1;
        }
        follow(buffer, offset, n);
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * {@code reader} of this file's bytes, which may stop before their end (a cleaner that drops what follows the last
     * box), and then the rest of them read by this check, so that a file cut short is refused whatever the reader took.
     */
    InputStream readThrough(InputStream reader) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = reader.read();
                return b < 0 ? toTheEnd() : b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = reader.read(buffer, offset, length);
                return n < 0 ? toTheEnd() : n;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private int toTheEnd() throws IOException {
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) >= 0) {
            // followed, not kept
        }
        return -1;
    }

    private void follow(byte[] buffer, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end && !stopped) {
            if (skipLeft > 0) {
                int n = (int) Math.min(skipLeft, end - at);
                skipLeft -= n;
                position += n;
                at += n;
                continue;
            }
            if (want == 0) {
                want = headerLength();
            }
            int n = Math.min(want - have, end - at);
            System.arraycopy(buffer, at, header, have, n);
            have += n;
            position += n;
            at += n;
            if (have == want) {
                int asked = want;
                headerRead(have);
                if (!stopped && skipLeft == 0 && want == asked && have == asked) {
                    throw new IllegalStateException(getClass().getSimpleName() + " neither skipped nor asked for more");
                }
            }
        }
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (stopped) {
            return;
        }
        String why = ended(skipLeft);
        if (why != null) {
            refusal = new FileRefusedException(noun + " is incomplete (truncated or damaged): " + why);
            throw refusal;
        }
    }
}
