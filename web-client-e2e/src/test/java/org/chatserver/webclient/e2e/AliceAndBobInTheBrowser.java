package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Alice and bob in one browser (a context each) against the shared server: started once per test
 * class, and after each test neither page may have logged a problem (a script error, a refused
 * policy, a failed request it did not expect).
 */
abstract class AliceAndBobInTheBrowser {

    protected static Stage stage;
    protected static ChatServer server;
    protected static Browser browser;

    protected Person alice;
    protected Person bob;

    @BeforeAll
    static void start() {
        stage = Stage.withSharedServer();
        server = stage.server();
        browser = stage.browser();
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @AfterEach
    void closeContexts() {
        for (Person person : new Person[] {alice, bob}) {
            if (person != null) {
                assertThat(person.problems).as(person.name + "'s page").isEmpty();
                person.close();
            }
        }
    }

    /** One of a message's tools (Reply, Edit message, Delete message, …), shown as the pointer rests on it. */
    protected static Locator tool(Person person, Locator message, String name) {
        message.hover();
        return message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Both signed up, each on a desktop-sized page of their own. */
    protected void aliceAndBob() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.desktop(browser, Person.unique("bob")).signUp(server);
    }

    /** As {@link #aliceAndBob()}, bob's page {@link Person#onATestClock() on a test clock}. */
    protected void aliceAndBobOnATestClock() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.desktop(browser, Person.unique("bob")).onATestClock().signUp(server);
    }

    /** Both signed up; bob's room sockets pass through the watch returned (installed before his page opened). */
    protected SocketWatch aliceAndWatchedBob() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.desktop(browser, Person.unique("bob"));
        SocketWatch bobSockets = SocketWatch.install(bob.page);
        bob.signUp(server);
        return bobSockets;
    }

    /** Both signed up, in a new public room of alice's (named {@code name} and a unique tail) that bob joined. */
    protected String aliceAndBobInARoom(String name) {
        aliceAndBob();
        return bobJoinsANewRoomOfAlices(name);
    }

    /** As {@link #aliceAndBobInARoom}, bob's page {@link Person#onATestClock() on a test clock}. */
    protected String aliceAndBobOnATestClockInARoom(String name) {
        aliceAndBobOnATestClock();
        return bobJoinsANewRoomOfAlices(name);
    }

    /** Bob joins a new public room of alice's (named {@code name} and a unique tail); returns its name. */
    protected String bobJoinsANewRoomOfAlices(String name) {
        String room = Person.unique(name);
        alice.createRoom(room, false);
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        return room;
    }
}
