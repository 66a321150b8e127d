package org.chatserver.loadgen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run measured, as written to the JSON result file.
 *
 * @param acksSupported  whether the server acked messages to their sender; null when the scenario sent none
 * @param parameters     every flag the scenario used, defaults included
 * @param errorsByKind   errors of the whole run, by what went wrong
 * @param foreignMessages messages received that this run did not send (another client, a previous run)
 */
public record RunResult(String scenario, String baseUrl, String runTag, String startedAt, double wallSeconds,
                        Boolean acksSupported, Map<String, String> parameters, List<StepResult> steps,
                        Map<String, Object> measurements, Map<String, Long> errorsByKind, long foreignMessages,
                        List<String> notes) {

    public RunResult {
        parameters = new LinkedHashMap<>(parameters);
        steps = List.copyOf(steps);
        measurements = new LinkedHashMap<>(measurements);
        errorsByKind = new LinkedHashMap<>(errorsByKind);
        notes = List.copyOf(notes);
    }

    public long totalLost() {
        return steps.stream().mapToLong(StepResult::lost).sum();
    }

    public long totalDuplicates() {
        return steps.stream().mapToLong(StepResult::duplicates).sum();
    }
}
