package org.chatserver.adapter.wire;

import java.net.URI;
import java.util.Locale;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.InvalidValueException;

/**
 * Where clients fetch a stored file: always the relative {@code /api/files/<name>}, so it stays
 * right when the server moves. Clients may send it back absolute ({@code http(s)://any-host/api/files/<name>},
 * as the iOS app does); either way only the name is kept.
 */
public final class FileUrls {

    public static final String PREFIX = "/api/files/";
    private static final String FIELD = "file_url";
    private static final String ONLY_OURS = FIELD + " must point at " + PREFIX + "<name> on this server";

    private FileUrls() {
    }

    public static String of(String storedName) {
        return PREFIX + storedName;
    }

    /** The file a client's {@code file_url} (and optional {@code file_name}) points at. */
    public static AttachmentRef parse(String url, String displayName) {
        if (url == null || url.isBlank()) {
            throw new InvalidValueException(FIELD, FIELD + " must not be empty");
        }
        String path = url.strip();
        if (!path.startsWith("/")) {
            URI uri;
            try {
                uri = URI.create(path);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(FIELD, FIELD + " is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new InvalidValueException(FIELD, ONLY_OURS);
            }
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
        }
        if (!path.startsWith(PREFIX)) {
            throw new InvalidValueException(FIELD, ONLY_OURS);
        }
        String name = path.substring(PREFIX.length());
        try {
            return new AttachmentRef(name, displayName);
        } catch (InvalidValueException e) {
            if (e.subject().equals(WireErrors.FILE)) {
                // a name this server never gives out: to the client, a URL that is not ours
                throw new InvalidValueException(FIELD, ONLY_OURS);
            }
            throw e;
        }
    }
}
