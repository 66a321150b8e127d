package org.chatserver.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run three ways: JSON for machines, a short Markdown summary for an issue or a PR,
 * and a self-contained HTML page whose chart is inline SVG (no script, nothing fetched).
 */
public final class Report {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Where the three files of a run went. */
    public record Files3(Path json, Path markdown, Path html) {
    }

    private Report() {
    }

    public static Files3 write(RunResult run, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = run.scenario() + "-" + run.startedAt().replace(":", "").replace("-", "") + "-" + run.runTag();
        Path json = dir.resolve(base + ".json");
        Path md = dir.resolve(base + ".md");
        Path html = dir.resolve(base + ".html");
        Files.writeString(json, json(run), StandardCharsets.UTF_8);
        Files.writeString(md, markdown(run), StandardCharsets.UTF_8);
        Files.writeString(html, html(run), StandardCharsets.UTF_8);
        return new Files3(json, md, html);
    }

    public static String json(RunResult run) {
        return JSON.writeValueAsString(run) + "\n";
    }

    public static String markdown(RunResult run) {
        StringBuilder md = new StringBuilder();
        md.append("# Load test: ").append(run.scenario()).append("\n\n");
        md.append("- server: ").append(run.baseUrl()).append("\n");
        md.append("- started: ").append(run.startedAt()).append(", ").append(fmt(run.wallSeconds())).append(" s\n");
        md.append("- acks: ").append(run.acksSupported() == null ? "not used"
                : run.acksSupported() ? "yes" : "no (server sends none; 'acked' not measured)").append("\n");
        md.append("- parameters: ");
        List<String> params = new ArrayList<>();
        run.parameters().forEach((k, v) -> params.add("`--" + k + "=" + v + "`"));
        md.append(String.join(" ", params)).append("\n\n");
        if (!run.notes().isEmpty()) {
            run.notes().forEach(n -> md.append("> ").append(n).append("\n"));
            md.append("\n");
        }
        md.append("| step | offered/s | sent | acked | delivered | delivered/s | lost | dup | misdirected | errors | p50 ms | p99 ms | p99.9 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult s : run.steps()) {
            md.append("| ").append(s.label()).append(" | ").append(fmt(s.offeredPerSecond())).append(" | ")
                    .append(s.sent()).append(" | ").append(Boolean.FALSE.equals(run.acksSupported()) ? "n/a" : s.acked())
                    .append(" | ").append(s.delivered()).append(" | ").append(fmt(s.deliveredPerSecond())).append(" | ")
                    .append(s.lost()).append(" | ").append(s.duplicates()).append(" | ").append(s.misdirected())
                    .append(" | ").append(s.errors()).append(" | ")
                    .append(fmt(s.latency().p50Ms())).append(" | ").append(fmt(s.latency().p99Ms())).append(" | ")
                    .append(fmt(s.latency().p999Ms())).append(" | ").append(fmt(s.latency().maxMs())).append(" |\n");
        }
        windows(md, run.steps());
        comparisons(md, run.steps());
        toolCpu(md, run.steps());
        if (!run.measurements().isEmpty()) {
            md.append("\n");
            run.measurements().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append("\n"));
        }
        if (!run.errorsByKind().isEmpty()) {
            md.append("\nErrors:\n");
            run.errorsByKind().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append("\n"));
        }
        return md.toString();
    }

    /**
     * Each step's deliveries by when they arrived, p50 / p99 per window: after a start or a jump in rate, a step's
     * p99 can come from a few of its seconds, which the step's own percentiles do not show.
     */
    static void windows(StringBuilder md, List<StepResult> steps) {
        List<StepResult> windowed = windowed(steps);
        if (windowed.isEmpty()) {
            return;
        }
        md.append("\nDeliveries by when they arrived (seconds since the step began: p50 / p99 ms):\n\n");
        md.append("| step | windows |\n|---|---|\n");
        for (StepResult s : windowed) {
            List<String> cells = new ArrayList<>();
            for (LatencyWindow w : s.windows()) {
                cells.add(String.format(Locale.ROOT, "%.1f–%.1f s: ", w.fromSeconds(), w.toSeconds())
                        + (w.latency().count() == 0 ? "none"
                        : fmt(w.latency().p50Ms()) + " / " + fmt(w.latency().p99Ms())));
            }
            md.append("| ").append(s.label()).append(" | ").append(String.join(" · ", cells)).append(" |\n");
        }
    }

    /** The steps whose deliveries came in more than one window: only their windows say more than the step does. */
    private static List<StepResult> windowed(List<StepResult> steps) {
        return steps.stream().filter(s -> s.windows().size() > 1).toList();
    }

    /**
     * Per step against each reference the run had (the relay, or the first node alone): both p99s, their ratio
     * (what we publish), losses and duplicates of both, and CPU where it was metered.
     */
    static void comparisons(StringBuilder md, List<StepResult> steps) {
        for (Reference reference : Reference.ALL) {
            comparison(md, steps, reference);
        }
    }

    private static void comparison(StringBuilder md, List<StepResult> steps, Reference reference) {
        List<StepResult> compared = steps.stream().filter(s -> s.extra().containsKey(reference.p99Key())).toList();
        if (compared.isEmpty()) {
            return;
        }
        String us = reference.subject();
        String them = reference.name();
        md.append("\n").append(reference.heading()).append(":\n\n");
        md.append("| step | " + us + " p99 ms | " + them + " p99 ms | " + us + "/" + them + " | " + us + " ack p50 ms | "
                + them + " ack p50 ms | " + us + " lost | " + us + " dup | " + them + " lost | " + them + " dup | " + us
                + " CPU s/M receipts | " + them + " CPU s/M receipts | CPU " + us + "/" + them + " |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        String key = reference.key();
        for (StepResult s : compared) {
            Object ratio = s.extra().get(reference.p99RatioKey());
            md.append("| ").append(s.label()).append(" | ").append(fmt(s.latency().p99Ms())).append(" | ")
                    .append(number(s.extra().get(reference.p99Key()))).append(" | ")
                    .append(ratio == null ? "n/a" : "×" + number(ratio)).append(" | ")
                    .append(s.ackLatency().count() > 0 ? fmt(s.ackLatency().p50Ms()) : "n/a").append(" | ")
                    .append(number(s.extra().get(reference.ackP50Key()))).append(" | ").append(s.lost()).append(" | ")
                    .append(s.duplicates()).append(" | ").append(s.extra().get(key + "_lost")).append(" | ")
                    .append(s.extra().get(key + "_duplicates")).append(" | ")
                    .append(number(s.extra().get("server_cpu_seconds_per_million_receipts"))).append(" | ")
                    .append(number(s.extra().get(key + "_cpu_seconds_per_million_receipts"))).append(" | ")
                    .append(s.extra().get(reference.cpuRatioKey()) instanceof Number n ? "×" + fmt(n.doubleValue())
                            : "n/a").append(" |\n");
        }
        md.append("\n").append(reference.knee(steps).sentence(us, them)).append("\n");
    }

    /** Per step, what the load generator itself took of the shared CPU. */
    static void toolCpu(StringBuilder md, List<StepResult> steps) {
        List<StepResult> metered = steps.stream().filter(s -> s.extra().containsKey("tool_cpu_seconds")).toList();
        if (metered.isEmpty()) {
            return;
        }
        md.append("\nThe load generator's own CPU (it shares the machine with the server):\n\n");
        md.append("| step | receipts | tool CPU s | tool CPU s per million receipts | tool % of machine | machine busy % | tool % of busy |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult s : metered) {
            Map<String, Object> x = s.extra();
            md.append("| ").append(s.label()).append(" | ").append(s.delivered()).append(" | ")
                    .append(number(x.get("tool_cpu_seconds"))).append(" | ")
                    .append(number(x.get("tool_cpu_seconds_per_million_receipts"))).append(" | ")
                    .append(number(x.get("tool_cpu_percent_of_machine"))).append(" | ")
                    .append(number(x.get("machine_busy_percent"))).append(" | ")
                    .append(number(x.get("tool_percent_of_busy"))).append(" |\n");
        }
    }

    private static String number(Object value) {
        return value instanceof Number n ? fmt(n.doubleValue()) : "n/a";
    }

    public static String html(RunResult run) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test: ")
                .append(esc(run.scenario())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}pre{background:#f6f6f6;padding:1em}</style>"
                        + "</head><body>\n");
        h.append("<h1>Load test: ").append(esc(run.scenario())).append("</h1>\n");
        h.append("<p>").append(esc(run.baseUrl())).append(" &middot; ").append(esc(run.startedAt())).append("</p>\n");
        h.append(chart(run));
        h.append(windowChart(run));
        h.append("<pre>").append(esc(markdown(run))).append("</pre>\n</body></html>\n");
        return h.toString();
    }

    /** Latency percentiles per step, log scale, one polyline per percentile. */
    static String chart(RunResult run) {
        List<StepResult> steps = run.steps().stream().filter(s -> s.latency().count() > 0).toList();
        if (steps.isEmpty()) {
            return "<p>No latencies measured in this run.</p>\n";
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (StepResult s : steps) {
            min = Math.min(min, s.latency().p50Ms());
            max = Math.max(max, s.latency().maxMs());
        }
        LogPlot plot = LogPlot.of(400, min, max);
        StringBuilder svg = plot.start("latency percentiles per step");
        double step = steps.size() == 1 ? 0 : plot.width() / (steps.size() - 1);
        for (int i = 0; i < steps.size(); i++) {
            double x = steps.size() == 1 ? LogPlot.LEFT + plot.width() / 2 : LogPlot.LEFT + i * step;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x,
                    plot.bottom() + 18, esc(steps.get(i).label())));
        }
        String[] names = {"p50", "p99", "p99.9", "max"};
        String[] colors = {"#1b7837", "#2166ac", "#b2182b", "#777777"};
        List<ToDoubleFunction<LatencySummary>> values = List.of(LatencySummary::p50Ms, LatencySummary::p99Ms,
                LatencySummary::p999Ms, LatencySummary::maxMs);
        for (int p = 0; p < names.length; p++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                double x = steps.size() == 1 ? LogPlot.LEFT + plot.width() / 2 : LogPlot.LEFT + i * step;
                double ms = values.get(p).applyAsDouble(steps.get(i).latency());
                plot.point(svg, points, x, ms, colors[p], esc(steps.get(i).label()) + " " + names[p], 3);
            }
            plot.line(svg, points, colors[p], 2);
        }
        plot.end(svg, steps.get(0).targetRate() > 0 ? "offered rate (messages/s)" : "step", names, colors);
        return svg.toString();
    }

    /**
     * p50 and p99 of every windowed step's deliveries by when they arrived, the steps one after another: where in a
     * step its slowest deliveries came (a cold start's first seconds, a jump in rate). Empty when no step has more
     * than one window.
     */
    static String windowChart(RunResult run) {
        List<StepResult> steps = windowed(run.steps());
        double seconds = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (StepResult s : steps) {
            seconds += s.windows().getLast().toSeconds();
            for (LatencyWindow w : s.windows()) {
                if (w.latency().count() > 0) {
                    min = Math.min(min, w.latency().p50Ms());
                    max = Math.max(max, w.latency().p99Ms());
                }
            }
        }
        if (max == 0 || seconds <= 0) {
            return "";
        }
        LogPlot plot = LogPlot.of(320, min, max);
        double perSecond = plot.width() / seconds;
        StringBuilder svg = plot.start("latency by when deliveries arrived, within each step");
        String[] names = {"p50", "p99"};
        String[] colors = {"#1b7837", "#2166ac"};
        List<ToDoubleFunction<LatencySummary>> values = List.of(LatencySummary::p50Ms, LatencySummary::p99Ms);
        double offset = 0;
        for (StepResult s : steps) {
            double x0 = LogPlot.LEFT + offset * perSecond;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#999\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x0, x0, LogPlot.TOP, plot.bottom(), x0 + 3,
                    plot.bottom() + 18, esc(s.label())));
            for (int p = 0; p < names.length; p++) {
                StringBuilder points = new StringBuilder();
                for (LatencyWindow w : s.windows()) {
                    if (w.latency().count() > 0) {
                        double x = LogPlot.LEFT + (offset + (w.fromSeconds() + w.toSeconds()) / 2) * perSecond;
                        plot.point(svg, points, x, values.get(p).applyAsDouble(w.latency()), colors[p],
                                String.format(Locale.ROOT, "%s %.1f–%.1f s %s", esc(s.label()), w.fromSeconds(),
                                        w.toSeconds(), names[p]), 2.5);
                    }
                }
                plot.line(svg, points, colors[p], 1.5);
            }
            offset += s.windows().getLast().toSeconds();
        }
        plot.end(svg, "seconds into each step", names, colors);
        return svg.toString();
    }

    /**
     * An inline SVG chart of milliseconds on a log scale, from {@code 10^lo} to {@code 10^hi} ms ({@link #of}: the
     * powers of ten around the values), with a legend on the right.
     */
    private record LogPlot(int height, double lo, double hi) {

        static final int WIDTH = 760;
        static final int LEFT = 70;
        static final int RIGHT = 150;
        static final int TOP = 20;
        static final int BELOW = 60;

        static LogPlot of(int height, double minMs, double maxMs) {
            double lo = Math.floor(Math.log10(Math.max(0.01, minMs)));
            return new LogPlot(height, lo, Math.max(lo + 1, Math.ceil(Math.log10(Math.max(0.01, maxMs)))));
        }

        double width() {
            return WIDTH - LEFT - RIGHT;
        }

        double bottom() {
            return height - BELOW;
        }

        double y(double ms) {
            double plotH = bottom() - TOP;
            return TOP + plotH - (Math.log10(Math.max(Math.pow(10, lo), ms)) - lo) / (hi - lo) * plotH;
        }

        /** The SVG element and a labelled line at every power of ten. */
        StringBuilder start(String label) {
            StringBuilder svg = new StringBuilder();
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                    .append(height).append("\" font-size=\"12\" role=\"img\" aria-label=\"").append(esc(label))
                    .append("\">\n");
            for (double d = lo; d <= hi; d++) {
                double y = y(Math.pow(10, d));
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\""
                        + " stroke=\"#ddd\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>\n", LEFT, LEFT + width(), y, y,
                        LEFT - 6, y + 4, fmt(Math.pow(10, d))));
            }
            return svg;
        }

        /** A dot at {@code x} for {@code ms}, titled "{@code title}: ms", and its place in {@code points}. */
        void point(StringBuilder svg, StringBuilder points, double x, double ms, String color, String title,
                   double radius) {
            double y = y(ms);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\">"
                    + "<title>%s: %s ms</title></circle>\n", x, y, fmt(radius), color, title, fmt(ms)));
        }

        void line(StringBuilder svg, StringBuilder points, String color, double strokeWidth) {
            svg.append("<polyline fill=\"none\" stroke-width=\"").append(fmt(strokeWidth)).append("\" stroke=\"")
                    .append(color).append("\" points=\"").append(points.toString().strip()).append("\"/>\n");
        }

        /** The axis's label, the legend and the end of the SVG element. */
        void end(StringBuilder svg, String xLabel, String[] names, String[] colors) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    LEFT + width() / 2, height - 12, xLabel));
            for (int p = 0; p < names.length; p++) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>\n",
                        LEFT + width() + 16, TOP + 16 + p * 18, colors[p], names[p]));
            }
            svg.append("</svg>\n");
        }
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
