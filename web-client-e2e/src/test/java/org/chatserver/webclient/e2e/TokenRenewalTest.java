package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access tokens live 10 seconds on this server. The server closes a WebSocket with 1008 "Token
 * expired" when the token it was opened with expires, unless the client hands it each renewed
 * token ({@code auth} frame, docs/websocket.md). The client renews its token silently and passes
 * it to its open socket, so a conversation outlives many tokens on one connection; a client whose
 * renewals are lost is closed at expiry and comes back by itself with nothing lost.
 */
class TokenRenewalTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private static Stage stage;
    private static ChatServer server;
    private static Browser browser;

    private Person alice;
    private Person bob;

    @BeforeAll
    static void start() {
        stage = Stage.withOwnServer("--chat.auth.access-token-ttl=" + TTL.toSeconds() + "s");
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
                person.close();
            }
        }
    }

    @Test
    void aConversationOutlivesManyTokensOnOneConnectionPerPerson() {
        alice = Person.desktop(browser, Person.unique("alice"));
        bob = Person.desktop(browser, Person.unique("bob"));
        SocketWatch aliceSockets = SocketWatch.install(alice.page);
        SocketWatch bobSockets = SocketWatch.install(bob.page);
        SocketWatch bobStream = SocketWatch.installOnStream(bob.page);
        alice.signUp(server);
        bob.signUp(server);
        String room = Person.unique("Long talk ");
        alice.createRoom(room, false);
        bob.openRoom(room);
        bob.button("Join room").click();
        alice.send("first token");
        assertThat(bob.message("first token")).hasCount(1);

        // three renewals take more than twice a token's lifetime (a close ends the wait early)
        waitFor(alice.page, () -> aliceSockets.renewalsConfirmed() >= 3 && bobSockets.renewalsConfirmed() >= 3
                || !aliceSockets.serverCloses().isEmpty() || !bobSockets.serverCloses().isEmpty());
        assertThat(aliceSockets.serverCloses()).as("alice's connections closed by the server").isEmpty();
        assertThat(bobSockets.serverCloses()).as("bob's connections closed by the server").isEmpty();

        alice.send("many tokens later");
        assertThat(bob.message("many tokens later")).hasCount(1);
        bob.send("still here");
        assertThat(alice.message("still here")).hasCount(1);
        for (SocketWatch sockets : List.of(aliceSockets, bobSockets)) {
            assertThat(sockets.connections()).as("connections opened").isEqualTo(1);
            assertThat(sockets.serverCloses()).as("closes by the server").isEmpty();
        }
        // the stream of the tab (/ws/user) lives on the same renewals
        assertThat(bobStream.connections()).as("bob's streams opened").isEqualTo(1);
        assertThat(bobStream.renewalsConfirmed()).as("renewals of bob's stream").isGreaterThanOrEqualTo(3);
        assertThat(bobStream.serverCloses()).as("bob's stream closed by the server").isEmpty();
        // nobody saw the other leave and come back
        assertThat(aliceSockets.received()).noneMatch(frame -> frame.contains("\"type\":\"user_left\""));
        assertThat(bobSockets.received()).noneMatch(frame -> frame.contains("\"type\":\"user_left\""));
        assertThat(alice.problems).isEmpty();
        assertThat(bob.problems).isEmpty();
    }

    @Test
    void aConnectionWhoseRenewalsAreLostIsClosedAtExpiryAndComesBackWithNothingLost() {
        alice = Person.desktop(browser, Person.unique("alice"));
        bob = Person.desktop(browser, Person.unique("bob"));
        SocketWatch bobSockets = SocketWatch.install(bob.page);
        bobSockets.swallowRenewals(true);
        SocketWatch bobStream = SocketWatch.installOnStream(bob.page);
        bobStream.swallowRenewals(true);
        alice.signUp(server);
        bob.signUp(server);
        String room = Person.unique("Short talk ");
        alice.createRoom(room, false);
        bob.openRoom(room);
        bob.button("Join room").click();
        alice.send("before expiry");
        assertThat(bob.message("before expiry")).hasCount(1);

        waitFor(bob.page, () -> !bobSockets.serverCloses().isEmpty());
        assertThat(bobSockets.serverCloses().getFirst()).isEqualTo("1008 Token expired");
        alice.send("while bob reconnects");

        waitFor(bob.page, () -> bobSockets.connections() >= 2);
        assertThat(bob.page.getByText("You are offline")).isHidden();
        assertThat(bob.message("while bob reconnects")).hasCount(1);
        bob.send("back");
        assertThat(alice.message("back")).hasCount(1);
        assertThat(bob.page.locator(".messages[role=log] .msg .text").allTextContents())
                .containsExactly("before expiry", "while bob reconnects", "back");

        // his stream too was closed at expiry and came back by itself: a message in another room still raises its badge
        waitFor(bob.page, () -> bobStream.connections() >= 2);
        assertThat(bobStream.serverCloses().getFirst()).isEqualTo("1008 Token expired");
        String other = Person.unique("Elsewhere ");
        alice.createRoom(other, false);
        bob.openRoom(other);
        bob.button("Join room").click();
        // joined, and the list redrawn with it among his rooms: a click while the list moves may land on another room
        assertThat(bob.myRoomLink(other)).hasCount(1);
        bob.openRoom(room);
        alice.send("over here");
        assertThat(bob.roomLink(other).locator(".badge")).hasText("1, 1 unread", Live.text());
        assertThat(alice.problems).isEmpty();
        bob.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
        assertThat(bob.problems).isEmpty();
    }

    /**
     * Log out must end the session on the server even when the access token could not be renewed (here every renewal
     * fails, as for a laptop that was offline when its token ran out): the refresh cookie names the session. Before,
     * the client renewed first, and when that failed it only forgot the session locally: the cookie kept working.
     */
    @Test
    void loggingOutWithAnExpiredTokenEndsTheSessionOnTheServer() {
        alice = Person.desktop(browser, Person.unique("alice"));
        alice.signUp(server);
        assertThat(alice.page.getByText("Pick a room")).isVisible();
        alice.page.route("**/api/auth/web/refresh", route -> route.abort());
        alice.page.waitForTimeout(TTL.plusSeconds(2).toMillis());

        alice.button("Log out").click();
        assertThat(alice.page.getByLabel("Password")).isVisible();

        alice.page.unroute("**/api/auth/web/refresh");
        Object refreshed = alice.page.evaluate("""
                async () => (await fetch('/api/auth/web/refresh', {method: 'POST',
                    headers: {'content-type': 'application/json'}, body: '{}'})).status""");
        assertThat(refreshed).as("a refresh with the browser's cookie after logging out").isEqualTo(401);
        alice.problems.removeIf(problem -> problem.contains("ERR_FAILED") || problem.contains("401"));
        assertThat(alice.problems).isEmpty();
    }

    /** Waits while Playwright keeps dispatching (a plain sleep would stall the watched sockets). */
    private static void waitFor(Page page, java.util.function.BooleanSupplier condition) {
        page.waitForCondition(condition, new Page.WaitForConditionOptions().setTimeout(TTL.multipliedBy(6).toMillis()));
    }
}
