package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web client as the server hands it out, over real HTTP: at {@code /}, under a strict
 * Content-Security-Policy, revalidated by ETag, compressed, and every module it imports present.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebClientServingTest {

    private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s[^;]*?from\\s+'(\\./|\\.\\./)([^']+)'");

    @LocalServerPort
    int port;

    HttpTestClient http;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("web-client-serving-test-"));
    }

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void theRootServesThePageUnderAStrictContentSecurityPolicy() {
        HttpResponse<byte[]> page = http.download("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).startsWith("text/html");
        String csp = header(page, "Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'", "require-trusted-types-for 'script'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<script type=\"module\" src=\"/assets/js/main.js\"></script>");
        // nothing inline that the policy would have to allow
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).isFalse();
        assertThat(html).doesNotContain("<style", " style=", " onload=", " onclick=");
    }

    /**
     * The API's description (Swagger UI) is on the web client's origin, where a page could ask for a token with the
     * session cookie: it may not be framed by another site nor run scripts from anywhere but here, and its "Try it out"
     * goes to the server it came from, not to a host a request's headers made up (which a cache would hand to
     * everyone).
     */
    @Test
    void theApiDocsAreServedUnderAPolicyAndNameNoHostFromTheRequest() {
        HttpResponse<byte[]> docs = http.download("/docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.uri().getPath()).startsWith("/swagger-ui/");
        String csp = header(docs, "Content-Security-Policy");
        assertThat(csp).as("the docs page's policy").isNotNull()
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'",
                        "base-uri 'none'", "object-src 'none'")
                .doesNotContain("unsafe-eval", "*");
        assertThat(csp.replaceFirst(".*script-src ([^;]*).*", "$1")).isEqualTo("'self'");
        assertThat(header(docs, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(docs, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(http.download("/swagger-ui/swagger-ui-bundle.js"), "X-Content-Type-Options")).isEqualTo("nosniff");

        String described = withHost("/openapi.json", "evil.example");
        assertThat(described).contains("\"servers\":[{\"url\":\"/\"").doesNotContain("evil.example");
    }

    /** The answer to a GET naming {@code host} in its Host header, which Java's HTTP client does not let one set. */
    private String withHost(String path, String host) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void filesAreRevalidatedByETagAndUnchangedOnesAnswer304WithoutABody() {
        for (String path : new String[] {"/", "/assets/app.css", "/assets/js/main.js"}) {
            HttpResponse<byte[]> first = http.download(path);
            String etag = header(first, "ETag");
            assertThat(etag).as(path).startsWith("W/\"");
            assertThat(header(first, "Cache-Control")).isEqualTo("no-cache");

            HttpResponse<byte[]> again = http.download(path, "If-None-Match", etag);

            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(http.download(path, "If-None-Match", "W/\"something-else\"").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void textAssetsAreCompressedForBrowsersThatAskAndStayTheSame() throws IOException {
        String path = "/assets/js/views/conversation.js";
        HttpResponse<byte[]> plain = http.download(path);
        HttpResponse<byte[]> compressed = http.download(path, "Accept-Encoding", "gzip");

        assertThat(header(plain, "Content-Encoding")).isNull();
        assertThat(header(compressed, "Content-Encoding")).isEqualTo("gzip");
        assertThat(compressed.body().length).isLessThan(plain.body().length / 2);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(header(compressed, "ETag")).isEqualTo(header(plain, "ETag"));
    }

    @Test
    void everyModuleTheClientImportsIsServedAsJavaScript() {
        Deque<String> toVisit = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        toVisit.add("/assets/js/main.js");
        while (!toVisit.isEmpty()) {
            String path = toVisit.pop();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<byte[]> module = http.download(path);
            assertThat(module.statusCode()).as(path).isEqualTo(200);
            assertThat(header(module, "Content-Type")).as(path).startsWith("text/javascript");
            Matcher imports = IMPORT.matcher(new String(module.body(), StandardCharsets.UTF_8));
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            while (imports.find()) {
                String base = imports.group(1).equals("./") ? dir : dir.substring(0, dir.lastIndexOf('/', dir.length() - 2) + 1);
                toVisit.add(base + imports.group(2));
            }
        }
        assertThat(seen).contains("/assets/js/wire/room-socket.js", "/assets/js/views/conversation.js").hasSizeGreaterThan(10);
        assertThat(http.download("/assets/js/missing.js").statusCode()).isEqualTo(404);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
