package org.chatserver.adapter.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;

/**
 * An XML part rewritten tag by tag as it streams: text, comments, CDATA and processing instructions pass byte for
 * byte; each element's start, end or empty tag is handed whole to a {@link Rule}, which returns it as it is, changed,
 * or null to drop the element with all it holds, and may put a text of its own in place of all an element holds,
 * made from what it held ({@link Rule#content}). Tags are read as ISO-8859-1, one char a byte, so that what a rule
 * leaves alone is written back exactly as it came, whatever bytes its values hold; a part in UTF-16 (a zero byte in
 * every ASCII character) is refused, as its tags would pass unread. Holds one tag at a time, and the text of one
 * element being replaced, each at most {@link #MAX_TAG} bytes. A document type declaration is refused: Office
 * writes none, and its entities could put what a rule looks for out of its sight.
 */
final class XmlTagFilter {

    static final int MAX_TAG = 1024 * 1024;

    /** What becomes of a tag: {@code tag} runs from its {@code <} to its {@code >}. */
    @FunctionalInterface
    interface Rule {
        /** The tag as it is (the same string), changed, or null to drop its element. */
        String rewrite(String tag);

        /**
         * For a start tag {@link #rewrite} kept: what makes the text written in place of all its element holds from
         * the text it holds (as written, references unresolved, comments kept, the tags of elements inside it left
         * out), or null to keep what it holds.
         */
        default UnaryOperator<String> content(String startTag) {
            return null;
        }
    }

    /** Where the output goes: bytes appended to a buffer that grows. */
    static final class Sink {
        byte[] bytes = new byte[32 * 1024];
        int length;

        void write(byte[] from, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }
    }

    private enum State { TEXT, TAG, COMMENT, CDATA, INSTRUCTION }

    private static final byte[] CDATA_START = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMENT_START = "<!--".getBytes(StandardCharsets.US_ASCII);

    private final Rule rule;
    private final String part;
    private State state = State.TEXT;
    private byte[] tag = new byte[256];
    private int tagLength;
    private byte quote;
    /** The last two bytes of a comment, CDATA section or instruction, to find its end. */
    private int last;
    private int beforeLast;
    /** How deep inside an element being dropped; 0 when writing. */
    private int dropping;
    /** What makes the content of the element being dropped, whose end tag is written; null when it is dropped. */
    private UnaryOperator<String> replacing;
    /** What the element being replaced held. */
    private final Sink held = new Sink();

    XmlTagFilter(Rule rule, String part) {
        this.rule = rule;
        this.part = part;
    }

    /** Filters {@code count} bytes from {@code offset} into {@code sink}. */
    void feed(byte[] bytes, int offset, int count, Sink sink) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == 0) {
                // no XML holds U+0000, while UTF-16, which packages may hold and Office does not write, has a zero in
                // every ASCII character: its tags would pass unread
                throw refused("is not in UTF-8");
            }
            switch (state) {
                case TEXT -> {
                    if (b == '<') {
                        state = State.TAG;
                        tagLength = 0;
                        quote = 0;
                        addToTag(b);
                    } else {
                        int run = i + 1; // text up to the next tag, written at once
                        while (run < end && bytes[run] != '<' && bytes[run] != 0) {
                            run++;
                        }
                        write(bytes, i, run - i, sink);
                        i = run - 1;
                    }
                }
                case TAG -> tagByte(b, sink);
                case COMMENT, CDATA, INSTRUCTION -> {
                    write(bytes, i, 1, sink);
                    boolean ends = switch (state) {
                        case COMMENT -> b == '>' && last == '-' && beforeLast == '-';
                        case CDATA -> b == '>' && last == ']' && beforeLast == ']';
                        default -> b == '>' && last == '?';
                    };
                    beforeLast = last;
                    last = b;
                    if (ends) {
                        state = State.TEXT;
                    }
                }
            }
        }
    }

    /** The part has ended: refused when it ends inside a tag or a comment. */
    void end() {
        if (state != State.TEXT) {
            throw refused("ends inside a tag");
        }
    }

    private void tagByte(byte b, Sink sink) {
        addToTag(b);
        if (tagLength == 2 && b == '?') {
            passOn(State.INSTRUCTION, sink);
            return;
        }
        if (tag[1] == '!') {
            boolean comment = tagLength > 2 && tag[2] == '-';
            byte[] start = comment ? COMMENT_START : CDATA_START;
            if (tagLength > 2 && tag[tagLength - 1] != start[tagLength - 1]) {
                throw refused("holds a document type declaration");
            }
            if (tagLength == start.length) {
                passOn(comment ? State.COMMENT : State.CDATA, sink);
            }
            return;
        }
        if (quote != 0) {
            if (b == quote) {
                quote = 0;
            }
            return;
        }
        if (b == '"' || b == '\'') {
            quote = b;
        } else if (b == '>') {
            state = State.TEXT;
            tagEnded(new String(tag, 0, tagLength, StandardCharsets.ISO_8859_1), sink);
        }
    }

    private void tagEnded(String text, Sink sink) {
        boolean endTag = text.startsWith("</");
        boolean empty = text.endsWith("/>");
        if (dropping > 0) {
            dropping += endTag ? -1 : empty ? 0 : 1;
            if (dropping == 0 && replacing != null) {
                write(replacing.apply(new String(held.bytes, 0, held.length, StandardCharsets.ISO_8859_1)), sink);
                sink.write(tag, 0, tagLength);
                replacing = null;
            }
            return;
        }
        String written = endTag ? text : rule.rewrite(text);
        if (written == null) {
            dropping = empty ? 0 : 1;
            return;
        }
        if (written == text) {
            sink.write(tag, 0, tagLength);
        } else {
            write(written, sink);
        }
        UnaryOperator<String> content = endTag || empty ? null : rule.content(text);
        if (content != null) {
            dropping = 1;
            replacing = content;
            held.length = 0;
        }
    }

    /** Writes what an element holds, keeps its text while its element is being replaced, or drops it. */
    private void write(byte[] bytes, int offset, int count, Sink sink) {
        if (dropping == 0) {
            sink.write(bytes, offset, count);
        } else if (replacing != null) {
            if (held.length + count > MAX_TAG) {
                throw refused("holds an element to rewrite longer than " + MAX_TAG / 1024 + " KiB");
            }
            held.write(bytes, offset, count);
        }
    }

    private static void write(String text, Sink sink) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        sink.write(bytes, 0, bytes.length);
    }

    /** What the tag buffer holds starts a comment, CDATA section or instruction, written as it comes. */
    private void passOn(State next, Sink sink) {
        write(tag, 0, tagLength, sink);
        state = next;
        last = 0; // what opened it does not close it: "<!-->" is no comment's end
        beforeLast = 0;
    }

    private void addToTag(byte b) {
        if (tagLength == tag.length) {
            if (tagLength == MAX_TAG) {
                throw refused("holds a tag longer than " + MAX_TAG / 1024 + " KiB");
            }
            tag = Arrays.copyOf(tag, Math.min(MAX_TAG, tag.length * 2));
        }
        tag[tagLength++] = b;
    }

    private FileRefusedException refused(String why) {
        return OfficeWithoutMetadata.refused("its part " + part + " " + why);
    }
}
