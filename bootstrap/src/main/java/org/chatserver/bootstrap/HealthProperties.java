package org.chatserver.bootstrap;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.health.*}: when this node tells its load balancer it should get no traffic.
 *
 * @param minFreeDisk below this much free space in the data folder or the upload spool, health and
 *                    readiness report DOWN (several uploads at the size limit, with room to spare)
 */
@Validated
@ConfigurationProperties("chat.health")
public record HealthProperties(@NotNull @DefaultValue("100MB") DataSize minFreeDisk) {

    public HealthProperties {
        if (minFreeDisk != null && minFreeDisk.isNegative()) {
            // a negative threshold is never reached: the disk check would be off without a word
            throw new IllegalArgumentException("chat.health.min-free-disk must not be negative, not " + minFreeDisk
                    + " (0B turns the check off)");
        }
    }
}
