package org.chatserver.bootstrap;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A port already taken, said with the setting that chose it. Spring Boot's own report ("Port 8081 was already in
 * use") did not say whether the API's port or the management port was meant, and the node has both (a black-box
 * audit found the API listening for two seconds before the management port failed).
 */
public final class PortInUseSettingFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException>
        implements Ordered {

    private static final String API_PORT = "server.port";
    private static final String MANAGEMENT_PORT = "management.server.port";

    private final Environment environment;

    public PortInUseSettingFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        List<String> settings = new ArrayList<>();
        for (String setting : List.of(API_PORT, MANAGEMENT_PORT)) {
            if (String.valueOf(cause.getPort()).equals(environment.getProperty(setting))) {
                settings.add(setting);
            }
        }
        if (settings.isEmpty()) {
            return null;
        }
        String setting = settings.getFirst();
        return new FailureAnalysis("Port " + cause.getPort() + " (" + setting + ") is already in use by another "
                + "process.", "Stop the process listening on port " + cause.getPort() + ", or set " + setting
                + " (environment variable " + SettingFailureAnalyzer.environmentName(setting)
                + ") to a free port, and start again.", cause);
    }

    /** Before Spring Boot's own analyzer of the same failure. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
