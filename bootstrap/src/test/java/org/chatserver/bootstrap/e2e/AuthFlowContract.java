package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole authentication story over real HTTP against the whole server, on one database.
 * Subclasses pick the database.
 */
abstract class AuthFlowContract {

    @LocalServerPort
    int port;

    HttpTestClient client;

    @BeforeEach
    void connect() {
        client = new HttpTestClient(port);
    }

    static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void signUpLoginMeRefreshLogout() {
        String name = uniqueName();
        var signup = client.post("/api/auth/signup", credentials(name, "correct horse"), null);
        assertThat(signup.status()).isEqualTo(200);
        assertThat(signup.text("message")).isEqualTo("User registered successfully");
        assertThat(signup.text("token_type")).isEqualTo("bearer");
        assertThat(signup.text("access_token")).isNotBlank();
        assertThat(signup.text("refresh_token")).isNotBlank();
        // chat.auth.access-token-ttl's default, 15 minutes, as every token answer says
        assertThat(signup.json().path("expires_in").asLong()).isEqualTo(900);

        var login = client.post("/api/auth/login", credentials(name.toUpperCase(), "correct horse"), null);
        assertThat(login.status()).isEqualTo(200);
        String access = login.text("access_token");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(900);

        var me = client.get("/api/auth/me", access);
        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.path("username").asString()).isEqualTo(name);
        assertThat(body.path("id").isIntegralNumber()).isTrue();
        assertThat(body.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        var refreshed = client.post("/api/auth/refresh",
                "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}", null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refresh_token")).isNotEqualTo(login.text("refresh_token"));
        String newAccess = refreshed.text("access_token");
        assertThat(refreshed.json().path("expires_in").asLong()).isEqualTo(900);
        assertThat(client.get("/api/auth/me", newAccess).status()).isEqualTo(200);

        var logout = client.post("/api/auth/logout", null, newAccess);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.text("message")).isEqualTo("Successfully logged out");

        // both access tokens of the session stop at once, and so does its refresh token
        var after = client.get("/api/auth/me", access);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(client.get("/api/auth/me", newAccess).status()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh",
                "{\"refresh_token\":\"" + refreshed.text("refresh_token") + "\"}", null).status()).isEqualTo(401);
        // the sign-up session is another device and lives on
        assertThat(client.get("/api/auth/me", signup.text("access_token")).status()).isEqualTo(200);
    }

    static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":\"" + refreshToken + "\"}";
    }

    /** Alice lost her phone: from her laptop she finds it in her list of devices and ends it, and only it. */
    @Test
    void aLostPhoneIsFoundInTheListOfDevicesAndEndedFromTheLaptop() {
        String name = uniqueName();
        var laptop = client.postAs("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", "/api/auth/signup", credentials(name, "correct horse"));
        var phone = client.postAs("SocketChat/12 CFNetwork/1496.0.7 Darwin/23.5.0", "/api/auth/login",
                credentials(name, "correct horse"));
        var script = client.post("/api/auth/login", credentials(name, "correct horse"), null);
        var phoneNow = client.post("/api/auth/refresh", refreshBody(phone.text("refresh_token")), null);
        assertThat(phoneNow.status()).isEqualTo(200);
        String access = laptop.text("access_token");

        var list = client.get("/api/auth/sessions", access);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        List<String> devices = new ArrayList<>();
        list.json().forEach(session -> devices.add(session.path("device").asString()));
        assertThat(devices).as("the phone refreshed last").containsExactly(
                "SocketChat (iOS app)", "Java-http-client/" + System.getProperty("java.version"), "Chrome on Linux");
        JsonNode lost = list.json().get(0);
        assertThat(lost.path("current").asBoolean()).isFalse();
        assertThat(list.json().get(2).path("current").asBoolean()).isTrue();
        assertThat(lost.path("id").isIntegralNumber()).isTrue();
        assertThat(lost.path("last_used_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        var ended = client.delete("/api/auth/sessions/" + lost.path("id").asLong(), access);

        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.text("message")).isEqualTo("Logged out of that device");
        assertThat(client.get("/api/auth/me", phoneNow.text("access_token")).status()).as("the phone").isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", refreshBody(phoneNow.text("refresh_token")), null).status())
                .as("the phone's refresh token").isEqualTo(401);
        assertThat(client.get("/api/auth/me", script.text("access_token")).status()).as("the script").isEqualTo(200);
        assertThat(client.get("/api/auth/sessions", access).json()).hasSize(2);
        var again = client.delete("/api/auth/sessions/" + lost.path("id").asLong(), access);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.text("detail")).isEqualTo("Session not found");
        var own = client.delete("/api/auth/sessions/" + list.json().get(2).path("id").asLong(), access);
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.text("detail")).isEqualTo("This is the session you are using: log out to end it");
    }

    /** "Changing" to the current password would log out every other device for nothing: refused, nothing ends. */
    @Test
    void theCurrentPasswordAsTheNewOneIsRefusedAndTheOtherDevicesStay() {
        String name = uniqueName();
        String laptop = client.post("/api/auth/signup", credentials(name, "correct horse"), null).text("access_token");
        String phone = client.post("/api/auth/login", credentials(name, "correct horse"), null).text("access_token");

        var same = client.post("/api/auth/password",
                "{\"current_password\":\"correct horse\",\"new_password\":\"correct horse\"}", laptop);

        assertThat(same.status()).isEqualTo(422);
        assertThat(same.text("detail")).isEqualTo("new_password: new_password must differ from the current password");
        assertThat(client.get("/api/auth/me", phone).status()).as("the phone").isEqualTo(200);
    }

    @Test
    void aReplayedRefreshTokenEndsItsSession() {
        String name = uniqueName();
        var signup = client.post("/api/auth/signup", credentials(name, "correct horse"), null);
        String stolen = signup.text("refresh_token");
        var legit = client.post("/api/auth/refresh", refreshBody(stolen), null);
        assertThat(legit.status()).isEqualTo(200);
        var legitAgain = client.post("/api/auth/refresh", refreshBody(legit.text("refresh_token")), null);
        assertThat(legitAgain.status()).isEqualTo(200);

        var replay = client.post("/api/auth/refresh", refreshBody(stolen), null);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.text("detail")).isEqualTo("Invalid or expired refresh token");
        assertThat(client.get("/api/auth/me", legitAgain.text("access_token")).status()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", refreshBody(legitAgain.text("refresh_token")), null).status())
                .isEqualTo(401);
    }

    @Test
    void refreshesRacingWithOneTokenAllGetTheSameNewTokenAndTheSessionLivesOn() throws Exception {
        String name = uniqueName();
        String token = client.post("/api/auth/signup", credentials(name, "correct horse"), null).text("refresh_token");
        int racers = 4;
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<HttpTestClient.Response>>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post("/api/auth/refresh", refreshBody(token), null);
                }));
            }
            start.countDown();
        }

        Set<String> successors = new HashSet<>();
        for (var answer : answers) {
            var response = answer.get();
            assertThat(response.status()).as("a retried refresh: %s", response.body()).isEqualTo(200);
            assertThat(client.get("/api/auth/me", response.text("access_token")).status()).isEqualTo(200);
            successors.add(response.text("refresh_token"));
        }
        assertThat(successors).as("one successor, not a forked session").hasSize(1);
        var next = client.post("/api/auth/refresh", refreshBody(successors.iterator().next()), null);
        assertThat(next.status()).isEqualTo(200);
        assertThat(client.get("/api/auth/me", next.text("access_token")).status()).isEqualTo(200);
        // the successor is used now: the first token is a replay, and ends the session
        assertThat(client.post("/api/auth/refresh", refreshBody(token), null).status()).isEqualTo(401);
        assertThat(client.get("/api/auth/me", next.text("access_token")).status()).isEqualTo(401);
    }

    @Test
    void duplicateNamesAndBadInputGetClearAnswers() {
        String name = uniqueName();
        assertThat(client.post("/api/auth/signup", credentials(name, "correct horse"), null).status()).isEqualTo(200);

        var duplicate = client.post("/api/auth/signup", credentials(name.toUpperCase(), "another one"), null);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.text("detail")).isEqualTo("Username already registered");

        var empty = client.post("/api/auth/signup", credentials("", ""), null);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.text("detail")).contains("username");

        var tooLong = client.post("/api/auth/signup", credentials(uniqueName(), "x".repeat(73)), null);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text("detail")).contains("password").contains("72 bytes");

        var wrong = client.post("/api/auth/login", credentials(name, "wrong password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo("Incorrect username or password");
    }

    @Test
    void forgedTokensAreRefused() {
        String name = uniqueName();
        String access = client.post("/api/auth/signup", credentials(name, "correct horse"), null).text("access_token");
        String[] parts = access.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String otherSignature = parts[0] + "." + parts[1] + "." + b64.encodeToString(new byte[32]);

        for (String forged : new String[] {unsigned, otherSignature, "not-a-token", access + "x"}) {
            var me = client.get("/api/auth/me", forged);
            assertThat(me.status()).as(forged).isEqualTo(401);
            assertThat(me.header("WWW-Authenticate")).startsWith("Bearer");
        }
        var missing = client.get("/api/auth/me", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("detail")).isEqualTo("Not authenticated");
    }

    @Test
    void repeatedFailuresAreSlowedDown() {
        String name = uniqueName();
        client.post("/api/auth/signup", credentials(name, "correct horse"), null);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/auth/login", credentials(name, "guess " + i), null).status()).isEqualTo(401);
        }

        var throttled = client.post("/api/auth/login", credentials(name, "correct horse"), null);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        assertThat(throttled.text("detail")).isNotBlank();
    }

    @Test
    void healthAndApiDocsAreServed() {
        var health = client.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("healthy");

        var openapi = client.get("/openapi.json", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().path("paths").has("/api/auth/signup")).isTrue();

        var docs = client.get("/docs", null);
        assertThat(docs.status()).isIn(200, 302);

        // the actuator itself answers on the management port; the load balancer's probes stay here
        assertThat(client.get("/readyz", null).text("status")).isEqualTo("UP");
    }

    /**
     * A client generated from /openapi.json learns the error body and when to refresh a token: every call
     * declares its errors, a call behind a token its 401, a call with a JSON body its 422, and the bodies
     * really sent have the declared {@code detail}.
     */
    @Test
    void theApiDescriptionDeclaresTheErrorsClientsGet() {
        JsonNode spec = client.get("/openapi.json", null).json();
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").path("detail").path("type").asString()).isEqualTo("string");
        assertThat(problem.path("required").toString()).contains("\"detail\"");

        List<String> undeclared = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            JsonNode responses = operation.getValue().path("responses");
            String call = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
            if (!responses.has("default")) {
                undeclared.add(call + " has no error answer");
            }
            boolean needsToken = !operation.getValue().has("security") || !operation.getValue().path("security").isEmpty();
            if (needsToken != responses.has("401")) {
                undeclared.add(call + (needsToken ? " needs a token but declares no 401" : " is public but declares 401"));
            }
            boolean readsJson = operation.getValue().path("requestBody").path("content").has("application/json");
            if (readsJson && !responses.has("422")) {
                undeclared.add(call + " reads JSON but declares no 422");
            }
        }));
        assertThat(undeclared).as("calls whose errors /openapi.json does not describe").isEmpty();
        assertThat(spec.path("paths").path("/api/auth/signup").path("post").path("responses").has("401")).isFalse();

        var noToken = client.post("/api/rooms", "{\"name\":\"r\"}", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(noToken.text("detail")).isNotBlank();
        var wrongType = client.post("/api/auth/signup", "{\"username\":1,\"password\":\"correct horse\"}", null);
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().path("errors").path(0).path("field").asString()).isEqualTo("username");
    }
}
