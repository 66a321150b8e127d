package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The node's name in structured logs: the host's by default, the operator's wherever they set one. */
class NodeNameDefaultTest {

    @Test
    void aNodeNamedByItsOperatorKeepsThatNameAndAnyOtherIsNamedAfterItsHost() {
        StandardEnvironment named = new StandardEnvironment();
        named.getPropertySources().addLast(new MapPropertySource("operator", Map.of(NodeNameDefault.PROPERTY, "chat-2")));
        StandardEnvironment unnamed = new StandardEnvironment();

        new NodeNameDefault().postProcessEnvironment(named, new SpringApplication());
        new NodeNameDefault().postProcessEnvironment(unnamed, new SpringApplication());

        assertThat(named.getProperty(NodeNameDefault.PROPERTY)).as("a node the operator named chat-2").isEqualTo("chat-2");
        assertThat(unnamed.getProperty(NodeNameDefault.PROPERTY)).as("a node left to the default")
                .isNotBlank().isEqualTo(NodeNameDefault.hostName());
    }
}
