package org.chatserver.bootstrap.architecture.violations.application.port;

/** Breaks "application depends on the domain and java.* only". */
public interface PortUsingJackson {

    tools.jackson.databind.JsonNode load();
}
