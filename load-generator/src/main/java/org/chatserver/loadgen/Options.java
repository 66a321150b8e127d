package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line flags ({@code --name=value} or {@code --name value}). Every flag a scenario reads
 * is recorded with the value used, defaults included, so a result file says exactly what ran;
 * a flag nobody read is reported as unknown instead of being silently ignored.
 */
public final class Options {

    private final String scenario;
    private final Map<String, String> given;
    private final Map<String, String> used = new LinkedHashMap<>();

    private Options(String scenario, Map<String, String> given) {
        this.scenario = scenario;
        this.given = given;
    }

    public static Options parse(String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("the first argument must be a scenario: " + Scenarios.NAMES);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("expected a flag like --name=value, got '" + arg + "'");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                flags.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(body, args[++i]);
            } else {
                flags.put(body, "true");
            }
        }
        return new Options(args[0], flags);
    }

    public String scenario() {
        return scenario;
    }

    public String string(String name, String fallback) {
        String value = given.getOrDefault(name, fallback);
        used.put(name, value);
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        long value = number(name, fallback, min, max);
        return (int) value;
    }

    public long number(String name, long fallback, long min, long max) {
        String raw = string(name, Long.toString(fallback));
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Seconds as a whole or decimal number ({@code 30}, {@code 0.5}). */
    public Duration seconds(String name, double fallback, double min, double max) {
        String raw = string(name, trim(fallback));
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number of seconds, got '" + raw + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new UsageException("--" + name + " must be between " + trim(min) + " and " + trim(max)
                    + " seconds, got " + raw);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    public boolean flag(String name) {
        String raw = string(name, "false");
        return switch (raw) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, got '" + raw + "'");
        };
    }

    /** A comma-separated list of positive whole numbers. */
    public List<Integer> integers(String name, String fallback, int max) {
        String raw = string(name, fallback);
        List<Integer> values = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                int value = Integer.parseInt(part.strip());
                if (value < 1 || value > max) {
                    throw new NumberFormatException();
                }
                values.add(value);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a comma-separated list of numbers from 1 to " + max
                        + ", got '" + raw + "'");
            }
        }
        return List.copyOf(values);
    }

    /** Whether {@code name} was given on the command line (without counting it as read). */
    public boolean given(String name) {
        return given.containsKey(name);
    }

    /** Flags given on the command line that no part of the scenario asked for. */
    public Set<String> unknown() {
        Set<String> names = new TreeSet<>(given.keySet());
        names.removeAll(used.keySet());
        return names;
    }

    public Map<String, String> used() {
        return Collections.unmodifiableMap(used);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A mistake on the command line: printed as one line, with the usage text. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
