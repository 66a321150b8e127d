package org.chatserver.bootstrap;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.shutdown.*}: how a node leaves its load balancer when it is told to stop.
 *
 * @param drain after {@code SIGTERM}, how long the node keeps serving everything as before while its readiness
 *              answers 503, before it closes its WebSockets and stops taking connections: time for the load balancer
 *              (or Kubernetes' endpoints) to see it go and send new requests elsewhere. {@code 0s}, the default, stops
 *              at once, for a node that is taken out of rotation before it is stopped
 */
@Validated
@ConfigurationProperties("chat.shutdown")
public record ShutdownProperties(
        @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 1) @DefaultValue("0s") Duration drain) {
}
