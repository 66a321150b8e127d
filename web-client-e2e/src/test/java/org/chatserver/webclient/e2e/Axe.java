package org.chatserver.webclient.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** axe-core (from its WebJar) run inside a page: no serious or critical violation allowed. */
final class Axe {

    private static final String SCRIPT = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private Axe() {
    }

    /** Runs axe-core in the page (its script handed in by the test, as a strict CSP allows no other way). */
    @SuppressWarnings("unchecked")
    static void check(Page page, String screen) {
        if (Boolean.FALSE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(source());
        }
        Map<String, Object> results = (Map<String, Object>) page.evaluate(
                "async () => JSON.parse(JSON.stringify(await axe.run(document, {resultTypes: ['violations']})))");
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) results.get("violations")) {
            Object impact = violation.get("impact");
            if ("serious".equals(impact) || "critical".equals(impact)) {
                List<String> targets = new ArrayList<>();
                for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
                    targets.add(String.valueOf(node.get("target")) + " " + node.get("failureSummary"));
                }
                serious.add(impact + " " + violation.get("id") + ": " + violation.get("help") + " at " + targets);
            }
        }
        assertThat(serious).as("axe-core on " + screen).isEmpty();
    }

    private static String source() {
        try (InputStream in = Axe.class.getResourceAsStream(SCRIPT)) {
            assertThat(in).as("axe-core WebJar on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
