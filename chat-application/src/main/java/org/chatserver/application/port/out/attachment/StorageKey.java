package org.chatserver.application.port.out.attachment;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.chatserver.domain.InvalidValueException;

/**
 * The name of one stored attachment, e.g. {@code 3f2a9c1e-....png}. A plain file name and never a
 * path: it starts with a letter or digit and holds only ASCII letters, digits, {@code . _ -}, so
 * separators, encoded separators ({@code %2F}), {@code ..}, NUL and control characters cannot reach
 * a file system or an object store. Names come from URLs a stranger can type, hence the strictness.
 */
public record StorageKey(String value) {

    public static final int MAX_LENGTH = 200;
    private static final String SUBJECT = "storage key";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    // Device names that Windows resolves whatever the folder or extension; refusing them costs nothing
    // because real keys are random UUIDs.
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    public StorageKey {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(SUBJECT, "file name must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT,
                    "file name must be at most " + MAX_LENGTH + " characters long");
        }
        if (!ALLOWED.matcher(value).matches() || value.contains("..") || value.endsWith(".")) {
            throw new InvalidValueException(SUBJECT,
                    "file name may contain only letters, digits, '.', '_' and '-' and must start with a letter or digit");
        }
        int dot = value.indexOf('.');
        String base = (dot < 0 ? value : value.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(base)) {
            throw new InvalidValueException(SUBJECT, "file name is reserved");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
