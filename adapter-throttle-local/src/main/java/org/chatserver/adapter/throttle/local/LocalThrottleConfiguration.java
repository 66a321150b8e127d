package org.chatserver.adapter.throttle.local;

import java.time.Clock;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Throttle state for a single node, as bootstrap imports it: fills the {@link ThrottleStore} port. */
@Configuration(proxyBeanMethods = false)
public class LocalThrottleConfiguration {

    /** About 200 bytes each: 100,000 keys are some 20 MB at most. */
    static final int MAX_ENTRIES = 100_000;

    @Bean
    ThrottleStore localThrottleStore(Clock clock) {
        return new LocalThrottleStore(clock, MAX_ENTRIES);
    }
}
