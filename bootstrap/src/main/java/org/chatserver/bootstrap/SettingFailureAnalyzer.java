package org.chatserver.bootstrap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start-up failure caused by one of our settings is reported as the sentence that names the
 * setting, without the stack trace of the beans that happened to be under construction: the
 * operator needs the property and what is wrong with it, nothing else. Recognised by the message
 * of the deepest cause starting with a {@code chat.*} (or {@code spring.datasource.*}, {@code spring.profiles.*}) property
 * name, which is how the adapters and {@link DataDirectoryPreparer} word their refusals.
 */
public final class SettingFailureAnalyzer implements FailureAnalyzer {

    private static final Pattern NAMES_A_SETTING = Pattern.compile(
            "^((?:chat|spring\\.datasource|spring\\.profiles)\\.[a-z0-9.-]*[a-z0-9])[ :].*", Pattern.DOTALL);
    /** How the adapters word a service they could not reach at start-up ("cannot connect to Redis at …"). */
    private static final String CANNOT_CONNECT = ": cannot connect to ";
    /** A cause chain may loop; ours are a handful deep. */
    private static final int MAX_DEPTH = 32;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable found = null;
        String property = null;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            Matcher matcher = cause.getMessage() == null ? null : NAMES_A_SETTING.matcher(cause.getMessage());
            if (matcher != null && matcher.matches()) {
                found = cause;
                property = matcher.group(1);
            }
        }
        if (found == null) {
            return null;
        }
        String description = oneLine(found.getMessage());
        String correct = property + " (environment variable " + environmentName(property) + ")";
        // a service that does not answer is more often down than misaddressed
        return new FailureAnalysis(description, description.contains(CANNOT_CONNECT)
                ? "Check that it answers at that address, or correct " + correct + ", and start again."
                : "Correct " + correct + " and start again.", found);
    }

    /** A message of several lines as one sentence, for the failure report's description. */
    static String oneLine(String message) {
        return message.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse("");
    }

    /** As the README gives them: {@code chat.data-dir} is {@code CHAT_DATA_DIR}. */
    static String environmentName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
