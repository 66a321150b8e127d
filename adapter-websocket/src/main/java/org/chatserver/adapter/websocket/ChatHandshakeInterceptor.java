package org.chatserver.adapter.websocket;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase.Authenticated;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.RoomReference;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.RoomId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Decides at the handshake who connects and to which room ({@code /ws/chat/{room}}), or that it is
 * the stream of all the caller's rooms ({@code /ws/user}, a path without a room): a bad, missing or expired token, or
 * a room the caller cannot see, refuses the upgrade with 403 as the old server did (the clients
 * treat any refusal alike). The token, from the {@code Authorization: Bearer} header or the
 * {@code token} query parameter, has already been taken out of the request by {@link TokenQueryFilter}.
 */
final class ChatHandshakeInterceptor implements HandshakeInterceptor {

    static final String CALLER = ChatHandshakeInterceptor.class.getName() + ".caller";
    static final String EXPIRES_AT = ChatHandshakeInterceptor.class.getName() + ".expiresAt";
    static final String ROOM = ChatHandshakeInterceptor.class.getName() + ".room";
    static final String SINCE = ChatHandshakeInterceptor.class.getName() + ".since";
    /** On {@code /ws/user}: a position per room, {@code Map<RoomId, HistoryPosition>}. */
    static final String STREAM_SINCE = ChatHandshakeInterceptor.class.getName() + ".streamSince";
    static final String ROOM_VARIABLE = "room";

    private final SessionLifetimeUseCase authenticate;
    private final ManageRoomsUseCase rooms;

    ChatHandshakeInterceptor(SessionLifetimeUseCase authenticate, ManageRoomsUseCase rooms) {
        this.authenticate = authenticate;
        this.rooms = rooms;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!(request instanceof ServletServerHttpRequest servletRequest)) {
            return refuse(response, HttpStatus.FORBIDDEN, "Not a servlet request");
        }
        HttpServletRequest http = servletRequest.getServletRequest();
        String roomReference = roomReference(http);
        HistoryPosition since = null;
        Map<RoomId, HistoryPosition> streamSince = null;
        try {
            if (roomReference == null) {
                streamSince = Cursors.perRoom(http.getParameter("since"));
            } else {
                since = Cursors.since(http.getParameter("since"));
            }
        } catch (InvalidValueException e) {
            return refuse(response, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            Authenticated caller = authenticate.authenticate(token(http));
            if (roomReference == null) {
                attributes.put(STREAM_SINCE, streamSince);
            } else {
                attributes.put(ROOM, rooms.resolve(caller.caller(), RoomReference.parse(roomReference)));
            }
            attributes.put(CALLER, caller.caller());
            // named after its class, as the HTTP adapter names its caller: the access log names the user of either
            http.setAttribute(AuthenticatedUser.class.getName(), caller.caller());
            attributes.put(EXPIRES_AT, caller.expiresAt());
            if (since != null) {
                attributes.put(SINCE, since);
            }
            return true;
        } catch (UseCaseException e) {
            return refuse(response, HttpStatus.FORBIDDEN, e.getMessage());
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private static String token(HttpServletRequest http) {
        return (String) http.getAttribute(TokenQueryFilter.TOKEN_ATTRIBUTE);
    }

    @SuppressWarnings("unchecked")
    private static String roomReference(HttpServletRequest http) {
        Object variables = http.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get(ROOM_VARIABLE) : null;
    }

    /** Refuses the handshake with {@code status} and {@code {"detail": …}} as JSON; false, to return as refused. */
    static boolean refuse(ServerHttpResponse response, HttpStatus status, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            response.getBody().write(OutboundFrames.detail(detail).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException ignored) {
            // the status alone already refuses the handshake
        }
        return false;
    }
}
