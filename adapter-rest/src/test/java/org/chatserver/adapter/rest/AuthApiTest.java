package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The auth endpoints as the iOS app and the JavaScript client see them: paths, keys, statuses, headers. */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AuthApiTest extends HttpTestSupport {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryAuthUseCases auth;

    @BeforeEach
    void forgetEveryone() {
        auth.reset();
    }

    @Test
    void signUpAnswersTheMessageAndATokenPair() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));

        assertThat(status(result)).isEqualTo(200);
        Map<String, Object> body = json(result);
        assertThat(body).containsOnlyKeys("message", "access_token", "refresh_token", "token_type", "expires_in");
        assertThat(body).containsEntry("message", "User registered successfully")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 900);
        assertThat(body.get("access_token")).isInstanceOf(String.class);
        assertThat(body.get("refresh_token")).isInstanceOf(String.class).isNotEqualTo(body.get("access_token"));
    }

    /** Token answers must not be kept by a cache between (RFC 6749 §5.1); nor their refusals, as the web flow's. */
    @Test
    void everyAnswerOfTheAuthCallsSaysNoStore() {
        MvcTestResult signUp = postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));
        MvcTestResult[] answers = {signUp,
                postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")),
                postJson(mvc, "/api/auth/login", credentials("alice", "wrong horse")),
                postJson(mvc, "/api/auth/refresh", "{\"refresh_token\":\"" + json(signUp).get("refresh_token") + "\"}"),
                postJson(mvc, "/api/auth/refresh", "{\"refresh_token\":\"forged\"}"),
                postJson(mvc, "/api/auth/web/refresh", "{}")};

        for (MvcTestResult answer : answers) {
            assertThat(header(answer, HttpHeaders.CACHE_CONTROL)).as("%s: %s", status(answer), text(answer))
                    .isEqualTo("no-store");
        }
    }

    @Test
    void signUpWithATakenNameIs400WithTheOldDetail() {
        postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));

        MvcTestResult result = postJson(mvc, "/api/auth/signup", credentials("ALICE", "another secret"));

        assertThat(status(result)).isEqualTo(400);
        assertThat(json(result)).containsEntry("detail", "Username already registered");
    }

    @Test
    void signUpWithAnEmptyUsernameIs422NamingTheField() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", credentials("", "correct horse"));

        assertThat(status(result)).isEqualTo(422);
        Map<String, Object> body = json(result);
        assertThat(body).containsEntry("detail", "username: username must not be empty");
        assertThat(body.get("errors"))
                .isEqualTo(List.of(Map.of("field", "username", "message", "username must not be empty")));
    }

    @Test
    void signUpWithAShortPasswordIs422NamingTheField() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", credentials("alice", "short"));

        assertThat(status(result)).isEqualTo(422);
        assertThat((String) json(result).get("detail")).startsWith("password: ");
    }

    @Test
    void aMissingPasswordIs422NamingTheField() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", "{\"username\":\"alice\"}");

        assertThat(status(result)).isEqualTo(422);
        Map<String, Object> body = json(result);
        assertThat(body).containsEntry("detail", "password: password is required");
        assertThat(body.get("errors"))
                .isEqualTo(List.of(Map.of("field", "password", "message", "password is required")));
    }

    @Test
    void bothFieldsMissingAreBothNamed() {
        MvcTestResult result = postJson(mvc, "/api/auth/login", "{}");

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail",
                "password: password is required; username: username is required");
    }

    @Test
    void malformedJsonIs422() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", "{\"username\": \"alice\", ");

        assertThat(status(result)).isEqualTo(422);
        Map<String, Object> body = json(result);
        assertThat(body).containsEntry("detail", "body: body is not valid JSON");
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "body", "message", "body is not valid JSON")));
    }

    @Test
    void aFieldOfTheWrongJsonTypeIs422NamingIt() {
        MvcTestResult result = postJson(mvc, "/api/auth/signup", "{\"username\": {\"a\": 1}, \"password\": \"x\"}");

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "username: username must be a string");
    }

    @Test
    void anEmptyBodyIs422() {
        MvcTestResult result = postJson(mvc, "/api/auth/refresh", "");

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "body: body is missing or unreadable");
    }

    /** {@code null} is JSON, so "missing or unreadable" would send the client looking in the wrong place. */
    @Test
    void aNullBodyIs422SayingItMustBeAnObject() {
        MvcTestResult result = postJson(mvc, "/api/auth/refresh", " null ");

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "body: body must be a JSON object");
    }

    @Test
    void logInAnswersExactlyTheTokenPairKeys() {
        postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));

        MvcTestResult result = postJson(mvc, "/api/auth/login", credentials("alice", "correct horse"));

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).containsOnlyKeys("access_token", "refresh_token", "token_type", "expires_in")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 900);
    }

    @Test
    void logInWithAWrongPasswordIs401() {
        postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));

        MvcTestResult result = postJson(mvc, "/api/auth/login", credentials("alice", "wrong horse"));

        assertThat(status(result)).isEqualTo(401);
        assertThat(json(result)).containsEntry("detail", "Incorrect username or password");
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void aThrottledClientGets429WithRetryAfterInWholeSecondsRoundedUp() {
        MvcTestResult result = mvc.post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content(credentials("alice", "correct horse"))
                .with(request -> {
                    request.setRemoteAddr(InMemoryAuthUseCases.THROTTLED_ADDRESS);
                    return request;
                })
                .exchange();

        assertThat(status(result)).isEqualTo(429);
        assertThat(header(result, HttpHeaders.RETRY_AFTER)).isEqualTo("91");
        assertThat(json(result)).containsEntry("detail", "Too many failed login attempts, try again later");
    }

    @Test
    void aSaturatedHasherIs503WithRetryAfterAndNoLogLine(CapturedOutput output) {
        MvcTestResult result = mvc.post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content(credentials("alice", "correct horse"))
                .with(request -> {
                    request.setRemoteAddr(InMemoryAuthUseCases.BUSY_ADDRESS);
                    return request;
                })
                .exchange();

        assertThat(status(result)).isEqualTo(503);
        assertThat(header(result, HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(json(result)).containsEntry("detail", "The server is busy, try again shortly");
        assertThat(output.getAll()).doesNotContain("failed");
    }

    @Test
    void refreshTradesTheTokenForANewPairAndTheOldOneStopsWorking() {
        Map<String, Object> signUp = json(postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse")));
        String body = "{\"refresh_token\":\"" + signUp.get("refresh_token") + "\"}";

        MvcTestResult first = postJson(mvc, "/api/auth/refresh", body);
        MvcTestResult again = postJson(mvc, "/api/auth/refresh", body);

        assertThat(status(first)).isEqualTo(200);
        assertThat(json(first)).containsOnlyKeys("access_token", "refresh_token", "token_type", "expires_in");
        assertThat(json(first).get("refresh_token")).isNotEqualTo(signUp.get("refresh_token"));
        assertThat(status(again)).isEqualTo(401);
        assertThat(json(again)).containsEntry("detail", "Invalid or expired refresh token");
    }

    @Test
    void refreshWithoutTheTokenIs422NamingTheWireField() {
        MvcTestResult result = postJson(mvc, "/api/auth/refresh", "{\"refreshToken\":\"camel case is not the wire\"}");

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "refresh_token: refresh_token is required");
    }

    @Test
    void meAnswersTheProfileWithAZuluTimestampInWholeSeconds() {
        String token = signUp("alice");

        MvcTestResult result = getWithToken(mvc, "/api/auth/me", token);

        assertThat(status(result)).isEqualTo(200);
        Map<String, Object> body = json(result);
        assertThat(body).containsOnlyKeys("id", "username", "created_at")
                .containsEntry("username", "alice")
                .containsEntry("created_at", "2025-10-04T18:42:41Z");
        assertThat(body.get("id")).isInstanceOf(Integer.class);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String token = signUp("alice");

        MvcTestResult result = mvc.get().uri("/api/auth/me").header(HttpHeaders.AUTHORIZATION, "bearer " + token)
                .exchange();

        assertThat(status(result)).isEqualTo(200);
    }

    @Test
    void withoutABearerTokenTheAnswerIs401WithAChallenge() {
        MvcTestResult result = mvc.get().uri("/api/auth/me").exchange();

        assertThat(status(result)).isEqualTo(401);
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(json(result)).containsEntry("detail", "Not authenticated");
    }

    @Test
    void anotherSchemeCountsAsNoBearerToken() {
        MvcTestResult result = mvc.get().uri("/api/auth/me")
                .header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0").exchange();

        assertThat(status(result)).isEqualTo(401);
        assertThat(json(result)).containsEntry("detail", "Not authenticated");
    }

    @Test
    void aBadBearerTokenIs401WithInvalidToken() {
        MvcTestResult result = getWithToken(mvc, "/api/auth/me", "forged");

        assertThat(status(result)).isEqualTo(401);
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(json(result)).containsEntry("detail", "Could not validate credentials");
    }

    @Test
    void logOutEndsTheSession() {
        String token = signUp("alice");

        MvcTestResult result = mvc.post().uri("/api/auth/logout")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("message", "Successfully logged out"));
        assertThat(status(getWithToken(mvc, "/api/auth/me", token))).isEqualTo(401);
    }

    @Test
    void loggingOutTheOtherDevicesEndsTheirSessionsAndKeepsThisOne() {
        String laptop = signUp("alice");
        String phone = (String) json(postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")))
                .get("access_token");

        MvcTestResult result = mvc.post().uri("/api/auth/logout-others")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + laptop).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("message", "Logged out of every other device", "sessions_ended", 1));
        assertThat(status(getWithToken(mvc, "/api/auth/me", phone))).as("the phone").isEqualTo(401);
        assertThat(status(getWithToken(mvc, "/api/auth/me", laptop))).as("the laptop that asked").isEqualTo(200);
        assertThat(status(mvc.post().uri("/api/auth/logout-others").exchange())).as("without a token").isEqualTo(401);
    }

    private static final String LINUX_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private Map<String, Object> loginFrom(String userAgent) {
        var request = mvc.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content(credentials("alice", "correct horse"));
        return json((userAgent == null ? request : request.header(HttpHeaders.USER_AGENT, userAgent)).exchange());
    }

    private List<Map<String, Object>> sessionsOf(String token) {
        MvcTestResult result = getWithToken(mvc, "/api/auth/sessions", token);
        assertThat(status(result)).as(text(result)).isEqualTo(200);
        return jsonList(result);
    }

    @Test
    void theListOfSessionsNamesEachDeviceFromItsUserAgentAndMarksTheCallersOwn() {
        String laptop = (String) json(mvc.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, LINUX_CHROME).content(credentials("alice", "correct horse")).exchange())
                .get("access_token");
        Map<String, Object> phone = loginFrom(IPHONE_SAFARI);
        loginFrom(null);
        postJson(mvc, "/api/auth/refresh", "{\"refresh_token\":\"" + phone.get("refresh_token") + "\"}");

        List<Map<String, Object>> sessions = sessionsOf(laptop);

        assertThat(sessions).hasSize(3).allSatisfy(session -> assertThat(session)
                .containsOnlyKeys("id", "device", "created_at", "last_used_at", "current")
                .containsEntry("created_at", "2025-10-04T18:42:41Z"));
        assertThat(sessions).extracting(session -> session.get("device"))
                .as("the phone refreshed last, so it comes first; then the newer of the two others")
                .containsExactly("Safari on iOS", "Unknown device", "Chrome on Linux");
        assertThat(sessions).extracting(session -> session.get("current")).containsExactly(false, false, true);
        assertThat(sessions.getFirst().get("id")).isInstanceOf(Integer.class);
        assertThat((String) sessions.getFirst().get("last_used_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(status(mvc.get().uri("/api/auth/sessions").exchange())).as("without a token").isEqualTo(401);
    }

    @Test
    void endingTheLostPhoneLogsItOutAndLeavesTheCaller() {
        String laptop = signUp("alice");
        String phone = (String) loginFrom(IPHONE_SAFARI).get("access_token");
        Object phoneId = sessionsOf(phone).stream().filter(s -> (Boolean) s.get("current")).findFirst()
                .orElseThrow().get("id");

        MvcTestResult result = deleteWithToken(mvc, "/api/auth/sessions/" + phoneId, laptop);

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("message", "Logged out of that device"));
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(status(getWithToken(mvc, "/api/auth/me", phone))).as("the phone").isEqualTo(401);
        assertThat(sessionsOf(laptop)).extracting(s -> s.get("current")).containsExactly(true);
        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/" + phoneId, laptop), 404, "Session not found");
    }

    @Test
    void anotherUsersSessionIsNotFoundAndTheCallersOwnIsForALogout() {
        String laptop = signUp("alice");
        String bobs = signUp("bob");
        Object bobsId = sessionsOf(bobs).getFirst().get("id");
        Object ownId = sessionsOf(laptop).getFirst().get("id");

        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/" + bobsId, laptop), 404, "Session not found");
        assertThat(status(getWithToken(mvc, "/api/auth/me", bobs))).as("bob").isEqualTo(200);
        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/" + ownId, laptop), 409,
                "This is the session you are using: log out to end it");
        assertThat(status(getWithToken(mvc, "/api/auth/me", laptop))).isEqualTo(200);
        assertThat(status(mvc.delete().uri("/api/auth/sessions/" + ownId).exchange())).as("without a token")
                .isEqualTo(401);
    }

    @Test
    void aSessionIdThatIsNoIdIs422() {
        String laptop = signUp("alice");

        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/abc", laptop), 422,
                "session_id: session_id must be an integer");
        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/0", laptop), 422,
                "session_id: session id must be positive");
        assertProblem(deleteWithToken(mvc, "/api/auth/sessions/99999999999999999999", laptop), 422,
                "session_id: session_id is out of range");
    }

    @Test
    void logOutNeedsABearerToken() {
        MvcTestResult result = mvc.post().uri("/api/auth/logout").exchange();

        assertThat(status(result)).isEqualTo(401);
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void aSessionWhoseAccessTokenExpiredLogsOutWithItsRefreshToken() {
        Map<String, Object> pair = json(postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse")));
        String access = (String) pair.get("access_token");
        auth.expire(access);

        MvcTestResult result = mvc.post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + access)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}").exchange();

        assertThat(status(result)).as("logging out with an expired access token").isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("message", "Successfully logged out"));
        assertProblem(postJson(mvc, "/api/auth/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}"),
                401, "Invalid or expired refresh token");
    }

    @Test
    void aMisspeltRefreshTokenKeyIsRefusedNotTakenForTheBearersSession() {
        String token = signUp("alice");

        assertProblem(postJsonWithToken(mvc, "/api/auth/logout", token, "{\"refreshToken\":\"refresh-1\"}"), 422,
                "refreshToken: refreshToken is not a field of this request: send refresh_token");
        assertThat(status(getWithToken(mvc, "/api/auth/me", token))).as("the bearer's session").isEqualTo(200);
    }

    @Test
    void aRefreshTokenOfNoSessionIs401() {
        assertProblem(postJson(mvc, "/api/auth/logout", "{\"refresh_token\":\"forged\"}"),
                401, "Invalid or expired refresh token");
    }

    @Test
    void aJsonBodyWithoutARefreshTokenStillNeedsTheBearer() {
        String token = signUp("alice");

        assertThat(status(postJsonWithToken(mvc, "/api/auth/logout", token, "{}"))).isEqualTo(200);
        assertThat(status(getWithToken(mvc, "/api/auth/me", token))).isEqualTo(401);
        MvcTestResult anonymous = postJson(mvc, "/api/auth/logout", "{}");
        assertProblem(anonymous, 401, "Not authenticated");
        assertThat(header(anonymous, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void theBearerAloneStillLogsOutWhateverEmptyOrForeignBodyComesWithIt() {
        String jsonWithoutBody = signUp("alice");
        String textBody = signUp("bob");

        assertThat(status(mvc.post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + jsonWithoutBody)
                .contentType(MediaType.APPLICATION_JSON).exchange())).isEqualTo(200);
        assertThat(status(mvc.post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + textBody)
                .contentType(MediaType.TEXT_PLAIN).content("bye").exchange())).isEqualTo(200);
        assertThat(status(getWithToken(mvc, "/api/auth/me", jsonWithoutBody))).isEqualTo(401);
        assertThat(status(getWithToken(mvc, "/api/auth/me", textBody))).isEqualTo(401);
    }

    @Test
    void anExpiredBearerWithoutABodyIsRefusedAsBefore() {
        String token = signUp("alice");
        auth.expire(token);

        MvcTestResult result = postWithToken(mvc, "/api/auth/logout", token);

        assertProblem(result, 401, "Could not validate credentials");
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndTheNewPasswordLogsIn() {
        String asking = signUp("alice");
        String phone = (String) json(postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")))
                .get("access_token");

        MvcTestResult result = postJsonWithToken(mvc, "/api/auth/password", asking,
                "{\"current_password\":\"correct horse\",\"new_password\":\"battery staple\"}");

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("message", "Password changed"));
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(status(getWithToken(mvc, "/api/auth/me", asking))).as("the session that asked").isEqualTo(200);
        assertThat(status(getWithToken(mvc, "/api/auth/me", phone))).as("another device's session").isEqualTo(401);
        assertThat(status(postJson(mvc, "/api/auth/login", credentials("alice", "battery staple")))).isEqualTo(200);
        assertProblem(postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")),
                401, "Incorrect username or password");
    }

    @Test
    void aWrongCurrentPasswordIs403AndNot401SoClientsDoNotRefreshAndRetry() {
        String token = signUp("alice");

        assertProblem(postJsonWithToken(mvc, "/api/auth/password", token,
                "{\"current_password\":\"wrong horse\",\"new_password\":\"battery staple\"}"),
                403, "The current password is not correct");
        assertThat(status(postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")))).isEqualTo(200);
    }

    @Test
    void aNewPasswordTheServerRefusesIs422NamingNewPassword() {
        String token = signUp("alice");

        MvcTestResult shortOne = postJsonWithToken(mvc, "/api/auth/password", token,
                "{\"current_password\":\"correct horse\",\"new_password\":\"short\"}");
        MvcTestResult missing = postJsonWithToken(mvc, "/api/auth/password", token,
                "{\"current_password\":\"correct horse\"}");

        assertProblem(shortOne, 422, "new_password: new_password must be at least 8 characters long");
        assertProblem(missing, 422, "new_password: new_password is required");
        assertThat(status(postJson(mvc, "/api/auth/login", credentials("alice", "correct horse")))).isEqualTo(200);
    }

    @Test
    void theCurrentPasswordAsTheNewOneIs422NamingNewPassword() {
        String token = signUp("alice");

        MvcTestResult result = postJsonWithToken(mvc, "/api/auth/password", token,
                "{\"current_password\":\"correct horse\",\"new_password\":\"correct horse\"}");

        assertProblem(result, 422, "new_password: new_password must differ from the current password");
        assertThat(json(result).get("errors")).isEqualTo(List.of(Map.of("field", "new_password",
                "message", "new_password must differ from the current password")));
    }

    @Test
    void changingThePasswordNeedsABearerToken() {
        MvcTestResult result = postJson(mvc, "/api/auth/password",
                "{\"current_password\":\"correct horse\",\"new_password\":\"battery staple\"}");

        assertProblem(result, 401, "Not authenticated");
    }

    private String signUp(String username) {
        return (String) json(postJson(mvc, "/api/auth/signup", credentials(username, "correct horse")))
                .get("access_token");
    }
}
