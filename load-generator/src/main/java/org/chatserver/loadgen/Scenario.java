package org.chatserver.loadgen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load scenario. Its constructor reads every flag it uses (so unknown flags are caught
 * before anything runs); {@link #run} does the work and stops by itself.
 */
public interface Scenario {

    Outcome run() throws Exception;

    /**
     * @param steps        what was measured, step by step, in order
     * @param measurements single numbers of the whole run (memory, connect time, stored counts...)
     */
    record Outcome(List<StepResult> steps, Map<String, Object> measurements) {
        public Outcome {
            steps = List.copyOf(steps);
            measurements = new LinkedHashMap<>(measurements);
        }
    }
}
