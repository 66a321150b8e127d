package org.chatserver.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.websocket.ChatClient;
import org.chatserver.bootstrap.PrometheusText;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge of the whole server over real HTTP, as an attacker or a broken client meets it: what
 * Tomcat refuses by itself, what the filters refuse before parsing, how strictly JSON is read, and
 * where the actuator answers. Every refusal is JSON with a string {@code detail}, and none of them
 * leaves a stack trace in the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        Path dataDir = TestDataDirs.create("http-edge-test-");
        registry.add("chat.data-dir", dataDir::toString);
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.auth.address-free-failures", () -> "3");
        // as in production: every request is a line, which the tests of the access log read
        registry.add("chat.access-log.enabled", () -> "true");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    String token;

    @BeforeEach
    void signUp() {
        String name = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        token = post("/api/auth/signup", "{\"username\":\"" + name + "\",\"password\":\"correct horse\"}", null)
                .json().path("access_token").asString();
        assertThat(token).isNotBlank();
    }

    @Test
    void malformedPercentEncodingInAQueryIs400JsonOnAnyPath(CapturedOutput output) {
        for (String target : new String[] {"/api/rooms?limit=%ff", "/api/messages/1/recent?limit=%ff",
                "/ws/chat/general?token=%ff", "/health?x=%ff", "/api/rooms?limit=%zz", "/api/rooms?limit=%f"}) {
            RawHttp.Answer answer = RawHttp.get(port, target, "Authorization: Bearer " + token);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).as(target)
                    .isEqualTo("The query string is not valid: use percent-encoded UTF-8 (e.g. %C3%A9 for é)");
        }
        // well-encoded UTF-8 still reaches the API
        assertThat(RawHttp.get(port, "/api/rooms?limit=%31%30", "Authorization: Bearer " + token).status())
                .isEqualTo(200);
        assertThat(output.getAll()).doesNotContain("MalformedInputException").doesNotContain("\tat ");
    }

    /** Tomcat throws where a parameter is first read, and the answer was a 500, also to a handshake without a token. */
    @Test
    void aQueryParameterWithoutANameOrTooManyOfThemIs400OnAnyPath(CapturedOutput output) {
        String many = java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "p" + i + "=1")
                .collect(java.util.stream.Collectors.joining("&"));
        for (String[] asked : new String[][] {
                {"/api/rooms?=5", "every parameter needs a name (name=value)"},
                {"/api/rooms/1/changes?limit=5&=", "every parameter needs a name (name=value)"},
                {"/ws/user?=1", "every parameter needs a name (name=value)"},
                {"/ws/chat/general?token=" + token + "&=1", "every parameter needs a name (name=value)"},
                {"/api/rooms?" + many, "it has more than 100 parameters"}}) {
            RawHttp.Answer answer = RawHttp.get(port, asked[0], "Authorization: Bearer " + token);

            assertThat(answer.status()).as(asked[0]).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).as(asked[0])
                    .isEqualTo("The query string is not valid: " + asked[1]);
        }
        assertThat(RawHttp.get(port, "/api/rooms?limit=5&&", "Authorization: Bearer " + token).status())
                .as("empty pairs, skipped").isEqualTo(200);
        assertThat(RawHttp.get(port, "/api/rooms?" + many.substring(0, many.lastIndexOf('&')),
                "Authorization: Bearer " + token).status()).as("100 parameters").isEqualTo(200);
        assertThat(output.getAll()).doesNotContain("InvalidParameterException").doesNotContain("\tat ");
    }

    /** The framework would join the two values with a comma and search for "apple,banana". */
    @Test
    void aQueryParameterGivenTwiceIs422NamingItOrAHandshakes400() {
        for (String target : new String[] {"/api/search?q=apple&q=banana", "/api/search?q=apple&limit=5&%71=pear",
                "/api/rooms?limit=5&limit=6"}) {
            RawHttp.Answer answer = RawHttp.get(port, target, "Authorization: Bearer " + token);

            assertThat(answer.status()).as(target).isEqualTo(422);
            assertThat(answer.json().path("detail").asString()).as(target).matches("(q|limit): \\1 must be given once");
        }
        assertThat(RawHttp.get(port, "/api/search?q=apple&limit=5", "Authorization: Bearer " + token).status())
                .isEqualTo(200);
        for (String target : new String[] {"/ws/chat/general?since=c1&since=c2", "/ws/user?token=a&token=b"}) {
            RawHttp.Answer handshake = RawHttp.get(port, target, "Authorization: Bearer " + token);

            assertThat(handshake.status()).as(target).isEqualTo(400);
            assertThat(handshake.json().path("detail").asString()).as(target).matches("(since|token) must be given once");
        }
    }

    @Test
    void requestsTomcatRefusesItselfGetJsonNotItsHtmlPage(CapturedOutput output) {
        String longSegment = "/" + "a".repeat(10_000);
        String hugeHeader = "X-Padding: " + "a".repeat(100_000);
        RawHttp.Answer[] answers = {
                RawHttp.get(port, "/api/files/a%00b"),
                RawHttp.get(port, "/api/files/a%5Cb"),
                RawHttp.get(port, "/api/rooms/%ff"),
                RawHttp.get(port, longSegment),
                RawHttp.get(port, "/health", hugeHeader)};

        for (RawHttp.Answer answer : answers) {
            assertThat(answer.status()).as(answer.head()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).doesNotContain("<html", "Tomcat");
            assertThat(answer.json().path("detail").asString()).startsWith("The request could not be read");
        }
        assertThat(output.getAll()).doesNotContain("Error parsing HTTP request header").doesNotContain("\tat ");
    }

    /**
     * Jackson's YAML is on the classpath (the OpenAPI tooling brings it): mark-read, the one body without a declared
     * type, read YAML past the strict JSON reader (a key given twice was a 500), and every endpoint answered YAML
     * to an Accept asking for it.
     */
    @Test
    void theApiReadsAndWritesJsonOnlyWhateverFormatsTheClasspathHolds(CapturedOutput output) {
        String markRead = "/api/rooms/1/mark-read";
        for (String type : new String[] {"application/yaml", "application/vnd.foo+json"}) {
            byte[] body = "up_to: 1\nup_to: 2\n".getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer answer = RawHttp.send(port, ("POST " + markRead + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\nup_to: 1\nup_to: 2\n")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.json().path("detail").asString()).as(type)
                    .isEqualTo("Content-Type " + type + " is not supported: send application/json");
        }
        RawHttp.Answer yaml = RawHttp.get(port, "/api/rooms", "Authorization: Bearer " + token,
                "Accept: application/yaml");
        assertThat(yaml.status()).as("a list asked for as YAML").isEqualTo(406);
        assertThat(yaml.header("Content-Type")).startsWith("application/problem+json");
        RawHttp.Answer bodiless = RawHttp.send(port, ("POST " + markRead + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bodiless.status()).as("mark-read without a body: everything").isEqualTo(200);
        assertThat(output.getAll()).doesNotContain("InvalidDefinitionException");
    }

    /** A browser asks for HTML first; an error still answers the JSON every other error has, not Spring's page. */
    @Test
    void anErrorAskedForAsHtmlIsJsonLikeAnyOther() {
        RawHttp.Answer[] answers = {
                RawHttp.get(port, "/WEB-INF/x", "Accept: text/html"),
                RawHttp.get(port, "/META-INF/x", "Accept: text/html,application/xhtml+xml;q=0.9"),
                RawHttp.send(port, ("TRACE /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII))};

        for (RawHttp.Answer answer : answers) {
            assertThat(answer.status()).as(answer.head()).isIn(404, 405);
            assertThat(answer.header("Content-Type")).as(answer.head()).startsWith("application/json");
            assertThat(answer.body()).as(answer.head()).doesNotContain("<html", "Whitelabel");
            assertThat(answer.json().path("detail").asString()).as(answer.head()).isIn("Not Found", "Method Not Allowed");
        }
    }

    /** A body the server would misread is refused with what is wrong with it, not a JSON parser's guess. */
    @Test
    void aCompressedOrNotQuiteUtf8BodyIsRefusedForWhatItIs() {
        String path = "/api/rooms";
        byte[] overlong = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};
        RawHttp.Answer slash = RawHttp.send(port, request("POST", path, "Content-Type: application/json", overlong));
        assertThat(slash.status()).as("an overlong UTF-8 '/'").isEqualTo(422);
        assertThat(slash.json().path("detail").asString()).isEqualTo("body: body is not valid UTF-8");

        RawHttp.Answer gzip = RawHttp.send(port, request("POST", path, "Content-Type: application/json\r\n"
                + "Content-Encoding: gzip", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(gzip.status()).as("a gzipped body").isEqualTo(415);
        assertThat(gzip.json().path("detail").asString())
                .isEqualTo("Content-Encoding gzip is not supported: send the body uncompressed");
    }

    /**
     * JSON is UTF-8 whatever charset its Content-Type names (RFC 8259). Read with the named one, a room called café
     * was stored as cafÃ©, and a password signed up so could only be typed back as mojibake.
     */
    @Test
    void aJsonBodyIsReadAsUtf8WhateverCharsetItsContentTypeNames() {
        for (String charset : new String[] {"iso-8859-1", "windows-1251", "foo", "utf-16"}) {
            String name = "Café ☕ Привет " + charset;
            RawHttp.Answer room = RawHttp.send(port, request("POST", "/api/rooms",
                    "Content-Type: application/json; charset=" + charset,
                    ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
            assertThat(room.status()).as(charset + ": " + room.body()).isEqualTo(200);
            assertThat(room.json().path("name").asString()).as(charset).isEqualTo(name);
        }

        String user = "charset" + UUID.randomUUID().toString().substring(0, 8);
        byte[] signUp = ("{\"username\":\"" + user + "\",\"password\":\"pässwörd123\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(RawHttp.send(port, request("POST", "/api/auth/signup", "Content-Type: application/json; "
                + "charset=iso-8859-1", signUp)).status()).isEqualTo(200);
        assertThat(post("/api/auth/login", "{\"username\":\"" + user + "\",\"password\":\"pässwörd123\"}", null)
                .status()).as("logging in with the password as typed").isEqualTo(200);
    }

    /** As a query parameter given twice: a proxy checking one credential and the server reading another. */
    @Test
    void twoAuthorizationHeadersAreRefused() {
        for (String target : new String[] {"/api/rooms", "/ws/user"}) {
            RawHttp.Answer answer = RawHttp.get(port, target, "Authorization: Bearer " + token,
                    "Authorization: Bearer " + token);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).isEqualTo("The Authorization header must be given once");
        }
        assertThat(RawHttp.get(port, "/api/rooms", "Authorization: Bearer " + token).status()).isEqualTo(200);
    }

    /** Requests Tomcat refuses itself name their fault's kind, and a status the server has a word for. */
    @Test
    void aRequestTomcatRefusesIsNamedForWhatItIs() {
        RawHttp.Answer noHost = RawHttp.send(port, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.json().path("detail").asString()).startsWith("The request could not be read")
                .contains("a missing Host");
        RawHttp.Answer version = RawHttp.send(port, "GET /health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(version.status()).isEqualTo(505);
        assertThat(version.json().path("detail").asString()).isEqualTo("HTTP Version not supported");
    }

    private byte[] request(String method, String path, String headers, byte[] body) {
        byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                + headers + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Test
    void theErrorPageIsNoResource() {
        RawHttp.Answer answer = RawHttp.get(port, "/error");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("detail").asString()).isEqualTo("Not Found");
    }

    @Test
    void aJsonBodyAboveTheLimitIs413BeforeParsingWithOrWithoutLength(CapturedOutput output) {
        String huge = "{\"username\":\"" + "a".repeat(100_000) + "\",\"password\":\"correct horse\"}";

        Answer sized = post("/api/auth/signup", huge, null);
        RawHttp.Answer chunked = RawHttp.postChunked(port, "/api/auth/signup", huge.getBytes(StandardCharsets.UTF_8),
                4096);

        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.json().path("detail").asString())
                .isEqualTo("Request body must be at most 64 KB (uploads: multipart/form-data)");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("detail").asString()).startsWith("Request body must be at most 64 KB");
        // just under the limit, and chunked: read and judged on its content
        String fits = "{\"username\":\"" + "a".repeat(60_000) + "\",\"password\":\"correct horse\"}";
        RawHttp.Answer under = RawHttp.postChunked(port, "/api/auth/signup", fits.getBytes(StandardCharsets.UTF_8), 4096);
        assertThat(under.status()).isEqualTo(422);
        assertThat(under.json().path("detail").asString()).startsWith("username: ");
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithADetail() {
        // an unknown key: read past, not bound, so only the parser's own limit can refuse it
        String deep = "{\"name\":\"deep\",\"extra\":" + "[".repeat(200) + "]".repeat(200) + "}";

        Answer answer = post("/api/rooms", deep, token);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("detail").asString())
                .isEqualTo("body: body is nested too deeply, or holds a string, number or name that is too long");
    }

    @Test
    void idsMustBeIntegersAndFlagsBooleansNotLookalikes() {
        for (String id : new String[] {"\"1\"", "1.5", "true"}) {
            Answer answer = post("/api/reactions/add", "{\"message_id\":" + id + ",\"reaction_type\":\"👍\"}", token);

            assertThat(answer.status()).as(id).isEqualTo(422);
            assertThat(answer.json().path("detail").asString()).as(id)
                    .isEqualTo("message_id: message_id must be an integer");
        }
        for (String flag : new String[] {"1", "\"true\"", "0"}) {
            Answer answer = post("/api/rooms", "{\"name\":\"flags " + flag.length() + UUID.randomUUID().toString()
                    .substring(0, 6) + "\",\"private\":" + flag + "}", token);

            assertThat(answer.status()).as(flag).isEqualTo(422);
            assertThat(answer.json().path("detail").asString()).as(flag).isEqualTo("private: private must be a boolean");
        }
        // what the clients really send still works: an integer id (of no message here) and a boolean
        assertThat(post("/api/reactions/add", "{\"message_id\":987654,\"reaction_type\":\"👍\"}", token).status())
                .isEqualTo(404);
        assertThat(post("/api/rooms", "{\"name\":\"real " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"private\":true}", token).status()).isEqualTo(200);
    }

    /**
     * A key named twice is refused, not read as its last value: a proxy or a log that reads the first one would see
     * another request than the server.
     */
    @Test
    void aBodyNamingAKeyTwiceIsRefused() {
        long room = post("/api/rooms", "{\"name\":\"twice " + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                token).json().path("id").asLong();

        Answer twice = post("/api/rooms/" + room + "/messages", "{\"content\":\"shown\",\"content\":\"stored\"}",
                token);

        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().path("detail").asString()).isEqualTo("body: body names a key twice");
    }

    /** Text is a JSON string, as over the WebSocket: a number or a flag is not read as its digits or its word. */
    @Test
    void textIsAJsonStringNotANumberOrFlagSpelledOut() {
        for (String value : new String[] {"123", "true", "1.5e3"}) {
            Answer signUp = post("/api/auth/signup", "{\"username\":" + value + ",\"password\":\"correct horse\"}", null);

            assertThat(signUp.status()).as("a username of " + value).isEqualTo(422);
            assertThat(signUp.json().path("detail").asString()).isEqualTo("username: username must be a string");
        }
        long room = post("/api/rooms", "{\"name\":\"strings " + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                token).json().path("id").asLong();
        Answer content = post("/api/rooms/" + room + "/messages", "{\"content\":123}", token);
        assertThat(content.status()).isEqualTo(422);
        assertThat(content.json().path("detail").asString()).isEqualTo("content: content must be a string");
        // the one field documented to take either: client_id, an integer taken as its digits
        assertThat(post("/api/rooms/" + room + "/messages", "{\"content\":\"x\",\"client_id\":42}", token).status())
                .isEqualTo(200);
    }

    /**
     * An id in a path or a query is decimal ASCII digits: Java's own number parsing would also take a room's id in hex,
     * with a sign, a trailing space or in digits of another script, and answer with that room.
     */
    @Test
    void idsInPathsAndQueriesAreDecimalDigitsNotWhatJavaWouldParse() {
        long id = post("/api/rooms", "{\"name\":\"ids " + UUID.randomUUID().toString().substring(0, 8) + "\"}", token)
                .json().path("id").asLong();
        assertThat(id).isPositive();
        StringBuilder arabicIndic = new StringBuilder();
        StringBuilder fullwidth = new StringBuilder();
        Long.toString(id).chars().forEach(d -> {
            arabicIndic.append((char) (0x0660 + d - '0'));
            fullwidth.append((char) (0xFF10 + d - '0'));
        });
        assertThat(getWithToken("/api/rooms/" + id).status()).as("the room by its id").isEqualTo(200);
        for (String lookalike : new String[] {"0x" + Long.toHexString(id), "%23" + Long.toHexString(id), "+" + id,
                id + "%20", URLEncoder.encode(arabicIndic.toString(), StandardCharsets.UTF_8),
                URLEncoder.encode(fullwidth.toString(), StandardCharsets.UTF_8)}) {
            Answer answer = getWithToken("/api/rooms/" + lookalike);

            assertThat(answer.status()).as("/api/rooms/" + lookalike).isEqualTo(422);
            assertThat(answer.json().path("detail").asString()).as(lookalike)
                    .isEqualTo("room_id: room_id must be an integer");
        }
        Answer hexLimit = getWithToken("/api/rooms?limit=0x3");
        assertThat(hexLimit.status()).isEqualTo(422);
        assertThat(hexLimit.json().path("detail").asString()).isEqualTo("limit: limit must be an integer");
    }

    /** JSON can escape half of a surrogate pair; such text would be stored as '?', so it is refused, field named. */
    @Test
    void textWithHalfASurrogatePairIsRefusedNotStoredAsQuestionMarks() {
        long room = post("/api/rooms", "{\"name\":\"halves " + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                token).json().path("id").asLong();
        Answer content = post("/api/rooms/" + room + "/messages", "{\"content\":\"x\\ud800y\"}", token);
        assertThat(content.status()).isEqualTo(422);
        assertThat(content.json().path("detail").asString())
                .isEqualTo("content: content must not contain unpaired surrogates (half of a UTF-16 pair)");
        Answer password = post("/api/auth/signup", "{\"username\":\"h" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\"}", null);
        assertThat(password.status()).isEqualTo(422);
        assertThat(password.json().path("detail").asString())
                .isEqualTo("password: password must not contain unpaired surrogates (half of a UTF-16 pair)");
        assertThat(post("/api/rooms/" + room + "/messages", "{\"content\":\"a whole pair \\ud83d\\ude00\"}", token)
                .json().path("message").asString()).isEqualTo("a whole pair 😀");
    }

    private Answer getWithToken(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** A phone that loses its network mid-upload is no news for the operator: every one logged a WARN. */
    @Test
    void anUploadCutOffByItsClientLeavesNoWarningInTheLog(CapturedOutput output) throws Exception {
        String boundary = "edge-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 the first bytes of a larger file";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST /api/upload-file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: 20000\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(300);
        }
        Thread.sleep(1_000); // the server reads the end of the stream and gives up on the request

        assertThat(output.getAll()).doesNotContain("Response already committed").doesNotContain(" WARN ");
        assertThat(RawHttp.get(port, "/health").status()).as("the server after it").isEqualTo(200);
    }

    @Test
    void aMultipartWithTooManyPartsSaysSo() {
        String boundary = "edge-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\n")
                    .append("x\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upload-file"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();

        Answer answer = send(request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asString())
                .isEqualTo("The multipart request has too many parts: send the file as one part named 'file'");
    }

    /** 255 CJK characters are 765 bytes of UTF-8 in the part's headers, past Tomcat's default of 512. */
    @Test
    void aFileWithALongNameInAnyScriptIsTakenAndANameTooLongForThePartHeadersSaysSo() {
        String longest = "会".repeat(251) + ".txt";

        Answer taken = send(upload(longest, "hello"));

        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().path("original_filename").asString()).isEqualTo(longest);

        Answer refused = send(upload("会".repeat(3000) + ".txt", "hello"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("The file part's headers are too long: send a shorter file name");
    }

    private HttpRequest upload(String fileName, String content) {
        String boundary = "edge-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upload-file"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void metricsAnswerOnTheManagementPortOnlyAndProbesOnBoth() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/health"}) {
            assertThat(get(port, path).status()).as(path).isEqualTo(404);
        }
        assertThat(get(port, "/readyz").status()).isEqualTo(200);
        assertThat(get(port, "/livez").status()).isEqualTo(200);
        assertThat(get(port, "/health").json().path("status").asString()).isEqualTo("healthy");

        assertThat(managementPort).isNotEqualTo(port);
        Answer prometheus = get(managementPort, "/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(get(managementPort, "/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
    }

    /**
     * Refusals are counted in {@code http_server_requests} with their status and the route refused, those given before
     * any handler was chosen included. Until 2026-12-07 the edge filter's (413, 415, 400) were not counted at all, and
     * Spring's own (405, 415) were tagged {@code uri="UNKNOWN"}, which says nothing of what was refused.
     */
    @Test
    void refusalsAreCountedInTheHttpMetricsByStatusAndRoute() {
        String before = get(managementPort, "/actuator/prometheus").body();
        String json = "Content-Type: application/json";
        assertThat(RawHttp.send(port, request("POST", "/api/rooms", "Content-Type: text/plain", new byte[] {'x'}))
                .status()).as("not JSON").isEqualTo(415);
        assertThat(RawHttp.send(port, request("POST", "/api/rooms", json + "\r\nContent-Encoding: gzip",
                "{}".getBytes(StandardCharsets.US_ASCII))).status()).as("compressed").isEqualTo(415);
        assertThat(RawHttp.postChunked(port, "/api/rooms", new byte[70_000], 4096).status())
                .as("over chat.http.max-json-body").isEqualTo(413);
        assertThat(RawHttp.get(port, "/api/rooms?limit=%ff", "Authorization: Bearer " + token).status())
                .as("a query string that is not UTF-8").isEqualTo(400);
        assertThat(RawHttp.send(port, request("DELETE", "/api/rooms", json, new byte[0])).status())
                .as("a wrong method").isEqualTo(405);
        assertThat(RawHttp.get(port, "/ws/chat/general?since=c1&since=c2", "Authorization: Bearer " + token).status())
                .as("a handshake's parameter given twice").isEqualTo(400);

        String after = get(managementPort, "/actuator/prometheus").body();
        assertThat(requests(after, "POST", 415, "/api/rooms") - requests(before, "POST", 415, "/api/rooms")).isEqualTo(2);
        assertThat(requests(after, "POST", 413, "/api/rooms") - requests(before, "POST", 413, "/api/rooms")).isEqualTo(1);
        assertThat(requests(after, "GET", 400, "/api/rooms") - requests(before, "GET", 400, "/api/rooms")).isEqualTo(1);
        assertThat(requests(after, "DELETE", 405, "/api/rooms") - requests(before, "DELETE", 405, "/api/rooms"))
                .isEqualTo(1);
        assertThat(requests(after, "GET", 400, "/ws/chat/{room}") - requests(before, "GET", 400, "/ws/chat/{room}"))
                .isEqualTo(1);
    }

    /** The requests counted with these tags so far, 0 for none. */
    private static double requests(String prometheus, String method, int status, String uri) {
        return prometheus.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> line.contains("method=\"" + method + "\"") && line.contains("status=\"" + status + "\"")
                        && line.contains("uri=\"" + uri + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * A handshake is a request like any other: its refusal names its id, and its access line names the user who
     * connected, never the token in its query string.
     */
    @Test
    void aWebSocketHandshakeHasAnIdAndAnAccessLineNamingItsUserNotItsToken(CapturedOutput output) {
        RawHttp.Answer refused = RawHttp.get(port, "/ws/chat/general?since=c1&since=c2", "X-Request-Id: handshake-7");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("X-Request-Id")).isEqualTo("handshake-7");
        long userId = getWithToken("/api/auth/me").json().path("id").asLong();

        try (ChatClient client = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/user?token=" + token))) {
            client.until("connected");
        }

        assertThat(output.getAll().lines().filter(line -> line.contains("org.chatserver.access")))
                .anySatisfy(line -> assertThat(line).contains("GET /ws/chat/general 400 ").contains("request=handshake-7"))
                .anySatisfy(line -> assertThat(line).contains("GET /ws/user 101 ").endsWith(" user=" + userId));
        assertThat(output.getAll()).doesNotContain(token);
    }

    /** What a node carries shows in its metrics: its open WebSocket connections, beside Tomcat's HTTP sessions. */
    @Test
    void theOpenWebSocketConnectionsAreAGaugeInPrometheus() throws Exception {
        double before = webSocketConnections();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/user?token=" + token), new WebSocket.Listener() { })
                .get(30, TimeUnit.SECONDS);
        try {
            // registered once the server has taken the connection, a moment after the handshake's answer
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (webSocketConnections() < before + 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(webSocketConnections()).as("with one more open").isEqualTo(before + 1);
        } finally {
            socket.abort();
        }
    }

    private double webSocketConnections() {
        return PrometheusText.value(get(managementPort, "/actuator/prometheus").body(), "chat_websocket_connections");
    }

    /**
     * The operator's full health, on the management port (this host only by default), names each component, so that
     * a DOWN says which one is down; the load balancer's probes on the API port show no more than their status.
     */
    @Test
    void fullHealthOnTheManagementPortNamesTheComponentsAndTheProbesOnTheApiPortDoNot() {
        var health = get(managementPort, "/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("diskSpace").path("details").has("threshold")).isTrue();

        for (String probe : new String[] {"/readyz", "/livez"}) {
            var answer = get(port, probe).json();
            assertThat(answer.path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(answer.has("components")).as(probe + " shows components").isFalse();
            assertThat(answer.has("details")).as(probe + " shows details").isFalse();
        }
    }

    @Test
    void aProxyOnThisHostIsBelievedByDefault() {
        for (int i = 0; i < 3; i++) {
            assertThat(loginFrom("203.0.113.1", "nobody" + i).status()).isEqualTo(401);
        }

        assertThat(loginFrom("203.0.113.1", "nobody9").status()).as("that client is throttled").isEqualTo(429);
        assertThat(loginFrom("203.0.113.2", "nobody9").status()).as("another client behind the proxy").isEqualTo(401);
    }

    Answer loginFrom(String forwardedFor, String name) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                        + "\",\"password\":\"wrong password\"}")).build());
    }

    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Answer post(String path, String json, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    private static Answer get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
