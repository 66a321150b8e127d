package org.chatserver.bootstrap;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A start-up that fails because the database cannot be reached, refuses the user or the password, or lacks the
 * database named (see {@link #isConnectionRefusal}), is reported as one sentence naming where the server tried to connect and what the database (or
 * the network) answered, and the settings to check; not as the stack trace of the connection pool under whatever
 * bean needed it first. The URL is shown without its query, where a password may be; user names are no secret.
 */
public final class DatabaseFailureAnalyzer implements FailureAnalyzer {

    /** A cause chain may loop; ours are a handful deep. */
    private static final int MAX_DEPTH = 32;

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /**
     * SQL states of a connection refused, timed out or broken (08), an authorization refused (28), a database that
     * does not exist (3D); and the pool's own time-out. Not a failing migration or query: that is no setting.
     */
    static boolean isConnectionRefusal(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"));
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException deepest = null;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isConnectionRefusal(sql)) {
                deepest = sql;
            }
        }
        if (deepest == null) {
            return null;
        }
        String url = environment.getProperty(DatabaseUrlCheck.DATASOURCE_URL, "");
        int query = url.indexOf('?');
        String where = query < 0 ? url : url.substring(0, query);
        String user = environment.getProperty("spring.datasource.username");
        String answer = deepest.getMessage() == null ? deepest.getClass().getSimpleName()
                : SettingFailureAnalyzer.oneLine(deepest.getMessage());
        return new FailureAnalysis("Could not connect to the database at " + where
                + (user == null || user.isBlank() ? "" : " as " + user) + ": " + answer,
                "Check spring.datasource.url, spring.datasource.username and spring.datasource.password "
                        + "(environment variables SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and "
                        + "SPRING_DATASOURCE_PASSWORD), and that the database accepts connections from this host; "
                        + "then start again.", deepest);
    }
}
