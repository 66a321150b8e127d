package org.chatserver.resilience;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The settings of production nodes on a private PostgreSQL and Redis, sharing one signing key and one file folder. */
final class ProductionSettings {

    private ProductionSettings() {
    }

    /**
     * @param shared the folder the nodes share (their files, their data folder)
     * @param extra  more settings, {@code name=value}
     */
    static List<String> of(PrivatePostgres postgres, PrivateRedis redis, Path shared, String... extra) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> settings = new ArrayList<>(List.of("spring.profiles.active=production",
                "spring.datasource.url=" + postgres.jdbcUrl(), "spring.datasource.username=" + postgres.user(),
                "chat.security.signing-key=" + Base64.getEncoder().encodeToString(key),
                "chat.fanout.redis.url=" + redis.url(),
                "chat.storage.type=fs", "chat.storage.fs.root=" + shared.resolve("files"),
                "chat.data-dir=" + shared.resolve("data"), "chat.security.bcrypt-cost=4"));
        settings.addAll(List.of(extra));
        return List.copyOf(settings);
    }
}
