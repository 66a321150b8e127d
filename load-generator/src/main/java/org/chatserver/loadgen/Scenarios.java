package org.chatserver.loadgen;

import java.util.List;

/** The scenarios by name. */
public final class Scenarios {

    public static final List<String> NAMES = List.of("smoke", "connections", "fanout", "write-ceiling", "history",
            "logins", "images", "search", "user-stream");

    private Scenarios() {
    }

    public static Scenario create(String name, RunContext ctx) {
        return switch (name) {
            case "smoke" -> new FanoutScenario(ctx, true);
            case "fanout" -> new FanoutScenario(ctx, false);
            case "connections" -> new ConnectionsScenario(ctx);
            case "write-ceiling" -> new WriteCeilingScenario(ctx);
            case "history" -> new HistoryScenario(ctx);
            case "logins" -> new LoginsScenario(ctx);
            case "images" -> new ImagesScenario(ctx);
            case "search" -> new SearchScenario(ctx);
            case "user-stream" -> new UserStreamScenario(ctx);
            default -> throw new Options.UsageException("unknown scenario '" + name + "'; one of " + NAMES);
        };
    }
}
