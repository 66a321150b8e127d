package org.chatserver.adapter.presence.local;

import org.chatserver.application.port.out.user.PresenceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Presence for a single node, as bootstrap imports it: fills the {@link PresenceStore} port. */
@Configuration(proxyBeanMethods = false)
public class LocalPresenceConfiguration {

    @Bean
    PresenceStore localPresenceStore() {
        return new LocalPresenceStore();
    }
}
