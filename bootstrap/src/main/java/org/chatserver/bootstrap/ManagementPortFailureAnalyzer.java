package org.chatserver.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * {@code management.server.port} set to the API's own port: Spring Boot refuses it (the management address,
 * 127.0.0.1 in our defaults, cannot apply to a port the API shares) with a stack trace that names neither
 * property. Here the Actuator (metrics, Prometheus, the full health report) always has a port of its own and is
 * never served on the API's (docs/operations.md, HTTP edge), so the operator is told which two settings collide
 * and what to choose instead.
 */
public final class ManagementPortFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    /** How Spring Boot words the refusal (ManagementContextAutoConfiguration). */
    static final String SPRING_MESSAGE = "management server is not listening on a separate port";

    private static final String MANAGEMENT_PORT = "management.server.port";
    private static final String API_PORT = "server.port";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        if (cause.getMessage() == null || !cause.getMessage().contains(SPRING_MESSAGE)) {
            return null;
        }
        return new FailureAnalysis(MANAGEMENT_PORT + " is the API's port (" + API_PORT + "): the Actuator's metrics, "
                + "Prometheus and full health report are served on a port of their own, never on the API's.",
                "Give " + MANAGEMENT_PORT + " (environment variable "
                        + SettingFailureAnalyzer.environmentName(MANAGEMENT_PORT) + ") a port other than " + API_PORT
                        + " (" + SettingFailureAnalyzer.environmentName(API_PORT)
                        + "), and start again; the default is 8081 on 127.0.0.1.", cause);
    }
}
