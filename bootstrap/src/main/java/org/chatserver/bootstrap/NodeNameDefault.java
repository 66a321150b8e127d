package org.chatserver.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Names the node in structured (ECS) logs, {@code service.node.name}, by default: with several nodes writing to one
 * log store, an operator must tell which node wrote a line. The default is the host's name, below every other
 * source, so that {@code logging.structured.ecs.service.node-name} (env {@code LOGGING_STRUCTURED_ECS_SERVICE_NODE_NAME})
 * set anywhere wins: needed where several nodes share a host.
 */
public final class NodeNameDefault implements EnvironmentPostProcessor {

    static final String PROPERTY = "logging.structured.ecs.service.node-name";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String host = hostName();
        if (host != null && !host.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("chat-node-name", Map.of(PROPERTY, host)));
        }
    }

    /** The host's name as the system knows it; the environment's {@code HOSTNAME} when it cannot be resolved. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return System.getenv("HOSTNAME");
        }
    }
}
