package org.chatserver.bootstrap;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JIT warm-up before readiness; it does nothing unless {@code chat.warm-up.rounds} is above 0 (see {@link WarmUp}). */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    @Bean
    WarmUp warmUp(WarmUpProperties properties) {
        return new WarmUp(properties.rounds(), List.of());
    }
}
