package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tab's one {@code /ws/user} stream (docs/websocket.md) while logged in: someone with no room open is online
 * for the others, and the room list follows unread counts, mentions, rooms added and rooms taken away as they
 * happen, seconds before the list's fallback poll (every 20 s, only while the stream is down) would ({@link Live}).
 */
class UserStreamInTheBrowserTest extends AliceAndBobInTheBrowser {

    private static Locator dialog(Person person) {
        return person.page.getByRole(AriaRole.DIALOG);
    }

    @Test
    void someoneLoggedInWithNoRoomOpenIsOnlineAndOfflineOnceTheyLogOutOrClose() {
        aliceAndBobInARoom("Online ");
        // his connection to the room is announced (user_joined), and her page reads the members list again
        assertThat(alice.page.locator(".online-count")).hasText("2 online", Live.text());

        // bob goes back to the list: no room open, still logged in, so still online
        bob.page.evaluate("() => { location.hash = '#/'; }");
        assertThat(bob.roomTitle()).hasCount(0);
        bob.button("Log out").click();
        assertThat(alice.page.locator(".online-count")).hasText("1 online", Live.text());

        // alice watches the members while bob logs in again, on the list with no room open
        alice.button("Members").click();
        Locator bobInList = dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name));
        assertThat(bobInList.locator(".presence")).hasText(Pattern.compile("^last seen "));
        bob.logIn(server);
        assertThat(bob.roomTitle()).hasCount(0);
        assertThat(bobInList.locator(".presence")).hasText("online", Live.text());
        assertThat(alice.page.locator(".online-count")).hasText("2 online", Live.text());
        Axe.check(alice.page, "members dialog with presence changed live");
        alice.page.keyboard().press("Escape");

        // a direct message shows the peer as he comes and goes
        alice.openDirectMessage(bob);
        assertThat(alice.page.locator(".peer-presence")).hasText("online");

        // bob closes his tab: offline for alice without her doing anything
        bob.close();
        bob = null;
        assertThat(alice.page.locator(".peer-presence")).hasText(Pattern.compile("^last seen "), Live.text());
    }

    /**
     * A members list the server read before someone went offline, and that reached the page after the stream said so,
     * showed them online again until the next reading, 30 s later (the last stop's CI run: a closed tab still "online").
     */
    @Test
    void aMembersListReadBeforeSomeoneWentOfflineDoesNotShowThemOnlineAgain() {
        aliceAndBobInARoom("Stale ");
        assertThat(alice.page.locator(".online-count")).hasText("2 online", Live.text());
        // bob goes back to the list; alice's page reads the members again on his leaving the room's socket
        alice.page.waitForResponse(response -> response.url().endsWith("/members"),
                () -> bob.page.evaluate("() => { location.hash = '#/'; }"));

        // her next reading is answered as the server had it then, bob online, but reaches her page only later
        List<Runnable> held = new ArrayList<>();
        alice.page.route("**/api/rooms/*/members", route -> {
            APIResponse asReadNow = route.fetch();
            held.add(() -> route.fulfill(new Route.FulfillOptions().setResponse(asReadNow)));
        });
        alice.button("Members").click();
        for (int waited = 0; held.isEmpty() && waited < 100; waited++) {
            alice.page.waitForTimeout(100);
        }
        assertThat(held).as("alice's members list asked for").hasSize(1);

        bob.button("Log out").click();
        assertThat(alice.page.locator(".online-count")).hasText("1 online", Live.text());
        held.forEach(Runnable::run);

        // the list drawn from that reading says what the stream said since, and so does the count
        Locator bobInList = dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name));
        assertThat(bobInList.locator(".presence")).hasText(Pattern.compile("^last seen "), Live.text());
        assertThat(alice.page.locator(".online-count")).hasText("1 online");
        alice.page.unroute("**/api/rooms/*/members");
    }

    @Test
    void aMessageInAnotherRoomRaisesItsBadgeAtOnceAndTheOpenRoomIsNotCounted() {
        String first = aliceAndBobInARoom("Here ");
        String other = Person.unique("There ");
        alice.createRoom(other, false);
        bob.openRoom(other);
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        bob.openRoom(first);

        // alice writes in the other room, one message mentioning bob: his list says so within seconds
        alice.send("news from there");
        alice.send("and @" + bob.name + ", look");
        Locator link = bob.roomLink(other);
        assertThat(link.locator(".badge:not(.mention-badge)")).hasText("2, 2 unread", Live.text());
        assertThat(link.locator(".mention-badge")).hasText("@1, 1 mention", Live.text());
        assertThat(link.locator(".room-preview")).hasText(alice.name + ": and @" + bob.name + ", look", Live.text());
        assertThat(bob.roomLink(first).locator(".badge")).hasCount(0);

        // he reads it there; what comes while he reads is not counted, nor after he leaves it
        link.click();
        assertThat(bob.message("and @" + bob.name)).hasCount(1);
        assertThat(link.locator(".badge")).hasCount(0, Live.count());
        alice.send("while you are here");
        assertThat(bob.message("while you are here")).hasCount(1);
        assertThat(link.locator(".badge")).hasCount(0);
        bob.roomLink(first).click();
        assertThat(bob.roomTitle()).containsText(first);
        bob.page.waitForTimeout(1_500); // past the server's unread interval (1 s): a late count would be here by now
        assertThat(link.locator(".badge")).hasCount(0);
        assertThat(link.locator(".room-preview")).hasText(alice.name + ": while you are here");
    }

    /** A deleted last message leaves the room list's preview at once, for the one before it, in a room and a DM. */
    @Test
    void aDeletedLastMessageLeavesTheRoomListsPreviewForTheOneBeforeIt() {
        aliceAndBobInARoom("Preview ");
        alice.openDirectMessage(bob);
        String dm = (String) alice.page.evaluate("() => location.hash");
        bob.page.evaluate("() => { location.hash = '#/'; }");
        assertThat(bob.roomTitle()).hasCount(0);

        for (String where : new String[] {"room", "dm"}) {
            if (where.equals("room")) {
                alice.page.goBack();
            } else {
                alice.page.evaluate("(hash) => { location.hash = hash; }", dm);
            }
            assertThat(alice.composer()).isEnabled();
            alice.send("keep me " + where);
            alice.send("oops " + where);
            Locator preview = bob.page.locator(".room-preview").filter(new Locator.FilterOptions().setHasText("oops " + where));
            assertThat(preview).hasCount(1, Live.count());
            tool(alice, alice.message("oops " + where), "Delete message").click();
            alice.page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
            assertThat(bob.page.locator(".room-preview").filter(new Locator.FilterOptions().setHasText("oops " + where)))
                    .hasCount(0, Live.count());
            assertThat(bob.page.locator(".room-preview").filter(new Locator.FilterOptions().setHasText("keep me " + where)))
                    .hasCount(1, Live.count());
        }
    }

    @Test
    void roomsAddedAndTakenAwayComeAndGoInTheListWithoutAReload() {
        aliceAndBob();

        // a direct message alice opens is in bob's list at once
        alice.openDirectMessage(bob);
        assertThat(bob.roomLink(alice.name)).containsText("direct message",
                Live.containsText());

        // a private room alice adds him to
        String secret = Person.unique("Secret ");
        alice.createRoom(secret, true);
        alice.button("Members").click();
        alice.page.getByLabel("Add someone by username").fill(bob.name);
        alice.button("Add").click();
        assertThat(bob.roomLink(secret)).hasCount(1, Live.count());

        // removed, it goes
        alice.button("Remove " + bob.name).click();
        assertThat(bob.roomLink(secret)).hasCount(0, Live.count());

        // added again and banned, it goes too
        alice.page.getByLabel("Add someone by username").fill(bob.name);
        alice.button("Add").click();
        assertThat(bob.roomLink(secret)).hasCount(1, Live.count());
        alice.button("Ban " + bob.name).click();
        alice.page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ban " + bob.name + "?"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban").setExact(true)).click();
        assertThat(bob.roomLink(secret)).hasCount(0, Live.count());
        assertThat(bob.roomLink(alice.name)).hasCount(1);
    }

    @Test
    void aPublicRoomLeftOrBannedFromLeavesMyRoomsAtOnceAndStaysAmongThePublicRooms() {
        String left = aliceAndBobInARoom("Left ");
        assertThat(bob.myRoomLink(left)).hasCount(1);

        // bob leaves it: gone from his rooms without a reload, still there to browse, with no badge
        bob.button("Leave").click();
        bob.page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Leave")).click();
        assertThat(bob.page.getByText("Pick a room")).isVisible();
        assertThat(bob.myRoomLink(left)).hasCount(0, Live.count());
        assertThat(bob.publicRoomLink(left)).hasCount(1);
        assertThat(bob.publicRoomLink(left).locator(".badge")).hasCount(0);

        // joined again from there, it is his again
        bob.publicRoomLink(left).click();
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        assertThat(bob.myRoomLink(left)).hasCount(1, Live.count());
        assertThat(bob.publicRoomLink(left)).hasCount(0);

        // banned from another public room while on the list: it leaves his rooms too
        String banned = Person.unique("Banned ");
        alice.createRoom(banned, false);
        bob.openRoom(banned);
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        bob.page.evaluate("() => { location.hash = '#/'; }");
        assertThat(bob.myRoomLink(banned)).hasCount(1);
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban " + bob.name).setExact(true)).click();
        alice.page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ban " + bob.name + "?"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban").setExact(true)).click();
        assertThat(bob.myRoomLink(banned)).hasCount(0, Live.count());
        assertThat(bob.publicRoomLink(banned)).hasCount(1);
        assertThat(bob.myRoomLink(left)).hasCount(1);
        Axe.check(bob.page, "room list with public rooms to browse");
    }

    @Test
    void aDirectMessageInTheRoomListShowsWhetherThePeerIsOnlineAsItChanges() {
        aliceAndBob();
        alice.openDirectMessage(bob);

        // the direct message alice opened comes to bob's list with her online: a dot, and words for a screen reader
        Locator dm = bob.myRoomLink(alice.name);
        assertThat(dm.locator(".presence")).hasText(", online", Live.text());
        assertThat(dm.locator(".presence .dot")).isVisible();
        assertThat(dm).hasAccessibleName(Pattern.compile(", online$"));
        // and after a reload, from the start (the stream tells changes, not how things are)
        bob.page.reload();
        assertThat(dm.locator(".presence")).hasText(", online");

        // alice logs out: offline in bob's list without his doing anything, and no dot
        alice.button("Log out").click();
        assertThat(dm.locator(".presence")).hasText(", offline", Live.text());
        assertThat(dm.locator(".presence .dot")).isHidden();
        // she comes back, her tab in the background: away, a ring rather than a dot
        alice.logIn(server);
        assertThat(dm.locator(".presence")).hasText(", online", Live.text());
        alice.page.evaluate("() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
                + " document.dispatchEvent(new Event('visibilitychange')); }");
        assertThat(dm.locator(".presence")).hasText(", away", Live.text());
        Axe.check(bob.page, "room list with a direct message's presence");
    }

    /**
     * A server without {@code /ws/user} (older, or behind a proxy that does not pass it): the page asks for its stream
     * at a path this server answers 404 for, as such a server would, handshake and all. The page says so to itself
     * and stops asking every few seconds, while the room list's 20 s reading goes on.
     */
    @Test
    void againstAServerWithoutTheStreamThePageStopsAskingForItAndTheListIsStillReadEvery20Seconds() throws Exception {
        // the real server answers the path 404, and its stream's path something else: what the page can tell apart
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "ws/absent")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "ws/user")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isNotEqualTo(404);

        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        String open = Person.unique("Open ");
        alice.createRoom(open, false);
        bob = Person.desktop(browser, Person.unique("bob")).onATestClock();
        bob.page.addInitScript("(() => { const Native = window.WebSocket;"
                + " window.WebSocket = class extends Native { constructor(url, protocols) {"
                + " super(String(url).replace('/ws/user', '/ws/absent'), protocols); } }; })()");
        AtomicInteger streamTries = new AtomicInteger();
        bob.page.onWebSocket(ws -> {
            if (ws.url().contains("/ws/absent")) {
                streamTries.incrementAndGet();
            }
        });
        bob.signUp(server);
        // without the stream, the list itself says which rooms are his (is_member): alice's public room is to browse
        assertThat(bob.publicRoomLink(open)).hasCount(1);
        assertThat(bob.myRoomLink(open)).hasCount(0);

        // a private room alice adds him to comes with the list's next reading (every 20 s without the stream)
        String secret = Person.unique("Polled ");
        alice.createRoom(secret, true);
        alice.button("Members").click();
        alice.page.getByLabel("Add someone by username").fill(bob.name);
        alice.button("Add").click();
        secondsPass(bob, 20);
        assertThat(bob.myRoomLink(secret)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(LIST_READ_MS));

        // meanwhile, and for a while after, the page has not asked for the stream again every few seconds
        secondsPass(bob, 10);
        // what the browser says of the refused handshakes and the one question about the path is expected here
        bob.problems.removeIf(problem -> problem.contains("/ws/absent") || problem.contains("404"));
        assertThat(streamTries.get()).as("tries of the stream over about 20 s").isBetween(1, 3);
        assertThat(bob.page.locator(".shell")).hasAttribute("data-stream", "offline");
    }

    /** What a reading of the room list brings is on the screen within this: half its 20 s, so none other passes for it. */
    private static final double LIST_READ_MS = Live.MS;

    /**
     * {@code seconds} pass on the person's {@link Person#onATestClock() test clock} a second at a time, each followed by a
     * moment of real time in which what the second's timers started (a handshake, a question to the server) is answered.
     */
    private static void secondsPass(Person person, int seconds) {
        for (int i = 0; i < seconds; i++) {
            person.letTimePass(1_000);
            person.page.waitForTimeout(100);
        }
    }

    @Test
    void someoneInNoRoomYetIsToldSoAndFindsThePublicRoomsApart() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        String open = Person.unique("Open ");
        alice.createRoom(open, false);
        bob = Person.desktop(browser, Person.unique("bob")).signUp(server);
        assertThat(bob.page.locator(".room-list .empty"))
                .hasText("You are in no room yet. Create one, or join a public room below.");
        assertThat(bob.myRoomLink(open)).hasCount(0);
        assertThat(bob.publicRoomLink(open)).hasCount(1);
    }
}
