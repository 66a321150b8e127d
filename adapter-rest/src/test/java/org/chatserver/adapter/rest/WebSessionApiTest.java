package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The browser client's sessions: the refresh token only ever in an HttpOnly, SameSite=Strict cookie
 * scoped to /api/auth/web, never in a body a script could read; rotation, reuse and logout as for
 * the app's calls.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "chat.auth.refresh-token-ttl=3d")
@AutoConfigureMockMvc
class WebSessionApiTest extends HttpTestSupport {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryAuthUseCases auth;

    @BeforeEach
    void forgetEveryone() {
        auth.reset();
    }

    @Test
    void signUpSetsTheRefreshTokenAsAnHttpOnlyCookieAndAnswersOnlyTheAccessToken() {
        MvcTestResult result = postJson(mvc, "/api/auth/web/signup", credentials("alice", "correct horse"));

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).containsOnlyKeys("message", "access_token", "token_type", "expires_in")
                .containsEntry("message", "User registered successfully").containsEntry("token_type", "bearer");
        String cookie = header(result, HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("chat_refresh=refresh-").contains("HttpOnly", "SameSite=Strict",
                "Path=/api/auth/web", "Max-Age=259200").doesNotContain("Secure");
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(text(result)).doesNotContain(cookieValue(result));
    }

    /** Over HTTPS the cookie is one that no other site can set: {@code __Host-}, Secure, for the whole site. */
    @Test
    void overHttpsTheCookieIsSecureAndOnlyThisHostCanSetOneOfItsName() {
        postJson(mvc, "/api/auth/web/signup", credentials("alice", "correct horse"));

        MvcTestResult result = mvc.post().uri("https://chat.example/api/auth/web/login").secure(true)
                .contentType(MediaType.APPLICATION_JSON).content(credentials("alice", "correct horse")).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(header(result, HttpHeaders.SET_COOKIE)).startsWith("__Host-chat_refresh=refresh-")
                .contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/;").doesNotContain("Domain");
    }

    /**
     * Cookies a site on a parent domain planted beside the {@code __Host-} one, among them a valid one of another
     * account, change nothing: the session refreshes as itself, and its logout ends it alone.
     */
    @Test
    void overHttpsCookiesPlantedBesideOursNeitherSwapTheAccountNorEndTheSession() {
        postJson(mvc, "/api/auth/signup", credentials("mallory", "correct horse"));
        String mallorys = cookieValue(postJson(mvc, "/api/auth/web/login", credentials("mallory", "correct horse")));
        postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));
        MvcTestResult login = mvc.post().uri("https://chat.example/api/auth/web/login").secure(true)
                .contentType(MediaType.APPLICATION_JSON).content(credentials("alice", "correct horse")).exchange();
        Cookie alices = new Cookie("__Host-chat_refresh", hostCookieValue(login));
        Cookie[] sent = {new Cookie("chat_refresh", mallorys), new Cookie("chat_refresh", "junk-1"),
                new Cookie("chat_refresh", "junk-2"), new Cookie("chat_refresh", "junk-3"), alices};

        MvcTestResult refreshed = mvc.post().uri("https://chat.example/api/auth/web/refresh").secure(true).cookie(sent)
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(status(refreshed)).isEqualTo(200);
        String access = (String) json(refreshed).get("access_token");
        assertThat(json(getWithToken(mvc, "/api/auth/me", access))).as("whose session was refreshed")
                .containsEntry("username", "alice");
        sent[4] = new Cookie("__Host-chat_refresh", hostCookieValue(refreshed));
        MvcTestResult out = mvc.post().uri("https://chat.example/api/auth/web/logout").secure(true).cookie(sent)
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();
        assertThat(status(out)).isEqualTo(200);
        assertThat(status(refresh(mallorys))).as("mallory's session, planted beside alice's").isEqualTo(200);
    }

    /** A session begun over HTTPS before the {@code __Host-} cookie refreshes once with its old one and moves. */
    @Test
    void overHttpsASessionOfTheOldCookieMovesToTheNewOne() {
        String old = cookieValue(logIn());

        MvcTestResult refreshed = mvc.post().uri("https://chat.example/api/auth/web/refresh").secure(true)
                .cookie(new Cookie("chat_refresh", old)).contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(status(refreshed)).isEqualTo(200);
        assertThat(refreshed.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).satisfiesExactly(
                cookie -> assertThat(cookie).startsWith("__Host-chat_refresh=refresh-"),
                cookie -> assertThat(cookie).startsWith("chat_refresh=;").contains("Max-Age=0", "Path=/api/auth/web"));
    }

    @Test
    void refreshTradesTheCookieForANewAccessTokenAndANewCookieAndTheOldCookieStopsWorking() {
        MvcTestResult login = logIn();
        String first = cookieValue(login);

        MvcTestResult refreshed = refresh(first);

        assertThat(status(refreshed)).isEqualTo(200);
        Map<String, Object> body = json(refreshed);
        assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in");
        assertThat(body.get("access_token")).isNotEqualTo(json(login).get("access_token"));
        String second = cookieValue(refreshed);
        assertThat(second).isNotEqualTo(first).startsWith("refresh-");
        assertThat(status(getWithToken(mvc, "/api/auth/me", (String) body.get("access_token")))).isEqualTo(200);

        MvcTestResult reused = refresh(first);
        assertProblem(reused, 401, "Invalid or expired refresh token");
        assertThat(header(reused, HttpHeaders.SET_COOKIE)).startsWith("chat_refresh=;").contains("Max-Age=0");
    }

    @Test
    void refreshWithoutTheCookieIs401() {
        MvcTestResult result = mvc.post().uri("/api/auth/web/refresh").contentType(MediaType.APPLICATION_JSON)
                .content("{}").exchange();

        assertProblem(result, 401, "Invalid or expired refresh token");
        assertThat(header(result, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void refreshRefusesABodyThatIsNotJsonSoACrossSiteFormCannotTriggerIt() {
        String cookie = cookieValue(logIn());

        MvcTestResult result = mvc.post().uri("/api/auth/web/refresh").cookie(new Cookie("chat_refresh", cookie))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b").exchange();

        assertThat(status(result)).isEqualTo(415);
        assertThat(header(result, HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void logOutEndsTheSessionAndClearsTheCookie() {
        MvcTestResult login = logIn();
        String access = (String) json(login).get("access_token");

        MvcTestResult out = postJsonWithToken(mvc, "/api/auth/web/logout", access, "{}");

        assertThat(status(out)).isEqualTo(200);
        assertThat(json(out)).isEqualTo(Map.of("message", "Successfully logged out"));
        assertThat(header(out, HttpHeaders.SET_COOKIE)).startsWith("chat_refresh=;").contains("Max-Age=0", "Path=/api/auth/web");
        assertThat(status(getWithToken(mvc, "/api/auth/me", access))).isEqualTo(401);
        assertProblem(refresh(cookieValue(login)), 401, "Invalid or expired refresh token");
    }

    @Test
    void logOutNeedsABearerToken() {
        MvcTestResult result = postJson(mvc, "/api/auth/web/logout", "{}");

        assertProblem(result, 401, "Not authenticated");
    }

    @Test
    void aTabWhoseAccessTokenExpiredLogsOutWithTheCookieAlone() {
        MvcTestResult login = logIn();
        String access = (String) json(login).get("access_token");
        auth.expire(access);

        MvcTestResult out = mvc.post().uri("/api/auth/web/logout").cookie(new Cookie("chat_refresh", cookieValue(login)))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + access)
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(status(out)).as("logging out with an expired access token").isEqualTo(200);
        assertThat(header(out, HttpHeaders.SET_COOKIE)).startsWith("chat_refresh=;").contains("Max-Age=0");
        assertProblem(refresh(cookieValue(login)), 401, "Invalid or expired refresh token");
    }

    @Test
    void aCookieOfNoSessionIs401AndIsCleared() {
        MvcTestResult out = mvc.post().uri("/api/auth/web/logout").cookie(new Cookie("chat_refresh", "forged"))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertProblem(out, 401, "Invalid or expired refresh token");
        assertThat(header(out, HttpHeaders.SET_COOKIE)).startsWith("chat_refresh=;").contains("Max-Age=0");
    }

    /**
     * A site on a parent domain can set a cookie of the same name and path, which the browser sends before ours: the
     * session must go on refreshing (and must not lose its cookie), and logging out must end it.
     */
    @Test
    void aCookieOfTheSameNamePlantedBeforeOursNeitherEndsTheSessionNorKeepsItFromLoggingOut() {
        MvcTestResult login = logIn();
        Cookie planted = new Cookie("chat_refresh", "planted-by-a-parent-domain");

        MvcTestResult refreshed = mvc.post().uri("/api/auth/web/refresh")
                .cookie(planted, new Cookie("chat_refresh", "planted-2"), new Cookie("chat_refresh", "planted-3"),
                        new Cookie("chat_refresh", "planted-4"), new Cookie("chat_refresh", cookieValue(login)))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(status(refreshed)).as("refreshing with our cookie behind a planted one").isEqualTo(200);
        String ours = cookieValue(refreshed);
        assertThat(ours).startsWith("refresh-");

        MvcTestResult out = mvc.post().uri("/api/auth/web/logout").cookie(planted, new Cookie("chat_refresh", ours))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(status(out)).as("logging out with our cookie behind a planted one").isEqualTo(200);
        assertProblem(refresh(ours), 401, "Invalid or expired refresh token");
    }

    @Test
    void anExpiredAccessTokenWithoutTheCookieIsRefusedAsBefore() {
        String access = (String) json(logIn()).get("access_token");
        auth.expire(access);

        MvcTestResult out = postJsonWithToken(mvc, "/api/auth/web/logout", access, "{}");

        assertProblem(out, 401, "Could not validate credentials");
        assertThat(header(out, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void wrongPasswordIs401AndSetsNoCookie() {
        postJson(mvc, "/api/auth/web/signup", credentials("alice", "correct horse"));

        MvcTestResult result = postJson(mvc, "/api/auth/web/login", credentials("alice", "wrong horse"));

        assertProblem(result, 401, "Incorrect username or password");
        assertThat(header(result, HttpHeaders.SET_COOKIE)).isNull();
    }

    private MvcTestResult logIn() {
        postJson(mvc, "/api/auth/signup", credentials("alice", "correct horse"));
        MvcTestResult login = postJson(mvc, "/api/auth/web/login", credentials("alice", "correct horse"));
        assertThat(status(login)).isEqualTo(200);
        return login;
    }

    private MvcTestResult refresh(String cookie) {
        return mvc.post().uri("/api/auth/web/refresh").cookie(new Cookie("chat_refresh", cookie))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();
    }

    private static String hostCookieValue(MvcTestResult result) {
        String cookie = header(result, HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("__Host-chat_refresh=");
        return cookie.substring("__Host-chat_refresh=".length(), cookie.indexOf(';'));
    }

    private static String cookieValue(MvcTestResult result) {
        List<String> cookies = result.getResponse().getHeaders(HttpHeaders.SET_COOKIE);
        assertThat(cookies).hasSize(1);
        String cookie = cookies.get(0);
        return cookie.substring("chat_refresh=".length(), cookie.indexOf(';'));
    }
}
