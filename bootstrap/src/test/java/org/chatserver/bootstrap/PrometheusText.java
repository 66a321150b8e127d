package org.chatserver.bootstrap;

/** Reads a metric out of what {@code /actuator/prometheus} answers, for the tests that scrape a node. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the metric {@code name} (e.g. {@code chat_websocket_connections}, or with its labels as Prometheus
     * writes them: {@code chat_throttle_refusals_total{what="login"}}); fails when absent.
     */
    public static double value(String exposition, String name) {
        return exposition.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in Prometheus"));
    }
}
