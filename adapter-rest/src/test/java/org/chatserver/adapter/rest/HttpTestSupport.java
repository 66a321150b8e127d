package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.ObjectMapper;

/** Small helpers so the tests read as requests and answers. */
abstract class HttpTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> json(MvcTestResult result) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(result.getResponse().getContentAsString(), Map.class);
            return body;
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> jsonList(MvcTestResult result) {
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> body = JSON.readValue(result.getResponse().getContentAsString(), List.class);
            return body;
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error answer as the clients read it: the status and the string {@code detail}. */
    static void assertProblem(MvcTestResult result, int status, String detail) {
        assertThat(status(result)).as("status").isEqualTo(status);
        assertThat(json(result)).containsEntry("detail", detail);
    }

    static String text(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int status(MvcTestResult result) {
        return result.getResponse().getStatus();
    }

    static String header(MvcTestResult result, String name) {
        return result.getResponse().getHeader(name);
    }

    static MvcTestResult postJson(MockMvcTester mvc, String path, String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    static MvcTestResult getWithToken(MockMvcTester mvc, String path, String token) {
        return mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    static MvcTestResult postWithToken(MockMvcTester mvc, String path, String token) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    static MvcTestResult postJsonWithToken(MockMvcTester mvc, String path, String token, String body) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    static MvcTestResult deleteWithToken(MockMvcTester mvc, String path, String token) {
        return mvc.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }
}
