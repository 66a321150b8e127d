package org.chatserver.adapter.websocket;

import jakarta.websocket.server.ServerContainer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.application.port.in.room.WatchUserUseCase;
import org.chatserver.application.port.in.user.TrackPresenceUseCase;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The chat WebSocket as bootstrap imports it: {@code /ws/chat/{room}} and {@code /ws/user} with the limits of
 * {@link WebSocketProperties}. The use cases it calls are bootstrap's beans; a {@link Clock} bean
 * and a {@link Ticker} bean are used when there are.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(WebSocketProperties.class)
public class WebSocketConfiguration implements WebSocketConfigurer, DisposableBean {

    static final String PATH_PREFIX = "/ws/";
    static final String CHAT_PATH = "/ws/chat/{" + ChatHandshakeInterceptor.ROOM_VARIABLE + "}";
    static final String USER_PATH = "/ws/user";

    /** Where nothing tracks presence (tests of the protocol alone). */
    private static final TrackPresenceUseCase NO_PRESENCE = new TrackPresenceUseCase() {
        @Override
        public void connected(org.chatserver.application.port.in.AuthenticatedUser user, String connectionId) {
        }

        @Override
        public void heard(String connectionId) {
        }

        @Override
        public void declared(String connectionId, boolean away) {
        }

        @Override
        public void disconnected(String connectionId) {
        }

        @Override
        public void sweep() {
        }
    };

    private final WebSocketProperties properties;
    private final ChatWebSocketHandler handler;
    private final ChatHandshakeInterceptor handshake;

    public WebSocketConfiguration(WebSocketProperties properties, SessionLifetimeUseCase sessions,
                                  ManageRoomsUseCase rooms, WatchRoomUseCase watchRoom, WatchUserUseCase watchUser,
                                  ReactUseCase react,
                                  EditMessageUseCase edit, DeleteMessageUseCase delete,
                                  ObjectProvider<TrackPresenceUseCase> presence,
                                  ObjectProvider<Clock> clock, ObjectProvider<Ticker> ticker) {
        this.properties = properties;
        this.handler = new ChatWebSocketHandler(watchRoom, watchUser, react, edit, delete,
                presence.getIfAvailable(() -> NO_PRESENCE), sessions, properties,
                clock.getIfAvailable(Clock::systemUTC), ticker.getIfAvailable(() -> Ticker.SYSTEM));
        this.handshake = new ChatHandshakeInterceptor(sessions, rooms);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, CHAT_PATH, USER_PATH)
                .setHandshakeHandler(new ExplainedHandshakeRefusals(new HeadersNotKeptUpgrade()))
                .addInterceptors(handshake)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    /**
     * Small per-connection read buffers: the container allocates a text and a binary one for every
     * connection up front (the text one as chars, twice the bytes), idle or not. Messages larger
     * than a buffer arrive in parts, put together by the handler up to
     * {@code chat.websocket.max-frame-size}; most chat frames fit in one. Skipped where there
     * is no WebSocket container (mock servlet environments in tests of other adapters), where
     * Spring's own factory bean would fail the whole context.
     */
    @Bean
    ServletContextAware chatWebSocketContainerLimits() {
        return servletContext -> {
            if (servletContext.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
                container.setDefaultMaxTextMessageBufferSize(READ_BUFFER);
                container.setDefaultMaxBinaryMessageBufferSize(READ_BUFFER);
            }
        };
    }

    private static final int READ_BUFFER = 1024;

    /** For the node's metrics (bootstrap turns it into a gauge). */
    @Bean
    OpenConnections chatWebSocketOpenConnections() {
        return handler::openConnections;
    }

    /** For the node's metrics (bootstrap turns it into counters). */
    @Bean
    WebSocketTraffic chatWebSocketTraffic() {
        return handler.traffic();
    }

    /**
     * Runs before Spring MVC sees the request, so no URI it logs or keeps carries the token; after the HTTP metrics'
     * filter and the HTTP adapter's edge checks (at {@code HIGHEST_PRECEDENCE + 2}), which must see the request as
     * sent: a token given twice is refused there.
     */
    @Bean
    FilterRegistrationBean<TokenQueryFilter> chatWebSocketTokenFilter() {
        FilterRegistrationBean<TokenQueryFilter> registration =
                new FilterRegistrationBean<>(new TokenQueryFilter(PATH_PREFIX));
        registration.addUrlPatterns(PATH_PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /**
     * At shutdown (SIGTERM), before the web server stops taking requests and stops: every open
     * connection is closed with 1001 once the frames it already sent are processed. Its phase stops before
     * Spring Boot's graceful-shutdown phase.
     */
    @Bean
    SmartLifecycle chatWebSocketShutdown() {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                // started again after a stop (Spring's test context cache pauses and resumes contexts)
                handler.takeConnections();
                running = true;
            }

            @Override
            public void stop() {
                CompletableFuture<Void> done = handler.shutDown();
                running = false;
                done.join();
            }

            @Override
            public void stop(Runnable callback) {
                // nothing more is taken before this lifecycle counts as stopped
                CompletableFuture<Void> done = handler.shutDown();
                running = false;
                done.whenComplete((ignored, failure) -> callback.run());
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Just below the highest: after a drain that may keep serving a while (bootstrap's chat.shutdown.drain). */
            @Override
            public int getPhase() {
                return DEFAULT_PHASE - 1;
            }
        };
    }

    ChatWebSocketHandler handler() {
        return handler;
    }

    /** Stops the shared ping and idle timer with the context. */
    @Override
    public void destroy() {
        handler.destroy();
    }
}
