package org.chatserver.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file a message carries: one that was uploaded to this server, under the name it was stored
 * as. Where clients find it (a URL) is the adapters' business.
 *
 * @param fileName the stored name
 * @param displayName the name to show, e.g. the uploader's original name; never null
 * @param size bytes, or null when not known
 * @param mimeType null when not known
 * @param previewName the stored name of the small preview the server made of an image; null for none
 */
public record Attachment(String fileName, String displayName, Long size, String mimeType, String previewName) {

    static final String FILE = "file";
    private static final String DISPLAY_NAME = "file name";
    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_DISPLAY_NAME = 255;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

    public Attachment {
        checkStoredName(fileName);
        displayName = displayNameOrNull(displayName);
        if (displayName == null) {
            displayName = fileName;
        }
        checkSize(size);
        mimeType = mediaTypeOrNull(mimeType);
        if (previewName != null) {
            checkStoredName(previewName);
        }
    }

    /** A file without a preview. */
    public Attachment(String fileName, String displayName, Long size, String mimeType) {
        this(fileName, displayName, size, mimeType, null);
    }

    /** The same file, whose stored bytes now number {@code size} (its metadata was removed after it was stored). */
    public Attachment storedAs(long size) {
        return new Attachment(fileName, displayName, size, mimeType, previewName);
    }

    /**
     * What a sender says of its file, checked for form only (a size not below zero, a type/subtype): the upload's
     * own record decides what the message carries.
     */
    public static void checkClaims(Long size, String mimeType) {
        checkSize(size);
        mediaTypeOrNull(mimeType);
    }

    private static void checkSize(Long size) {
        if (size != null && size < 0) {
            throw new InvalidValueException("file size", "{} must not be negative");
        }
    }

    /** Lower case, or null when blank. */
    private static String mediaTypeOrNull(String mimeType) {
        if (mimeType == null) {
            return null;
        }
        String type = mimeType.strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return null;
        }
        if (type.length() > 127 || !MEDIA_TYPE.matcher(type).matches()) {
            throw new InvalidValueException("media type", "{} must look like type/subtype");
        }
        return type;
    }

    /** A name this server could have stored a file under: never a path, never a way out of its folder. */
    static void checkStoredName(String fileName) {
        if (fileName == null || !STORED_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new InvalidValueException(FILE, "{} must be a file stored on this server");
        }
    }

    /**
     * A name a sender gives a file now: a display name ({@link #displayNameOrNull}), and moreover well-formed,
     * without bidirectional controls and not a path. Stored messages are read with the display name's rules only,
     * so that rows written before these rules still read back.
     */
    static String chosenDisplayNameOrNull(String displayName) {
        String stripped = displayNameOrNull(displayName);
        if (stripped == null) {
            return null;
        }
        UnicodeText.requireWellFormed(DISPLAY_NAME, stripped);
        if (stripped.codePoints().anyMatch(UnicodeText::isBidiControl)) {
            throw new InvalidValueException(DISPLAY_NAME,
                    "{} must not contain bidirectional formatting characters (they can make a name read backwards)");
        }
        if (stripped.indexOf('/') >= 0 || stripped.indexOf('\\') >= 0) {
            // an upload's original name keeps its last part; a name given here is refused rather than changed
            throw new InvalidValueException(DISPLAY_NAME, "{} must be a name, not a path (no / or \\)");
        }
        return stripped;
    }

    /** Stripped, or null when blank; bounded and without control characters. */
    static String displayNameOrNull(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String stripped = displayName.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_DISPLAY_NAME
                || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(DISPLAY_NAME, "{} must be at most " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        return stripped;
    }
}
