package org.chatserver.bootstrap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.warm-up.*}: the JIT warm-up before readiness ({@link WarmUp}).
 *
 * @param rounds rounds of the training workload served by a throwaway server before the node reports
 *               ready; 0, the default, for none. At most 20 (about a minute on two cores): past a few
 *               rounds the JIT has nothing left to learn from it (docs/benchmark.md)
 */
@Validated
@ConfigurationProperties(WarmUp.PROPERTY)
public record WarmUpProperties(@Min(0) @Max(20) @DefaultValue("0") int rounds) {
}
