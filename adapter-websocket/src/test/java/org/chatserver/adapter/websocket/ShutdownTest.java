package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.service.auth.AuthenticateService;
import org.chatserver.application.service.auth.SignUpService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Shutting down (what SIGTERM sets off) closes every connection with 1001, after the posts already
 * received are stored and delivered. Each test starts a server of its own, with graceful shutdown
 * as in production, and closes its context as the JVM's shutdown hook would.
 */
class ShutdownTest {

    private ConfigurableApplicationContext server;
    private String token1;
    private String token2;
    private Room room;

    @BeforeEach
    void start() {
        server = new SpringApplicationBuilder(WebSocketTestApplication.class)
                .run("--server.port=0", "--server.shutdown=graceful", "--spring.main.banner-mode=off");
        token1 = signUp("alice");
        token2 = signUp("bob");
        AuthenticatedUser alice = server.getBean(AuthenticateService.class).authenticate(token1);
        room = server.getBean(ManageRoomsService.class).create(alice, new CreateRoomCommand(new RoomName("lobby"), false));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyConnectionIsClosedWith1001() {
        try (ChatClient a = connect(token1); ChatClient b = connect(token2)) {
            server.close();

            for (ChatClient client : new ChatClient[] {a, b}) {
                assertThat(client.closeStatus()).isEqualTo("1001 Server shutting down");
            }
        }
    }

    @Test
    void postsInFlightAreStoredAndDeliveredBeforeTheClose() throws Exception {
        GatedMessageRepository store = server.getBean(GatedMessageRepository.class);
        SmartLifecycle webSockets = server.getBean("chatWebSocketShutdown", SmartLifecycle.class);
        try (ChatClient a = connect(token1); ChatClient b = connect(token2)) {
            a.next("user_joined");
            GatedMessageRepository.Stall stall = store.stallAppends();
            a.send(Map.of("type", "message", "content", "in flight", "client_id", "c-1"));
            stall.awaitAppend();

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);
            for (int i = 0; i < 1_000 && webSockets.isRunning(); i++) {
                Thread.sleep(10);
            }
            assertThat(webSockets.isRunning()).as("shutdown began").isFalse();
            a.send(Map.of("type", "message", "content", "too late", "client_id", "c-2"));
            assertThat(a.next()).isEqualTo(Map.of("type", "error",
                    "message", "The server is shutting down: send it again after reconnecting", "client_id", "c-2"));
            stall.release();

            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "c-1");
            assertThat(b.next("message")).containsEntry("message", "in flight");
            for (ChatClient client : new ChatClient[] {a, b}) {
                assertThat(client.closeStatus()).isEqualTo("1001 Server shutting down");
            }
            shutdown.get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private String signUp(String name) {
        return server.getBean(SignUpService.class).signUp(new SignUpCommand(new Username(name),
                new PlainPassword("correct horse"), "127.0.0.1")).accessToken();
    }

    private ChatClient connect(String token) {
        String port = server.getEnvironment().getProperty("local.server.port");
        ChatClient client = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/"
                + room.id().value() + "?token=" + token));
        client.next("connected");
        return client;
    }
}
