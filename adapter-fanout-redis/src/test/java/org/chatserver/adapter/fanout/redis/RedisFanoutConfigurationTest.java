package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.chatserver.application.port.out.room.RoomEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The module as bootstrap sees it: one configuration class, typed properties checked at start-up. */
class RedisFanoutConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RedisFanoutConfiguration.class);

    @Test
    void providesTheRoomEventsBeanFromItsProperties() {
        String prefix = TestRedis.uniquePrefix();
        context.withPropertyValues("chat.fanout.redis.url=" + TestRedis.url(),
                        "chat.fanout.redis.channel-prefix=" + prefix,
                        "chat.fanout.redis.timeout=3s")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started).hasSingleBean(RoomEvents.class);
                    assertThat(started.getBean("redisRoomEvents")).isInstanceOf(RedisRoomEvents.class);
                    RedisFanoutProperties properties = started.getBean(RedisFanoutProperties.class);
                    assertThat(properties.channelPrefix()).isEqualTo(prefix);
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void defaultsToTheLocalServerAndTheChatPrefix() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class).run(started -> {
            assertThat(started).hasNotFailed();
            RedisFanoutProperties defaults = started.getBean(RedisFanoutProperties.class);
            assertThat(defaults.url()).isEqualTo("redis://127.0.0.1:6379");
            assertThat(defaults.channelPrefix()).isEqualTo("chat:");
            assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.nodeTtl()).isEqualTo(Duration.ofSeconds(10));
            assertThat(defaults.outagePollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(defaults.storeCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "chat.fanout.redis.url=             | chat.fanout.redis.url",
            "chat.fanout.redis.url=http://x:1   | chat.fanout.redis.url",
            "chat.fanout.redis.url=not a url    | chat.fanout.redis.url",
            "chat.fanout.redis.channel-prefix=a b | chat.fanout.redis.channel-prefix",
            "chat.fanout.redis.timeout=0s       | chat.fanout.redis.timeout",
            "chat.fanout.redis.timeout=-1s      | chat.fanout.redis.timeout",
            "chat.fanout.redis.node-ttl=500ms   | chat.fanout.redis.node-ttl",
            "chat.fanout.redis.node-ttl=1h      | chat.fanout.redis.node-ttl",
            "chat.fanout.redis.outage-poll-interval=10ms | chat.fanout.redis.outage-poll-interval",
            "chat.fanout.redis.outage-poll-interval=0s   | chat.fanout.redis.outage-poll-interval",
            "chat.fanout.redis.store-check-interval=10ms | chat.fanout.redis.store-check-interval",
            "chat.fanout.redis.store-check-interval=1h   | chat.fanout.redis.store-check-interval",
    })
    void aBadValueStopsStartUpNamingTheProperty(String setting, String property) {
        context.withPropertyValues(setting.strip()).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(property);
        });
    }

    @Test
    void thePasswordStaysOutOfMessages() {
        var properties = TestRedis.properties("redis://:hunter2@127.0.0.1:6379/0", "chat:", Duration.ofSeconds(1));

        assertThat(properties.toString()).contains("127.0.0.1:6379").doesNotContain("hunter2");
    }

    @EnableConfigurationProperties(RedisFanoutProperties.class)
    static class PropertiesOnly {
    }
}
