package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server goes away mid-conversation and comes back: both people see that they are offline,
 * what they write meanwhile waits as pending, and afterwards every message is there exactly once,
 * in the same order for both.
 */
class ServerRestartTest {

    private static Stage stage;
    private static ChatServer server;

    @BeforeAll
    static void start() {
        stage = Stage.withOwnServer();
        server = stage.server();
    }

    /** A test that failed while the server was stopped does not leave the next one without it. */
    @BeforeEach
    void serverRunning() {
        server.start();
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    /** What waits to be sent is the person's to give up: logging out asks first, and Cancel keeps it. */
    @Test
    void loggingOutWithAMessageStillToSendAsksFirstAndCancelKeepsIt() {
        Browser browser = stage.browser();
        try (Person alice = Person.desktop(browser, Person.unique("alice")).signUp(server)) {
            alice.createRoom(Person.unique("Outbox "), false);
            server.stop();
            assertThat(alice.page.getByText("You are offline")).isVisible();
            alice.send("written while down");
            assertThat(alice.pending()).hasCount(1);

            alice.button("Log out").click();
            Locator dialog = alice.page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("One message has not been sent yet");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel").setExact(true)).click();
            assertThat(alice.pending()).hasCount(1);

            server.start();
            assertThat(alice.pending()).hasCount(0);
            assertThat(alice.message("written while down")).hasCount(1);
        }
    }

    /** A room opened while the server is away says so, and loads (and sends what waits) once it is back. */
    @Test
    void aRoomOpenedWhileTheServerIsDownLoadsWhenItIsBackAndSendsWhatWasWrittenThere() {
        Browser browser = stage.browser();
        try (Person alice = Person.desktop(browser, Person.unique("alice")).signUp(server)) {
            String first = Person.unique("First ");
            String second = Person.unique("Second ");
            alice.createRoom(first, false);
            alice.createRoom(second, false);
            alice.send("before");
            assertThat(alice.message("before")).hasCount(1);

            server.stop();
            assertThat(alice.page.getByText("You are offline")).isVisible();
            // an edit cannot wait like a message: it says why, in words, not the browser's "Failed to fetch"
            alice.message("before").hover();
            alice.message("before").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit message")
                    .setExact(true)).click();
            Locator field = alice.page.getByLabel("Edited text", new com.microsoft.playwright.Page.GetByLabelOptions()
                    .setExact(true));
            field.fill("before, edited");
            field.press("Enter");
            assertThat(alice.page.locator(".msg.editing").getByRole(AriaRole.ALERT))
                    .hasText("Cannot reach the server. Try again in a moment.");
            field.press("Escape");
            alice.send("written while down");
            assertThat(alice.pending()).hasCount(1);
            alice.openRoom(first);
            assertThat(alice.page.getByText("You are offline")).isVisible();
            alice.openRoom(second);
            assertThat(alice.page.getByText("You are offline")).isVisible();
            assertThat(alice.pending()).hasCount(1);

            server.start();
            assertThat(alice.message("written while down")).hasCount(1);
            assertThat(alice.pending()).hasCount(0);
            assertThat(alice.page.getByText("You are offline")).isHidden();
            assertThat(alice.composer()).isEditable();
        }
    }

    /** One's own room, opened while the server is away, can be written in as one whose connection dropped. */
    @Test
    void aRoomOfOnesOwnOpenedWhileTheServerIsDownCanBeWrittenInAndSendsWhenItIsBack() {
        Browser browser = stage.browser();
        try (Person alice = Person.desktop(browser, Person.unique("alice")).signUp(server)) {
            String first = Person.unique("Here ");
            alice.createRoom(first, false);
            alice.createRoom(Person.unique("There "), false);

            server.stop();
            alice.openRoom(first);
            assertThat(alice.page.getByText("You are offline")).isVisible();
            alice.send("written in a room opened offline");
            assertThat(alice.pending()).hasCount(1);

            server.start();
            assertThat(alice.message("written in a room opened offline")).hasCount(1);
            assertThat(alice.pending()).hasCount(0);
            alice.page.reload();
            assertThat(alice.message("written in a room opened offline")).hasCount(1);
            alice.problems.removeIf(problem -> problem.startsWith("console: Failed to load resource: net::ERR_CONNECTION_")
                    || problem.contains("WebSocket connection to"));
            assertThat(alice.problems).as("alice's page").isEmpty();
        }
    }

    @Test
    void aRestartedServerLosesNothingAndDoublesNothing() {
        Browser browser = stage.browser();
        try (Person alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
                Person bob = Person.phone(browser, Person.unique("bob")).signUp(server)) {
            String room = Person.unique("Standup ");
            alice.createRoom(room, false);
            bob.openRoom(room);
            bob.button("Join room").click();
            alice.send("before 1");
            assertThat(bob.message("before 1")).hasCount(1);
            bob.send("before 2");
            assertThat(alice.message("before 2")).hasCount(1);

            server.stop();
            for (Person person : List.of(alice, bob)) {
                assertThat(person.page.getByText("You are offline")).isVisible();
            }
            alice.send("while down 1");
            alice.send("while down 2");
            bob.send("bob while down");
            assertThat(alice.pending()).hasCount(2);
            assertThat(bob.pending()).hasCount(1);

            server.start();
            for (Person person : List.of(alice, bob)) {
                assertThat(person.page.getByText("You are offline")).isHidden();
                assertThat(person.pending()).hasCount(0);
            }
            assertThat(bob.message("while down 2")).hasCount(1);
            assertThat(alice.message("bob while down")).hasCount(1);
            alice.send("after");
            assertThat(bob.message("after")).hasCount(1);

            List<String> expected = texts(alice);
            assertThat(expected).hasSize(6).containsOnlyOnce("before 1", "before 2", "while down 1", "while down 2",
                    "bob while down", "after");
            assertThat(expected.indexOf("while down 1")).isLessThan(expected.indexOf("while down 2"));
            assertThat(texts(bob)).isEqualTo(expected);

            // and the server has exactly these, in this order
            bob.page.reload();
            assertThat(bob.message("after")).hasCount(1);
            assertThat(texts(bob)).isEqualTo(expected);

            for (Person person : List.of(alice, bob)) {
                // the browser reports each request cut off or refused while the server was away; nothing else
                person.problems.removeIf(problem -> problem.startsWith("console: Failed to load resource: net::ERR_CONNECTION_")
                        || problem.contains("WebSocket connection to"));
                assertThat(person.problems).as(person.name + "'s page").isEmpty();
            }
        }
    }

    private static List<String> texts(Person person) {
        assertThat(person.messages()).hasCount(6);
        return person.page.locator(".messages[role=log] .msg .text").allTextContents();
    }
}
