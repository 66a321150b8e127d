package org.chatserver.loadgen;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Entry point: {@code java -jar load-generator-exec.jar <scenario> --flag=value ...}. Exit code 0
 * when the run completed (whatever it measured), 1 when it could not run, 2 on a usage mistake.
 */
public final class LoadGenerator {

    static final String USAGE = """
            usage: load-generator <scenario> [--flag=value ...]
                   load-generator relay [--port=8000] [--host=127.0.0.1] [--threads=2] [--store=<new SQLite file>]
              scenarios: smoke connections fanout write-ceiling history logins images search user-stream
              relay:     the reference relay (no auth; stores nothing, or with --store each message in SQLite
                         before it acks it), serving until stopped
              common:    --base-url=http://127.0.0.1:8000 --out=load-results --grace=5 --progress=5
                         --password=... --run-tag=<random> --server-pid=<pid> --message-size=0
                         --connect-timeout=10 --http-timeout=30 --ws-client=lean|jdk --ws-threads=1
              smoke/fanout:  --rooms --members --rates=250,500,... --step-seconds --warmup-seconds=0 --verify-stored
              fanout:        --relay=none|auto|<url> --relay-threads=2 --relay-java-options="-Xmx512m -XX:+UseSerialGC"
                             --relay-store=none|sqlite (auto: the child relay commits each message before its ack)
                             --base-url=<node 1>,<node 2>,... (members spread over the nodes) --compare-one-node
              connections:   --connections=10000 --users=100 --rooms --connect-concurrency=200 --hold-seconds=60
              write-ceiling: --senders=50 --seconds=30 --warmup-seconds=0 --post-via=ws|rest --verify-stored
                             --relay=none|auto|<url> (ws only: the same loop against the relay first, and the ratio)
              history:       --fill=1000000 --fill-connections=2 --fill-window=64 --room-name --samples=1000
                             --limit=50 --deep-fraction=0.1 --fill-max-seconds=3600
              logins:        --login-concurrency=8 --seconds=30 --warmup-seconds=10 --rooms=5 --members=20 --rate=100
              images:        --uploaders=4 --images=all|issue|limits --uplink-mbit=0 (0: loopback speed) --seconds=30 --warmup-seconds=10 --rooms=5 --members=20 --rate=100
              search:        --corpus=1000000 --rooms=100 --room-prefix=search-corpus- --fill-connections=2
                             --fill-window=64 --fill-max-seconds=7200 --samples=200 --limit=20
                             --concurrency=1,4 --write-seconds=30 --write-senders=50
                             --sqlite-file=<chat.db> | --psql=<connection string>
              user-stream:   --users=1000 --rooms=100 --rooms-per-user=20 --rates=500 --step-seconds=30 --compare-rooms
              search-corpus <messages> <rooms> <file>: the search corpus as a file (load-generator/search-seed.sh)
            see docs/benchmark.md""";

    private LoadGenerator() {
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && args[0].equals("search-corpus")) {
            SearchCorpusFile.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length > 0 && args[0].equals("relay")) {
            return relay(args, out);
        }
        try {
            RunResult result = execute(Options.parse(args), out);
            Report.Files3 files = Report.write(result, java.nio.file.Path.of(result.parameters().get("out")));
            out.println();
            out.print(Report.markdown(result));
            out.println();
            out.println("results: " + files.json() + "\n         " + files.markdown() + "\n         " + files.html());
            return 0;
        } catch (Options.UsageException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        } catch (Population.SetupException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            out.println("error: the run failed: " + e);
            e.printStackTrace(out);
            return 1;
        }
    }

    /** Serves the reference relay until the process is stopped. */
    static int relay(String[] args, PrintStream out) {
        try {
            Options o = Options.parse(args);
            int port = o.integer("port", 8000, 0, 65_535);
            String host = o.string("host", "127.0.0.1");
            int threads = o.integer("threads", 2, 1, 64);
            String store = o.string("store", "");
            if (!o.unknown().isEmpty()) {
                throw new Options.UsageException("unknown flag(s) for relay: " + o.unknown());
            }
            Relay relay = Relay.start(host, port, threads, store.isBlank() ? null : java.nio.file.Path.of(store));
            out.println(RelayProcess.READY + "http://" + host + ":" + relay.port() + " (" + threads + " threads"
                    + (relay.stores() ? ", " + RelayProcess.STORING + store : "") + ")");
            out.flush();
            Thread.currentThread().join();
            return 0;
        } catch (Options.UsageException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        } catch (java.io.IOException e) {
            out.println("error: the relay could not start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 0;
        }
    }

    /** Runs the scenario {@code options} name and returns what it measured, without writing files. */
    public static RunResult execute(Options options, PrintStream out) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        try (RunContext ctx = new RunContext(options, out)) {
            Scenario scenario = Scenarios.create(options.scenario(), ctx);
            if (ctx.nodes().size() > 1 && !(scenario instanceof FanoutScenario)) {
                throw new Options.UsageException("--base-url takes several nodes (separated by commas) for fanout and"
                        + " smoke only; " + options.scenario() + " runs against one server");
            }
            if (!options.unknown().isEmpty()) {
                throw new Options.UsageException("unknown flag(s) for " + options.scenario() + ": " + options.unknown());
            }
            out.println("scenario " + options.scenario() + " against " + ctx.target() + " (run " + ctx.runTag() + ")");
            Scenario.Outcome outcome = scenario.run();
            Object acks = outcome.measurements().get("acks_supported");
            return new RunResult(options.scenario(), ctx.target(), ctx.runTag(), started.toString(),
                    Math.round((System.nanoTime() - start) / 1e8) / 10.0, acks instanceof Boolean b ? b : null,
                    options.used(), outcome.steps(), outcome.measurements(), ctx.ledger().errorsByKind(),
                    ctx.ledger().foreignMessages(), ctx.notes());
        }
    }
}
