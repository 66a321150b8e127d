package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Everything that is not a use case's answer: health, unknown paths, wrong methods, crashes, API docs. */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgesTest extends HttpTestSupport {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryAuthUseCases auth;

    @BeforeEach
    void forgetEveryone() {
        auth.reset();
    }

    @Test
    void healthAnswersWithoutAToken() {
        MvcTestResult result = mvc.get().uri("/health").exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("status", "healthy"));
    }

    @Test
    void anUnknownPathIs404Json() {
        MvcTestResult result = mvc.get().uri("/no/such/thing").exchange();

        assertThat(status(result)).isEqualTo(404);
        assertThat(json(result)).containsEntry("detail", "Not Found");
    }

    @Test
    void anUnknownApiPathNeedsATokenBeforeItIs404() {
        String token = (String) json(postJson(mvc, "/api/auth/signup", credentials("walker", "correct horse")))
                .get("access_token");

        assertThat(status(mvc.get().uri("/api/no/such/thing").exchange())).isEqualTo(401);
        MvcTestResult result = getWithToken(mvc, "/api/no/such/thing", token);
        assertThat(status(result)).isEqualTo(404);
        assertThat(json(result)).containsEntry("detail", "Not Found");
    }

    @Test
    void publicApiPathsNeedNoToken() {
        assertThat(status(mvc.get().uri("/api/reactions/available").exchange())).isEqualTo(200);
        // an unknown file: a 404 rather than a 401 shows the interceptor let it through
        assertThat(status(mvc.get().uri("/api/files/3f2a.png").exchange())).isEqualTo(404);
        assertThat(status(mvc.get().uri("/api/reactions/message/1").exchange())).isEqualTo(401);
    }

    @Test
    void aWrongMethodIs405WithADetail() {
        MvcTestResult result = mvc.get().uri("/api/auth/login").exchange();

        assertThat(status(result)).isEqualTo(405);
        assertThat(json(result).get("detail")).isInstanceOf(String.class);
    }

    /** An Accept header the API cannot satisfy, or cannot even read, still gets a problem body saying so. */
    @Test
    void anAcceptTheApiCannotAnswerIs406WithAProblemBody() {
        for (String accept : new String[] {";;;", "text/csv"}) {
            MvcTestResult result = mvc.get().uri("/api/reactions/available").header(HttpHeaders.ACCEPT, accept).exchange();

            assertThat(status(result)).as(accept).isEqualTo(406);
            assertThat(result.getResponse().getContentType()).as(accept).startsWith("application/problem+json");
            assertThat(json(result)).as(accept).containsEntry("detail",
                    "The Accept header asks for nothing this API answers with: accept application/json");
        }
    }

    @Test
    void jsonOfTheWrongShapeIsNotCalledInvalidJson() {
        for (String body : new String[] {"[]", "\"alice\"", "1"}) {
            assertThat(json(postJson(mvc, "/api/auth/login", body))).as(body)
                    .containsEntry("detail", "body: body must be a JSON object");
        }
        assertThat(json(postJson(mvc, "/api/auth/login", "{\"username\": "))).containsEntry("detail",
                "body: body is not valid JSON");
    }

    /** Two objects, or an object and more, are no JSON document: it was "body must be a JSON object". */
    @Test
    void anObjectFollowedByMoreIsNotValidJson() {
        for (String body : new String[] {"{\"username\":\"a\",\"password\":\"x\"}{\"username\":\"b\"}",
            "{\"username\":\"a\",\"password\":\"x\"} 1", "{\"username\":\"a\",\"password\":\"x\"}[]"}) {
            assertThat(json(postJson(mvc, "/api/auth/login", body))).as(body)
                    .containsEntry("detail", "body: body is not valid JSON");
        }
    }

    /** Broken inside a value: it was "username: username has an invalid value", as if the name were refused. */
    @Test
    void jsonBrokenInsideAValueIsNotValidJsonNotAnInvalidValue() {
        for (String body : new String[] {"{\"username\":\"a\nb\",\"password\":\"x\"}",
            "{\"username\":\"a\\q\",\"password\":\"x\"}", "{\"username\":\"alice\",\"password\":01}"}) {
            assertThat(json(postJson(mvc, "/api/auth/login", body))).as(body)
                    .containsEntry("detail", "body: body is not valid JSON");
        }
    }

    @Test
    void aBodyWithoutAContentTypeIs415SayingWhatToSend() {
        MvcTestResult result = mvc.post().uri("/api/auth/login").content("{\"username\":\"alice\"}").exchange();

        assertThat(status(result)).isEqualTo(415);
        assertThat(json(result)).containsEntry("detail", "Content-Type is required: send application/json");
        MvcTestResult plain = mvc.post().uri("/api/auth/login").contentType(MediaType.TEXT_PLAIN).content("x").exchange();
        assertThat(json(plain)).containsEntry("detail", "Content-Type text/plain is not supported: send application/json");
    }

    @Test
    void aBodyThatIsNotJsonIs415WithADetail() {
        MvcTestResult result = mvc.post().uri("/api/auth/login").contentType(MediaType.TEXT_PLAIN)
                .content("username=alice").exchange();

        assertThat(status(result)).isEqualTo(415);
        assertThat(json(result).get("detail")).isInstanceOf(String.class);
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        MvcTestResult result = mvc.get().uri("/probe/boom").exchange();

        assertThat(status(result)).isEqualTo(500);
        assertThat(json(result)).containsEntry("detail", "Internal server error");
        assertThat(text(result)).doesNotContain(RestTestApplication.SECRET, "DeliberateFault", "IllegalStateException");
    }

    @Test
    void aRepeatedServerFaultIsLoggedOnceNotPerRequest(CapturedOutput output) {
        for (int i = 0; i < 30; i++) {
            assertThat(status(mvc.get().uri("/probe/same-fault").exchange())).isEqualTo(500);
        }

        assertThat(output.getAll().lines().filter(line -> line.contains("GET /probe/same-fault failed"))).hasSize(1);
    }

    @Test
    void aClientThatHungUpWhileItsAnswerWasWrittenIsNoFaultInTheLog(CapturedOutput output) {
        mvc.get().uri("/probe/hung-up").exchange();

        assertThat(output.getAll()).as("the server log, after a client hung up mid-answer")
                .doesNotContain("/probe/hung-up failed", "Broken pipe");
    }

    @Test
    void clientFaultsLeaveNoStackTraceInTheLog(CapturedOutput output) {
        assertThat(status(postJson(mvc, "/api/auth/login", "{\"username\": [1, 2"))).isEqualTo(422);
        assertThat(status(postJson(mvc, "/api/auth/login", "{\"username\": 1}"))).isIn(401, 422);
        assertThat(status(mvc.get().uri("/probe/items/abc").exchange())).isEqualTo(422);
        assertThat(status(mvc.delete().uri("/api/auth/login").exchange())).isEqualTo(405);

        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void aPathVariableOfTheWrongTypeIs422() {
        MvcTestResult result = mvc.get().uri("/probe/items/abc").exchange();

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "id: id must be an integer")
                .containsEntry("errors", List.of(Map.of("field", "id", "message", "id must be an integer")));
    }

    @Test
    void aMissingQueryParameterIs422() {
        MvcTestResult result = mvc.get().uri("/probe/search").exchange();

        assertThat(status(result)).isEqualTo(422);
        assertThat(json(result)).containsEntry("detail", "limit: limit is required");
    }

    @Test
    void errorsOutsideSpringMvcAlsoCarryADetail() {
        // what the servlet container forwards to after refusing a request itself
        MvcTestResult result = mvc.get().uri("/error").accept(MediaType.APPLICATION_JSON)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/rooms")
                .exchange();

        assertThat(status(result)).isEqualTo(400);
        assertThat(json(result)).containsEntry("detail", "Bad Request");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDocsDeclareBearerAuthOnceAndMarkPublicEndpoints() {
        Map<String, Object> docs = json(mvc.get().uri("/v3/api-docs").exchange());

        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) docs.get("components"))
                .get("securitySchemes");
        assertThat(schemes).containsOnlyKeys("bearerAuth");
        assertThat(docs.get("security")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        Map<String, Object> paths = (Map<String, Object>) docs.get("paths");
        Map<String, Object> login = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/auth/login")).get("post");
        Map<String, Object> me = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/auth/me")).get("get");
        assertThat(login.get("security")).isEqualTo(List.of());
        assertThat(me).doesNotContainKeys("security", "parameters");
        Map<String, Object> available = (Map<String, Object>) ((Map<String, Object>) paths
                .get("/api/reactions/available")).get("get");
        Map<String, Object> rooms = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/rooms")).get("get");
        assertThat(available.get("security")).isEqualTo(List.of());
        assertThat(rooms).doesNotContainKey("security");
    }
}
