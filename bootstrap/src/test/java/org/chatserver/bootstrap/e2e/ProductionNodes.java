package org.chatserver.bootstrap.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chatserver.adapter.fanout.redis.TestRedis;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.storage.s3.TestS3Server;
import org.chatserver.bootstrap.ChatServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production-profile nodes in the test JVM, for the tests that run several of them: PostgreSQL, the
 * in-process S3 server, Redis for fan-out, throttling and presence under a prefix of the test's own,
 * whose keys {@link #redisKeys} removes again.
 */
final class ProductionNodes {

    /** The shared Redis: explicit configuration first, then the conventional local address. */
    static final String REDIS = setting("chat.test.redis.url", "CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private ProductionNodes() {
    }

    /**
     * A node on a random port. {@code prefix} keeps the test's Redis channels and keys apart from any
     * other's (presence included: without it a node would report its users under the default
     * {@code chat:presence:}, a real deployment's keys in a shared Redis); {@code extra} settings come
     * after the common ones.
     */
    static ConfigurableApplicationContext start(Path dataDir, TestDatabase database, String key, String bucket,
                                                String prefix, String fanoutRedis, String... extra) {
        TestS3Server s3 = TestS3Server.get();
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=production",
                "--server.port=0",
                "--management.server.port=0",
                "--chat.data-dir=" + dataDir,
                "--chat.security.bcrypt-cost=4",
                "--chat.security.signing-key=" + key,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + (database.password() == null ? "" : database.password()),
                "--chat.fanout.redis.url=" + fanoutRedis,
                "--chat.fanout.redis.channel-prefix=" + prefix,
                "--chat.throttle.redis.key-prefix=" + prefix + "throttle:",
                "--chat.presence.redis.key-prefix=" + prefix + "presence:",
                "--chat.storage.s3.endpoint=" + s3.endpoint,
                "--chat.storage.s3.region=" + s3.region,
                "--chat.storage.s3.bucket=" + bucket,
                "--chat.storage.s3.path-style-access=true",
                "--chat.storage.s3.access-key=" + s3.accessKey,
                "--chat.storage.s3.secret-key=" + s3.secretKey,
                "--chat.storage.s3.create-bucket=true"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ChatServerApplication.class).run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Closes each (nodes, servers, databases), going on past a failure so that the rest still stop. */
    static void stopAll(AutoCloseable... all) {
        for (AutoCloseable closeable : all) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the next one is still stopped
            }
        }
    }

    /**
     * Deletes, when closed, every key under {@code prefix} in the shared Redis (presence keys live for weeks,
     * throttle and fan-out bookkeeping for minutes to a day): close it after the nodes that wrote them.
     */
    static AutoCloseable redisKeys(String prefix) {
        return () -> TestRedis.deleteKeys(REDIS, prefix);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
