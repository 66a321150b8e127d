package org.chatserver.adapter.fanout.local;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Room fan-out for a single node, as bootstrap imports it: fills the {@code RoomEvents} port. */
@Configuration(proxyBeanMethods = false)
public class LocalFanoutConfiguration {

    @Bean
    LocalRoomEvents localRoomEvents() {
        return new LocalRoomEvents();
    }
}
