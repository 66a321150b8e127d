package org.chatserver.adapter.rest;

import java.util.regex.Pattern;
import org.chatserver.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** A fresh chat world for each test, and users with access tokens to act in it. */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
abstract class ChatHttpTestSupport extends HttpTestSupport {

    /** What the iOS app parses: {@code yyyy-MM-dd'T'HH:mm:ss'Z'}. */
    static final Pattern WIRE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryAuthUseCases auth;

    @Autowired
    InMemoryChat chat;

    @Autowired
    InMemoryFiles files;

    @BeforeEach
    void freshWorld() {
        auth.reset();
        chat.reset();
        files.reset();
    }

    String tokenOf(User user) {
        return auth.admit(user);
    }
}
