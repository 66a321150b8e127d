package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.bootstrap.e2e.ProductionNodes.REDIS;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.adapter.storage.s3.TestS3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A production node's log lines, structured (ECS) as Spring Boot writes them without a logging configuration of
 * the server's own: each names the node that wrote it, so that an operator reading the lines of several nodes in
 * one log store can tell them apart.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void everyLineNamesTheNodeByDefaultItsHostAndAsConfigured(CapturedOutput output) throws Exception {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String prefix = "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (AutoCloseable keys = ProductionNodes.redisKeys(prefix);
             TestDatabase database = TestDatabases.postgres(false)) {
            try (ConfigurableApplicationContext node = ProductionNodes.start(dataDir, database, key, bucket, prefix,
                    REDIS, "--logging.config=classpath:logback-structured.xml")) {
                assertThat(nodeNames(output.getOut())).as("the node names of a node left to its default")
                        .containsOnly(InetAddress.getLocalHost().getHostName());
            }
            int before = output.getOut().length();
            try (ConfigurableApplicationContext node = ProductionNodes.start(dataDir, database, key, bucket, prefix,
                    REDIS, "--logging.config=classpath:logback-structured.xml",
                    "--logging.structured.ecs.service.node-name=chat-2")) {
                assertThat(nodeNames(output.getOut().substring(before))).as("the node names of a node named chat-2")
                        .containsOnly("chat-2");
            }
        }
    }

    /** {@code service.node.name} of each structured line (one JSON object a line); fails when there is none. */
    private static List<String> nodeNames(String log) {
        List<JsonNode> lines = log.lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
        assertThat(lines).as("structured log lines").isNotEmpty();
        return lines.stream().map(line -> line.path("service").path("node").path("name").asString(null)).toList();
    }
}
