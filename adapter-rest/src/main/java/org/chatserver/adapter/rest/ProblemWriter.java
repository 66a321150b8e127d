package org.chatserver.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem body for answers given before Spring MVC is reached (servlet filters), in the shape
 * {@link RestExceptionHandler} gives everything else.
 */
final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, status, detail, null);
    }

    /** A 422 naming the field at fault, as {@link RestExceptionHandler} names one ({@code errors}). */
    static void unprocessable(HttpServletRequest request, HttpServletResponse response, String field, String message)
            throws IOException {
        write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message,
                List.of(Map.of("field", field, "message", message)));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String detail, List<Map<String, String>> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (errors != null) {
            body.put("errors", errors);
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
