package org.chatserver.adapter.rest;

import org.chatserver.application.port.in.search.SearchMessagesUseCase;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * The adapter wired the way bootstrap wires it: auth by an in-memory double, rooms, messages and
 * files by the real services over in-memory ports.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({RestConfiguration.class, RestTestApplication.ProbeController.class})
class RestTestApplication {

    static final String SECRET = "db password is hunter2";

    @Bean
    InMemoryAuthUseCases authUseCases() {
        return new InMemoryAuthUseCases();
    }

    @Bean
    InMemoryChat chat() {
        return new InMemoryChat();
    }

    @Bean
    InMemoryModeration moderation(InMemoryChat chat) {
        return new InMemoryModeration(chat);
    }

    @Bean
    InMemoryFiles files() {
        return new InMemoryFiles();
    }

    @Bean
    SearchMessagesUseCase search(InMemoryChat chat) {
        return chat::search;
    }

    @Bean
    org.chatserver.application.port.in.room.DirectMessagesUseCase directMessages(InMemoryChat chat) {
        return chat::openDirect;
    }

    @Bean
    org.chatserver.application.port.in.message.MentionsUseCase mentions(InMemoryChat chat) {
        return chat::mentions;
    }

    /** Handlers that fail in the ways later controllers will, outside /api so they need no token. */
    @RestController
    static class ProbeController {

        @GetMapping("/probe/boom")
        String boom() {
            throw new DeliberateFault(SECRET);
        }

        /** Fails the same way on every call, as a broken dependency does (a full disk is 507, not this). */
        @GetMapping("/probe/same-fault")
        String sameFault() {
            throw new DeliberateFault("a dependency fails the same way every time");
        }

        /**
         * Fails as writing an answer fails once its client has hung up: Tomcat's broken pipe, under Spring's and the
         * JSON writer's wrappers (the chain a real one had in a browser test's server log).
         */
        @GetMapping("/probe/hung-up")
        String hungUp() {
            throw new HttpMessageNotWritableException("Could not write JSON: ServletOutputStream failed to write",
                    new AsyncRequestNotUsableException("ServletOutputStream failed to write: java.io.IOException: "
                            + "Broken pipe"));
        }

        /** A fault of a kind of its own, so that no other test's fault keeps its log line back. */
        @GetMapping("/probe/quoted-fault")
        String quotedFault() {
            throw new QuotedFault();
        }

        @GetMapping("/probe/items/{id}")
        String item(@PathVariable long id) {
            return "item " + id;
        }

        @GetMapping("/probe/search")
        String search(@RequestParam int limit) {
            return "limit " + limit;
        }
    }

    /**
     * A fault the tests cause on purpose. It has no stack trace: the server logs it as it logs any fault, and
     * the test output shows that one line instead of a hundred lines of frames nobody needs to read.
     */
    static final class DeliberateFault extends RuntimeException {

        DeliberateFault(String message) {
            super(message, null, false, false);
        }
    }

    /** A deliberate fault that a user reports by its request id. */
    static final class QuotedFault extends RuntimeException {

        QuotedFault() {
            super("a fault a user reports", null, false, false);
        }
    }
}
