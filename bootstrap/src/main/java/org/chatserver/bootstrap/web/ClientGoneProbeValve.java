package org.chatserver.bootstrap.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.chatserver.adapter.rest.ClientConnection;

/**
 * Gives every request a probe that tells whether its client has closed the connection
 * ({@link ClientConnection#GONE_PROBE_ATTRIBUTE}). The servlet API has no such signal; Tomcat's
 * non-blocking availability check has: once the body has been read, it reads the socket without
 * waiting, and finds either nothing (the client waits), the end of the stream (it has gone), or, from
 * a client that pipelines, the start of its next request (treated as gone: clients do not pipeline
 * logins). Only the request's own thread may ask.
 */
final class ClientGoneProbeValve extends ValveBase {

    ClientGoneProbeValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        BooleanSupplier gone = () -> {
            coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
            return coyote.getAvailable() > 0;
        };
        request.setAttribute(ClientConnection.GONE_PROBE_ATTRIBUTE, gone);
        getNext().invoke(request, response);
    }
}
