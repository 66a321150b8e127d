package org.chatserver.bootstrap;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Refuses a missing or malformed {@code spring.datasource.url} with one sentence naming it, before any bean is made:
 * otherwise the connection pool fails deep inside the start with a stack trace, or Spring Boot suggests adding an
 * embedded database to the classpath. The embedded default sets the URL itself (application.yml); the production
 * profile takes it from {@code SPRING_DATASOURCE_URL}.
 */
public final class DatabaseUrlCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String DATASOURCE_URL = "spring.datasource.url";
    private static final String EXAMPLE = "jdbc:postgresql://db.example.internal:5432/chat";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment().getProperty(DATASOURCE_URL));
    }

    static void check(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(DATASOURCE_URL + " must be set: the JDBC URL of the database, e.g. "
                    + EXAMPLE);
        }
        if (!url.strip().startsWith("jdbc:")) {
            throw new IllegalStateException(DATASOURCE_URL + " must be a JDBC URL starting with jdbc:, e.g. "
                    + EXAMPLE + " (user and password go in spring.datasource.username and .password)");
        }
    }
}
