package org.chatserver.adapter.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Markup that Tika core calls plain text because it lacks the headers core looks for: an {@code <svg>}
 * without its namespace up front, a page that starts with {@code <script>} or {@code <img onerror=…>}.
 * A chat server accepts text but never markup, so text whose first non-blank character opens a tag
 * counts as HTML (or SVG when an svg element is in it): refusing a stray XML note is cheaper than
 * serving a script.
 */
enum Markup {
    NONE, HTML, SVG;

    private static final Pattern OPENS_TAG = Pattern.compile("^[\\t\\n\\f\\r ]*<[a-z!?/]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SVG_ELEMENT = Pattern.compile("<svg[\\t\\n\\f\\r />]");

    static Markup of(byte[] head) {
        // ISO-8859-1 maps each byte to one char, so UTF-8 markup reads the same and nothing can fail to decode;
        // text with a UTF-16 byte order mark is read as UTF-16, or a page in it would pass for plain text
        String text = isUtf16(head, 0xFF, 0xFE) ? new String(head, 2, head.length - 2, StandardCharsets.UTF_16LE)
                : isUtf16(head, 0xFE, 0xFF) ? new String(head, 2, head.length - 2, StandardCharsets.UTF_16BE)
                : new String(head, StandardCharsets.ISO_8859_1);
        String utf8Bom = "\u00EF\u00BB\u00BF";
        if (text.startsWith(utf8Bom)) {
            text = text.substring(utf8Bom.length());
        }
        if (!OPENS_TAG.matcher(text).find()) {
            return NONE;
        }
        return SVG_ELEMENT.matcher(text.toLowerCase(Locale.ROOT)).find() ? SVG : HTML;
    }

    private static boolean isUtf16(byte[] head, int first, int second) {
        return head.length >= 2 && (head[0] & 0xFF) == first && (head[1] & 0xFF) == second;
    }
}
