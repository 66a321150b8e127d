package org.chatserver.domain;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file a message points at. Only files served by this server: the URL is always the relative
 * {@code /api/files/<name>}; an absolute URL to the same path (as the iOS app sends) is stored
 * relative, so it stays right when the server moves.
 *
 * @param fileName the stored name (the last URL segment)
 * @param displayName the name to show, e.g. the uploader's original name; never null
 * @param size bytes, or null when the client did not say
 * @param mimeType null when the client did not say
 */
public record Attachment(String fileName, String displayName, Long size, String mimeType) {

    public static final String PATH_PREFIX = "/api/files/";
    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_DISPLAY_NAME = 255;

    public Attachment {
        if (fileName == null || !STORED_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new InvalidValueException("file_url", "file_url must point at " + PATH_PREFIX + "<name> on this server");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = fileName;
        }
        displayName = displayName.strip();
        if (displayName.length() > MAX_DISPLAY_NAME || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("file_name", "file_name must be at most " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        if (size != null && size < 0) {
            throw new InvalidValueException("file_size", "file_size must not be negative");
        }
        if (mimeType != null) {
            mimeType = mimeType.strip().toLowerCase(Locale.ROOT);
            if (mimeType.isEmpty()) {
                mimeType = null;
            } else if (mimeType.length() > 127 || !mimeType.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
                throw new InvalidValueException("mime_type", "mime_type must look like type/subtype");
            }
        }
    }

    /** Reads {@code /api/files/<name>} or {@code http(s)://any-host/api/files/<name>}. */
    public static Attachment fromUrl(String url, String displayName, Long size, String mimeType) {
        if (url == null || url.isBlank()) {
            throw new InvalidValueException("file_url", "file_url must not be empty");
        }
        String path = url.strip();
        if (!path.startsWith("/")) {
            URI uri;
            try {
                uri = URI.create(path);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("file_url", "file_url is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new InvalidValueException("file_url", "file_url must point at " + PATH_PREFIX + "<name> on this server");
            }
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
        }
        if (!path.startsWith(PATH_PREFIX)) {
            throw new InvalidValueException("file_url", "file_url must point at " + PATH_PREFIX + "<name> on this server");
        }
        return new Attachment(path.substring(PATH_PREFIX.length()), displayName, size, mimeType);
    }

    public String url() {
        return PATH_PREFIX + fileName;
    }
}
