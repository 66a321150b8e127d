package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.application.service.auth.SignUpService;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.Username;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One running server for every WebSocket test class (same properties, so one cached context).
 * Each test makes its own users and rooms, so tests never see each other's traffic. A test that
 * stalls or fails the message store, or steps the ticker, undoes it before it ends.
 */
@SpringBootTest(classes = WebSocketTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chat.websocket.outbound-queue-frames=600",
                "chat.websocket.outbound-queue-size=256KB",
                "chat.websocket.send-timeout=3s",
                "chat.websocket.ping-interval=1s",
                "chat.websocket.idle-timeout=4s",
                "chat.websocket.max-connections-per-user=3",
                "chat.websocket.presence-limit=8",
                // as bootstrap's application.yml: a slow reader disconnected in the middle of a batch of frames is
                // expected here (ConnectionLimitsTest), and Tomcat warns of the unflushed batch with a stack trace
                "logging.level.org.apache.tomcat.websocket.WsSession=error"
        })
abstract class WebSocketTestSupport {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    SignUpService signUp;

    @Autowired
    AuthenticateService authenticate;

    @Autowired
    ManageRoomsService rooms;

    @Autowired
    PostMessageService posts;

    @Autowired
    InMemoryAttachmentRepository attachments;

    @Autowired
    GatedMessageRepository messageStore;

    @Autowired
    SteppingTicker ticker;

    @Autowired
    WebSocketConfiguration webSocket;

    /** Records an upload, as the upload endpoint would, so that messages may point at it. */
    void uploaded(User uploader, String name, AttachmentKind kind, String mimeType, long size) {
        attachments.add(new StoredAttachment(name, name, size, mimeType, kind, uploader.caller().userId(),
                Instant.now(), null));
    }

    record User(String name, String token, String refreshToken, AuthenticatedUser caller) {
    }

    User user(String prefix) {
        String name = prefix + NAMES.incrementAndGet();
        TokenPair tokens = signUp.signUp(new SignUpCommand(new Username(name), new PlainPassword("correct horse"),
                "127.0.0.1"));
        return new User(name, tokens.accessToken(), tokens.refreshToken(), authenticate.authenticate(tokens.accessToken()));
    }

    Room room(User owner) {
        return room(owner, false);
    }

    Room room(User owner, boolean isPrivate) {
        return rooms.create(owner.caller(), new CreateRoomCommand(new RoomName("room-" + NAMES.incrementAndGet()),
                isPrivate));
    }

    MessageId post(User sender, Room room, String text) {
        return posts.post(sender.caller(), new PostMessageCommand(room.id(), new MessageText(text), null, null, null,
                null)).id();
    }

    URI uri(String roomRef, String token) {
        return URI.create("ws://127.0.0.1:" + port + path(roomRef, token));
    }

    URI uri(String roomRef, String token, long since) {
        return URI.create(uri(roomRef, token) + "&since=" + since);
    }

    String path(String roomRef, String token) {
        return "/ws/chat/" + URLEncoder.encode(roomRef, StandardCharsets.UTF_8).replace("+", "%20")
                + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** {@code /ws/user} of the user, with {@code since} when not null (taken as it is). */
    URI userUri(String token, String since) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/user"
                + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)));
    }

    ChatClient connect(User user, Room room) {
        ChatClient client = ChatClient.connect(uri(Long.toString(room.id().value()), user.token()));
        client.next("connected");
        return client;
    }

    /** Waits until the server has received, and not yet processed, {@code count} frames of the user. */
    void awaitFramesWaiting(User user, int count) throws InterruptedException {
        for (int i = 0; i < 10_000 && webSocket.handler().framesWaiting(user.caller().userId()) < count; i++) {
            Thread.sleep(1);
        }
        assertThat(webSocket.handler().framesWaiting(user.caller().userId())).isEqualTo(count);
    }

    static long id(Object jsonNumber) {
        return ((Number) jsonNumber).longValue();
    }
}
