package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log of a production node (the exec jar, as shipped), one JSON object a line: each line names the node that
 * wrote it ({@code service.node.name}), the host's name when the operator names none, so that the lines of several
 * nodes in one log store can be told apart. A test inside a JVM of tests cannot show this: the test classpath brings
 * a logging configuration of its own, and Spring Boot sets logging up once while any application runs.
 */
@Tag("resilience")
class NodeNameLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path shared;

    @Test
    void everyLineOfAProductionNodeNamesItsHost() throws Exception {
        try (PrivatePostgres postgres = new PrivatePostgres(); PrivateRedis redis = new PrivateRedis()) {
            postgres.start();
            redis.start();
            List<String> settings = ProductionSettings.of(postgres, redis, shared);
            try (ServerProcess node = new ServerProcess("node-name", settings, Map.of(), List.of()).start()) {
                new ChatApi(node.baseUrl()).signUp("named");
                List<JsonNode> lines = node.output().lines().filter(line -> line.startsWith("{"))
                        .map(JSON::readTree).toList();
                assertThat(lines).as("the node's structured log lines").hasSizeGreaterThan(3);
                assertThat(lines).extracting(line -> line.path("service").path("node").path("name").asString(null))
                        .as("the node named by each line").containsOnly(InetAddress.getLocalHost().getHostName());
            }
        }
    }
}
