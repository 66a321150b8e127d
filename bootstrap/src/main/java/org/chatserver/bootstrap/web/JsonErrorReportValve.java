package org.chatserver.bootstrap.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on a request it refused before the application saw it (a malformed or
 * over-long request line, an over-large header, {@code %00} or {@code %5C} in a path): the same
 * JSON problem body with a string {@code detail} as every other error, instead of Tomcat's HTML
 * page. Never echoes the request (its URL or headers may hold a token) nor Tomcat's own message.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    static final String MALFORMED = "The request could not be read: its request line, URL or headers are malformed"
            + " (bad percent-encoding, %00 or an encoded backslash in the path, a missing Host, a duplicate or invalid"
            + " Content-Length, a control character in a header), or larger than the server accepts, or its body did"
            + " not arrive in full";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = problem(status);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written any more: nothing left to tell it
        }
    }

    static String problem(int status) {
        String title = reason(status);
        String detail = status == 400 ? MALFORMED : title;
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status < 500 ? "Error " + status : "Internal Server Error";
    }
}
