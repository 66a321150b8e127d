package org.chatserver.bootstrap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The build's training run, only with {@code chat.training-run.enabled=true} (see {@link TrainingRun}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(TrainingRun.PROPERTY + ".enabled")
class TrainingRunConfiguration {

    /**
     * Rounds of ten users, each posting twenty messages to the other nine: three are enough for
     * the JIT's thresholds on the posting and fan-out path, a few seconds on a quiet machine.
     */
    @Bean
    TrainingRun trainingRun(Environment environment) {
        int rounds = environment.getProperty(TrainingRun.PROPERTY + ".rounds", Integer.class, 3);
        if (rounds < 1) {
            throw new IllegalArgumentException(TrainingRun.PROPERTY + ".rounds must be at least 1, not " + rounds);
        }
        return new TrainingRun(TrainingRun.PROPERTY, environment, 10, 20, rounds);
    }
}
