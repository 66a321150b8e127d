package org.chatserver.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.Banner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.FileSystemUtils;

/**
 * Warms the JIT before the node reports ready ({@code chat.warm-up.rounds}, off by default; see
 * docs/operations.md). The AOT cache brings classes and method profiles, not compiled code: a node
 * that takes traffic the moment it is ready runs its posting and fan-out path interpreted while the
 * JIT compiles it on the same cores, and its first half minute is several times slower than the
 * next. Rolling deploys put exactly that in front of users.
 *
 * <p>So, before readiness goes UP (an {@link ApplicationRunner}; liveness is already UP), this starts
 * a throwaway copy of the server in the same JVM, runs the build's training workload against it
 * ({@link TrainingRun}: sign-ups, a room, WebSocket clients posting and receiving) and closes it.
 * Compiled code belongs to the JVM, not to a Spring context, so the real server then serves its first
 * messages with the code the throwaway one compiled.
 *
 * <p>The throwaway server sees none of the operator's configuration (not the environment, not system
 * properties, not configuration files on disk) and its adapters are pinned by its own arguments, which
 * outrank every configuration file: SQLite in a temporary folder, local files there, in-process fan-out,
 * throttle and presence, no notifications, loopback only. So it can never write into the real database,
 * store or broker, whatever the real node uses. It leaves the logging system alone (the real node's).
 *
 * <p>A warm-up never keeps the node from serving: it runs on a thread of its own within a time limit, and
 * whatever goes wrong (the throwaway server not starting, its workload failing or taking too long) is one
 * WARN line, after which the node reports ready without it. A node stopped during its warm-up closes the
 * throwaway server and deletes its folder on the way out.
 */
final class WarmUp implements ApplicationRunner {

    static final String PROPERTY = "chat.warm-up";
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /**
     * Members of each round's room: every post is delivered 29 times, which runs the fan-out path as hot
     * as a busy room does, while each member's queue (up to 29 × 20 frames at once) stays well inside the
     * outbound bound (chat.websocket.outbound-queue-frames, 1,000).
     */
    static final int ROOM_SIZE = 30;
    static final int MESSAGES_PER_USER = 20;
    /** The throwaway server's start, and each round: generous on two busy cores (a round takes about 3 s). */
    private static final Duration START_ALLOWANCE = Duration.ofSeconds(60);
    private static final Duration ROUND_ALLOWANCE = Duration.ofSeconds(30);
    /** Where Spring Boot reports a failed start; muted while the throwaway server starts (our WARN says it once). */
    private static final List<String> START_FAILURE_REPORTERS = List.of(SpringApplication.class.getName(),
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");

    private final int rounds;
    private final List<String> throwawaySettings;
    private volatile int delivered;
    private volatile Path lastDataDirectory;

    /**
     * @param throwawaySettings extra {@code name=value} settings for the throwaway server, in place of ours
     *                          of the same name (tests use them to make it fail)
     */
    WarmUp(int rounds, List<String> throwawaySettings) {
        this.rounds = rounds;
        this.throwawaySettings = List.copyOf(throwawaySettings);
    }

    /** Messages the throwaway server delivered over WebSocket in the warm-up's last round; 0 if it failed. */
    int delivered() {
        return delivered;
    }

    /** The throwaway server's data directory in the last warm-up (deleted since); null if none ran. */
    Path lastDataDirectory() {
        return lastDataDirectory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (rounds == 0) {
            return;
        }
        long started = System.nanoTime();
        Duration limit = START_ALLOWANCE.plus(ROUND_ALLOWANCE.multipliedBy(rounds));
        LOG.info("Warm-up ({}.rounds={}): {} users a round posting over WebSocket to a throwaway server in this JVM, "
                + "before reporting ready (at most {} s)", PROPERTY, rounds, ROOM_SIZE, limit.toSeconds());
        Attempt attempt = new Attempt();
        // a node stopped while it warms up: close the throwaway server and delete its folder on the way out
        Runnable onShutdown = attempt::close;
        SpringApplication.getShutdownHandlers().add(onShutdown);
        FutureTask<Integer> task = new FutureTask<>(attempt::run);
        Thread worker = Thread.ofPlatform().name("warm-up").daemon(true).start(task);
        try {
            delivered = task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Warm-up done in {} ms", millisSince(started));
        } catch (ExecutionException e) {
            LOG.warn("Warm-up failed after {} ms; reporting ready without it: {}", millisSince(started),
                    reason(e.getCause()));
        } catch (TimeoutException e) {
            worker.interrupt();
            LOG.warn("Warm-up took longer than {} s; reporting ready without the rest of it", limit.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Warm-up interrupted after {} ms", millisSince(started));
        } finally {
            attempt.close();
            SpringApplication.getShutdownHandlers().remove(onShutdown);
        }
    }

    /** One warm-up: its folder and its server, closed once, by whoever comes first (it, a time-out, a shutdown). */
    private final class Attempt {
        private Path dataDir;
        private ConfigurableApplicationContext throwaway;
        private boolean closed;

        /** @return the deliveries of the last round */
        Integer run() throws Exception {
            Path dir = Files.createTempDirectory("chat-warm-up-");
            synchronized (this) {
                dataDir = dir;
                lastDataDirectory = dir;
                if (closed) {
                    delete(dir);
                    return 0;
                }
            }
            ConfigurableApplicationContext started = start(dir);
            synchronized (this) {
                if (closed) {
                    started.close();
                    return 0;
                }
                throwaway = started;
            }
            TrainingRun workload = new TrainingRun(PROPERTY, started.getEnvironment(), ROOM_SIZE,
                    MESSAGES_PER_USER, rounds);
            workload.run(new DefaultApplicationArguments());
            return workload.delivered();
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (throwaway != null) {
                throwaway.close();
            }
            delete(dataDir);
        }
    }

    private ConfigurableApplicationContext start(Path dataDir) {
        List<String> settings = new ArrayList<>(List.of(
                // the classpath's application.yml only: no ./application.yml or ./config of the operator's
                "spring.config.location=classpath:/",
                "spring.profiles.active=training",
                "chat.training-run.enabled=false",
                PROPERTY + ".rounds=0",
                // every adapter pinned here, whatever a configuration file says: nothing of the node's is touched
                "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db")
                        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000&foreign_keys=true"
                        + "&transaction_mode=IMMEDIATE",
                "chat.storage.type=fs",
                "chat.storage.fs.root=" + dataDir.resolve("files"),
                "chat.fanout.type=local",
                "chat.throttle.type=local",
                "chat.presence.type=local",
                "chat.notifications.type=none",
                "chat.auth.signup-free-attempts=100000",
                // loopback only: nothing outside this host ever reaches the throwaway server
                "server.address=127.0.0.1",
                "server.port=0",
                "management.server.address=127.0.0.1",
                "management.server.port=0",
                // its meters die with it; the real node's registry is the one that is scraped
                "management.metrics.use-global-registry=false",
                // no API docs: nobody reads them, and their start-up warning would contradict the node's settings
                "springdoc.api-docs.enabled=false",
                "springdoc.swagger-ui.enabled=false"));
        for (String setting : throwawaySettings) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            settings.removeIf(ours -> ours.startsWith(name));
            settings.add(setting);
        }
        SpringApplication application = new SpringApplicationBuilder(ChatServerApplication.class)
                .environment(operatorFree())
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .build();
        // the real node's logging stays as it is: this listener would reconfigure it, and reset it on close
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .toList());
        String[] args = settings.stream().map(s -> "--" + s).toArray(String[]::new);
        return withStartFailuresMuted(() -> application.run(args));
    }

    /**
     * Spring Boot reports a failed start at ERROR, as if the node itself had failed ("APPLICATION FAILED TO
     * START ... Correct chat.data-dir and start again"): not true of a warm-up, whose failure our WARN line
     * reports once, with the reason.
     */
    private static <T> T withStartFailuresMuted(Supplier<T> start) {
        LoggingSystem logging = LoggingSystem.get(WarmUp.class.getClassLoader());
        List<LogLevel> before = START_FAILURE_REPORTERS.stream()
                .map(logging::getLoggerConfiguration)
                .map(configuration -> configuration == null ? null : configuration.getConfiguredLevel())
                .toList();
        START_FAILURE_REPORTERS.forEach(name -> logging.setLogLevel(name, LogLevel.OFF));
        try {
            return start.get();
        } finally {
            for (int i = 0; i < START_FAILURE_REPORTERS.size(); i++) {
                logging.setLogLevel(START_FAILURE_REPORTERS.get(i), before.get(i));
            }
        }
    }

    /** An environment without the process's environment variables and system properties. */
    private static StandardEnvironment operatorFree() {
        return new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources propertySources) {
                // nothing: only the throwaway server's own arguments and the classpath's configuration
            }
        };
    }

    /** The sentence that names a setting, as a failed start reports it (SettingFailureAnalyzer); else the innermost cause. */
    private static String reason(Throwable failure) {
        FailureAnalysis namingASetting = new SettingFailureAnalyzer().analyze(failure);
        if (namingASetting != null) {
            return namingASetting.getDescription();
        }
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void delete(Path dataDir) {
        if (dataDir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException e) {
            LOG.warn("Warm-up: could not delete its temporary data directory {}: {}", dataDir, e.toString());
        }
    }
}
