package org.chatserver.adapter.fanout.local;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fan-out for a single node, as bootstrap imports it: fills the {@code RoomEvents} and {@code UserEvents} ports. */
@Configuration(proxyBeanMethods = false)
public class LocalFanoutConfiguration {

    @Bean
    LocalRoomEvents localRoomEvents() {
        return new LocalRoomEvents();
    }

    @Bean
    LocalUserEvents localUserEvents() {
        return new LocalUserEvents();
    }
}
