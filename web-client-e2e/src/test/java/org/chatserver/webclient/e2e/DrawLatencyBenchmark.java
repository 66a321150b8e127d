package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures, and prints, what the web client costs a person: the bytes of a first load, and how
 * long after alice presses Enter her message is drawn in bob's browser (loopback, both browsers on
 * this machine, the server in this JVM). Not part of the suite (its name does not end in Test):
 * numbers belong in docs/web-client.md, not in assertions. Run it with
 * {@code ./mvnw -pl web-client-e2e -am verify -Dtest=DrawLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.messages=300} to change the count).
 */
class DrawLatencyBenchmark {

    private static final String OBSERVE = """
            () => {
              window.__drawn = {};
              const log = document.querySelector('.messages[role=log]');
              new MutationObserver((mutations) => {
                for (const m of mutations) for (const node of m.addedNodes) {
                  const text = node.querySelector?.('.text')?.textContent;
                  if (text && text.startsWith('bench-')) {
                    // drawn: the frame after the message entered the DOM has begun
                    requestAnimationFrame(() => { window.__drawn[text] = performance.timeOrigin + performance.now(); });
                  }
                }
              }).observe(log, {childList: true});
            }""";

    /** Notes when each bench frame arrives at bob's page, before the client handles it. */
    private static final String RECEIVED = """
            (() => {
              window.__received = {};
              const Native = window.WebSocket;
              window.WebSocket = class extends Native {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('message', (event) => {
                    const match = /"message":"(bench-\\d+)"/.exec(event.data);
                    if (match) window.__received[match[1]] = performance.timeOrigin + performance.now();
                  });
                }
              };
            })()""";

    private static final String SEND = """
            async ([count, gapMs]) => {
              const sent = {};
              for (let i = 0; i < count; i++) {
                const text = 'bench-' + i;
                const box = document.querySelector('.composer textarea');
                box.value = text;
                sent[text] = performance.timeOrigin + performance.now();
                box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
                await new Promise((r) => setTimeout(r, gapMs));
              }
              return sent;
            }""";

    @Test
    @SuppressWarnings("unchecked")
    void printFirstLoadSizeAndDrawLatency() {
        int count = Integer.getInteger("bench.messages", 200);
        int warmUp = 20;
        try (Stage stage = Stage.withOwnServer()) {
            ChatServer server = stage.server();
            FirstLoad load = FirstLoad.measure(stage.browser(), server);

            try (Person alice = Person.desktop(stage.browser(), "alice").signUp(server);
                    Person bob = Person.desktop(stage.browser(), "bob")) {
                bob.context.addInitScript(RECEIVED);
                bob.signUp(server);
                alice.createRoom("Bench", false);
                bob.openRoom("Bench");
                bob.button("Join room").click();
                assertThat(bob.composer()).isVisible();
                bob.page.evaluate(OBSERVE);

                // 8 messages a second: well under the server's per-connection flood limit
                Map<String, Number> sent = (Map<String, Number>) alice.page.evaluate(SEND, List.of(count, 125));
                assertThat(bob.message("bench-" + (count - 1))).hasCount(1);
                bob.page.waitForTimeout(200);
                Map<String, Number> drawn = (Map<String, Number>) bob.page.evaluate("() => window.__drawn");
                Map<String, Number> received = (Map<String, Number>) bob.page.evaluate("() => window.__received");

                List<Double> latencies = new ArrayList<>();
                List<Double> wire = new ArrayList<>();
                List<Double> client = new ArrayList<>();
                for (int i = warmUp; i < count; i++) {
                    String key = "bench-" + i;
                    Number at = drawn.get(key);
                    Number in = received.get(key);
                    if (at != null) {
                        latencies.add(at.doubleValue() - sent.get(key).doubleValue());
                    }
                    if (at != null && in != null) {
                        wire.add(in.doubleValue() - sent.get(key).doubleValue());
                        client.add(at.doubleValue() - in.doubleValue());
                    }
                }
                latencies.sort(Double::compare);
                wire.sort(Double::compare);
                client.sort(Double::compare);
                System.out.printf("%n== web client benchmark (%d cores, loopback) ==%n", Runtime.getRuntime().availableProcessors());
                System.out.printf("first load: %d requests, %.1f KB transferred (compressed, headers included)%n",
                        load.requests(), load.transferredBytes() / 1024.0);
                System.out.printf("reload: %d files answered 304, %d body bytes sent again%n", load.reloadNotModified(),
                        load.reloadBodyBytes());
                System.out.printf("Enter in alice's browser -> drawn in bob's: %d messages measured (%d warm-up skipped), "
                        + "%d not drawn%n", latencies.size(), warmUp, count - warmUp - latencies.size());
                System.out.printf("  p50 %.1f ms   p95 %.1f ms   p99 %.1f ms   max %.1f ms%n",
                        percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                        latencies.get(latencies.size() - 1));
                System.out.printf("  of which Enter -> frame at bob's page (alice's client, server, loopback): p50 %.1f ms   p95 %.1f ms%n",
                        percentile(wire, 50), percentile(wire, 95));
                System.out.printf("  and frame -> drawn (bob's client: parse, build, insert, next frame): p50 %.1f ms   p95 %.1f ms%n",
                        percentile(client, 50), percentile(client, 95));
                System.out.printf("  machine load average: %.1f%n%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
