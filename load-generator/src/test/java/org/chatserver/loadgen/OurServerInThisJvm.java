package org.chatserver.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.chatserver.bootstrap.ChatServerApplication;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Our real server, started in this JVM on SQLite in a folder of its own (on a free port, with cheap
 * password hashing), for a scenario to run against it as it would against any server. A test class
 * registers one, {@code @RegisterExtension static final OurServerInThisJvm server = OurServerInThisJvm.with(...)}:
 * it starts before the class's tests and stops, its folder deleted, after them.
 */
final class OurServerInThisJvm implements BeforeAllCallback, AfterAllCallback {

    private final List<String> flags;
    private Path dataDir;
    private ConfigurableApplicationContext server;
    private String baseUrl;
    private Path results;

    private OurServerInThisJvm(List<String> flags) {
        this.flags = flags;
    }

    /** A server with {@code flags}, more of the server's own, such as raised limits. */
    static OurServerInThisJvm with(String... flags) {
        return new OurServerInThisJvm(List.of(flags));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("loadgen-our-server-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--chat.data-dir=" + dataDir,
                "--chat.security.bcrypt-cost=4", "--management.server.port=0"));
        args.addAll(flags);
        server = new SpringApplicationBuilder(ChatServerApplication.class).run(args.toArray(String[]::new));
        baseUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        results = dataDir.resolve("results");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
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
}
