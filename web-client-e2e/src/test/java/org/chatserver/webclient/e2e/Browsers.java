package org.chatserver.webclient.e2e;

import static org.assertj.core.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine's Chromium, driven by Playwright for Java (no browser download, no Node.js on the
 * machine: Playwright's own driver ships in its jar). One browser for the whole test run, launched
 * once (a launch costs a second or two on a busy machine); each person in a test gets a new context
 * of it, which is as separate as another browser profile.
 */
final class Browsers {

    static final String PROPERTY = "chat.test.chromium";
    static final String VARIABLE = "CHAT_TEST_CHROMIUM";
    static final String DEFAULT = "/usr/bin/chromium";

    private Browsers() {
    }

    private static Launched shared;

    /** The JVM-wide Playwright and Chromium, launched on first use; it closes with the JVM. */
    static synchronized Launched shared() {
        if (shared == null) {
            shared = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A running Playwright and Chromium; fails (never skips) with a way out when there is no browser. */
    private static Launched launch() {
        Path chromium = Path.of(System.getProperty(PROPERTY, System.getenv().getOrDefault(VARIABLE, DEFAULT)));
        if (!Files.isExecutable(chromium)) {
            fail("The browser tests need Chromium, and there is none at " + chromium + ". Install Debian's "
                    + "(as root: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium "
                    + "chromium-driver; .ci/run does this), or point -D" + PROPERTY + " (or the environment "
                    + "variable " + VARIABLE + ") at a Chromium or Chrome executable.");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium));
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        return new Launched(playwright, browser);
    }

    /**
     * Loads the client once before the tests: the first load of a fresh server and browser (class
     * loading, compilation) can take many seconds on a busy machine, which is no test's business.
     */
    static void warmUp(Browser browser, ChatServer server) {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setDefaultTimeout(120_000);
            page.navigate(server.baseUrl());
            page.getByLabel("Password").waitFor();
        }
    }

    record Launched(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }
}
