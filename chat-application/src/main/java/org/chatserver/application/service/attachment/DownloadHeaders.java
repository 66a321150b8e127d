package org.chatserver.application.service.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.chatserver.domain.StoredAttachment;

/**
 * How a stored file is presented to whoever downloads it, the same whether this server streams the
 * bytes or sends the client to the store's presigned URL: the type the server detected (never one a
 * browser would run), media inline and everything else as a download. One place, so the two ways
 * of serving cannot drift apart.
 */
final class DownloadHeaders {

    static final String GENERIC_TYPE = "application/octet-stream";
    /** Text that browsers show as text or download, never run or render as a page. */
    private static final Set<String> INERT_TEXT = Set.of("text/plain", "text/markdown", "text/csv");
    /** RFC 9110 token characters, on both sides of the slash. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+");

    private DownloadHeaders() {
    }

    /**
     * The stored type without parameters, or {@value #GENERIC_TYPE} for one that is malformed, a
     * wildcard, or would be rendered as a page or run. Uploads never get such a type (the upload
     * policy knows none), but what is served must not depend on every record having passed it.
     * Text names its charset, the one recorded at upload ({@code utf-8} for text recorded without one): without
     * one a browser guesses, and some guesses turn text into script. Text other than plain, Markdown and CSV is
     * refused as active.
     */
    static String contentType(String stored, String charset) {
        if (stored == null) {
            return GENERIC_TYPE;
        }
        String base = stored.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(base).matches()) {
            return GENERIC_TYPE;
        }
        String type = base.substring(0, base.indexOf('/'));
        String subtype = base.substring(base.indexOf('/') + 1);
        if (type.equals("*") || subtype.equals("*") || isActive(type, subtype)) {
            return GENERIC_TYPE;
        }
        return INERT_TEXT.contains(base) ? base + "; charset=" + (charset == null ? "utf-8" : charset) : base;
    }

    private static boolean isActive(String type, String subtype) {
        return type.equals("text") && !INERT_TEXT.contains(type + "/" + subtype)
                || subtype.equals("xml") || subtype.endsWith("+xml")
                || subtype.contains("html") || subtype.contains("javascript") || subtype.contains("ecmascript");
    }

    /**
     * Media plays in place; anything else downloads. The plain {@code filename} is the stored name
     * (safe ASCII by construction); {@code filename*} offers the uploader's name to clients that
     * read RFC 6266.
     */
    static String contentDisposition(StoredAttachment attachment) {
        if (attachment.kind().showsInline()) {
            return "inline; filename=\"" + attachment.name() + "\"";
        }
        return "attachment; filename=\"" + attachment.name() + "\"; filename*=UTF-8''"
                + percentEncoded(downloadName(attachment));
    }

    /**
     * The uploader's name, ending in an extension of what the file is: browsers save under {@code filename*}, and a
     * PDF uploaded as {@code report} would be saved as a file nothing opens. Any of the type's extensions will do
     * ({@code server.log}, stored as text, stays {@code server.log}). A name of nothing but dots is no name.
     */
    private static String downloadName(StoredAttachment attachment) {
        String name = attachment.originalName();
        int dot = attachment.name().lastIndexOf('.');
        if (name.replace(".", "").isBlank()) {
            return attachment.name();
        }
        String extension = dot < 0 ? "" : attachment.name().substring(dot);
        String lowerName = name.toLowerCase(Locale.ROOT);
        UploadPolicy.FileType type = UploadPolicy.KNOWN.get(UploadPolicy.canonical(attachment.mimeType()));
        boolean hasOne = lowerName.endsWith(extension.toLowerCase(Locale.ROOT))
                || type != null && type.nameExtensions().stream().anyMatch(e -> lowerName.endsWith("." + e));
        return hasOne ? name : name + extension;
    }

    /** RFC 8187 {@code value-chars}: attr-char as is, every other UTF-8 byte as {@code %XX}. */
    private static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
