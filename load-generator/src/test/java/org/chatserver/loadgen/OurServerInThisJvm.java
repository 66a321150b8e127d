package org.chatserver.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.bootstrap.ChatServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Our real server, started in this JVM on SQLite in {@code dataDir} (on a free port, with cheap
 * password hashing), for a scenario to run against it as it would against any server.
 */
final class OurServerInThisJvm implements AutoCloseable {

    private final ConfigurableApplicationContext server;
    private final String baseUrl;
    private final Path results;

    private OurServerInThisJvm(ConfigurableApplicationContext server, Path dataDir) {
        this.server = server;
        this.baseUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        this.results = dataDir.resolve("results");
    }

    /** Starts it; {@code flags} are more of the server's own, such as raised limits. */
    static OurServerInThisJvm start(Path dataDir, String... flags) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--chat.data-dir=" + dataDir,
                "--chat.security.bcrypt-cost=4", "--management.server.port=0"));
        args.addAll(List.of(flags));
        return new OurServerInThisJvm(new SpringApplicationBuilder(ChatServerApplication.class)
                .run(args.toArray(String[]::new)), dataDir);
    }

    /** Where {@link #run} has the tool write its reports. */
    Path results() {
        return results;
    }

    /** Runs {@code scenario} with {@code options} against this server; what the tool prints goes to {@code console}. */
    RunResult run(ByteArrayOutputStream console, String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(scenario, "--base-url=" + baseUrl, "--out=" + results));
        args.addAll(List.of(options));
        return LoadGenerator.execute(Options.parse(args.toArray(String[]::new)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /**
     * As {@link #run}, with this one server given as two nodes ({@code 127.0.0.1} and {@code localhost}): two
     * nodes that share everything, as two nodes of one deployment should.
     */
    RunResult runAsTwoNodes(ByteArrayOutputStream console, String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(scenario,
                "--base-url=" + baseUrl + "," + baseUrl.replace("127.0.0.1", "localhost"), "--out=" + results));
        args.addAll(List.of(options));
        return LoadGenerator.execute(Options.parse(args.toArray(String[]::new)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
