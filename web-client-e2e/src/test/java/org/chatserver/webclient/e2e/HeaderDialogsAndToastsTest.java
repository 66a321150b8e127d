package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

/**
 * Small things a black-box audit of the web client saw go wrong, each as the person meets it: in a
 * conversation and in the sign-up form.
 */
class HeaderDialogsAndToastsTest extends AliceAndBobInTheBrowser {

    /**
     * "N online" counts the room's members who are online, not the reader, and claims nothing while offline, nor to a
     * reader who is not in the room and is not told the presence of members they share no other room with.
     */
    @Test
    void theOnlineCountIsTheMembersWhoAreOnlineAndIsNotShownWhileOffline() {
        SocketWatch bobSockets = aliceAndWatchedBob();
        String room = Person.unique("Counted ");
        alice.createRoom(room, false);
        assertThat(alice.page.locator(".online-count")).hasText("1 online");

        // bob reads the public room without being a member, sharing no room with alice: no count, not "0 online"
        bob.openRoom(room);
        assertThat(bob.button("Join room")).isVisible();
        assertThat(bob.page.locator(".online-count")).isHidden();

        bob.button("Join room").click();
        assertThat(bob.page.locator(".online-count")).hasText("2 online");

        // cut off, his page knows nothing about who is online
        bobSockets.cutOff();
        assertThat(bob.page.getByText("You are offline")).isVisible();
        assertThat(bob.page.locator(".online-count")).isHidden();
        bobSockets.reconnect();
        assertThat(bob.page.getByText("You are offline")).isHidden();
        assertThat(bob.page.locator(".online-count")).hasText("2 online");
        bob.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
    }

    /**
     * A browser that goes offline leaves its sockets looking open for minutes, and what is sent on them then goes out
     * whenever the network is back. The page gives them up at once instead: it says it is offline and claims no one
     * online, and a message written then waits in the outbox, so that one discarded by logging out never goes.
     */
    @Test
    void aBrowserGoneOfflineSaysSoAtOnceAndAMessageDiscardedMeanwhileNeverGoes() {
        String room = aliceAndBobInARoom("Unplugged ");
        assertThat(alice.page.locator(".online-count")).hasText("2 online");

        alice.page.context().setOffline(true);
        assertThat(alice.page.getByText("You are offline")).isVisible();
        assertThat(alice.page.locator(".online-count")).isHidden();
        alice.send("discard me");
        assertThat(alice.pending()).hasCount(1);
        alice.button("Log out").click();
        alice.page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Log out and discard").setExact(true)).click();
        assertThat(alice.page.getByLabel("Username")).isVisible();

        alice.page.context().setOffline(false);
        alice.logIn(server);
        alice.openRoom(room);
        alice.send("written after");
        assertThat(bob.message("written after")).hasCount(1);
        assertThat(bob.message("discard me")).hasCount(0);
        assertThat(alice.message("discard me")).hasCount(0);
        // the logout made offline is sent again once back online; when the first attempt got through after all (the
        // browser held it), the second finds no session left: a 401 the page expects
        alice.problems.removeIf(problem -> problem.contains("net::ERR_INTERNET_DISCONNECTED") || problem.contains("401"));
    }

    /** The browser's Back leaves the page a dialog was opened on: the dialog goes with it. */
    @Test
    void theBrowsersBackClosesAnOpenSettingsDialog() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        String room = Person.unique("Back ");
        alice.createRoom(room, false);
        alice.button("Settings").click();
        Locator dialog = alice.page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).isVisible();

        alice.page.goBack();
        assertThat(alice.page.getByText("Pick a room")).isVisible();
        assertThat(dialog).hasCount(0);
        // the page is usable again, not under a backdrop
        alice.roomLink(room).click();
        assertThat(alice.roomTitle()).containsText(room);
    }

    /** A toast about what was written appears above the composer, not over it, however tall it has grown. */
    @Test
    void aToastCoversNeitherTheComposerNorItsText() {
        aliceAndBobInARoom("Toasted ");
        String tooLong = "word ".repeat(801) + "end";
        alice.composer().fill(tooLong);
        alice.composer().press("Enter");
        Locator toast = alice.page.locator(".toast");
        assertThat(toast).containsText("A message can be at most");
        assertThat(alice.composer()).hasValue(tooLong);

        BoundingBox toastBox = toast.boundingBox();
        BoundingBox composerBox = alice.page.locator(".composer").boundingBox();
        assertThat(toastBox.y + toastBox.height).as("the toast's bottom, above the composer's top at %s", composerBox.y)
                .isLessThanOrEqualTo(composerBox.y);

        // the composer shrinks back to one line: the toasts follow it down and stay clear of it
        alice.composer().fill(tooLong);
        alice.composer().press("Enter");
        alice.composer().fill("short again");
        toastBox = toast.last().boundingBox();
        composerBox = alice.page.locator(".composer").boundingBox();
        assertThat(toastBox.y + toastBox.height).isLessThanOrEqualTo(composerBox.y);
    }

    /** Heights drawn in fractions of a pixel: an empty field of one row is 39.75 px high, one that grew to a line 40. */
    private static final org.assertj.core.data.Offset<Double> SUBPIXEL = org.assertj.core.data.Offset.offset(1.0);

    /**
     * On a phone, the composer of a room with a long name stays one line high, empty as with a line written and after
     * sending it: its placeholder (which names the room) does not wrap onto a second line.
     */
    @Test
    void theComposerOfARoomWithALongNameStaysOneLineHighOnAPhone() {
        alice = Person.phone(browser, Person.unique("alice")).signUp(server);
        alice.createRoom(Person.unique("A room whose name is rather long for a phone "), false);
        double empty = alice.composer().boundingBox().height;
        alice.composer().fill("one line");
        double oneLine = alice.composer().boundingBox().height;
        alice.composer().press("Enter");
        assertThat(alice.message("one line")).hasCount(1);
        assertThat(alice.composer()).hasValue("");
        double afterSending = alice.composer().boundingBox().height;
        assertThat(empty).as("the empty composer's height, beside one line's " + oneLine).isCloseTo(oneLine, SUBPIXEL);
        assertThat(afterSending).as("the composer's height after sending, beside one line's " + oneLine).isCloseTo(oneLine, SUBPIXEL);
        @SuppressWarnings("unchecked")
        var field = (java.util.Map<String, Number>) alice.composer().evaluate(
                "(el) => ({scrollHeight: el.scrollHeight, clientHeight: el.clientHeight})");
        assertThat(field.get("scrollHeight").doubleValue()).as("the placeholder's height within the field " + field)
                .isLessThanOrEqualTo(field.get("clientHeight").doubleValue());

        // two lines make it taller: the measure can tell
        alice.composer().fill("one line\nand another");
        assertThat(alice.composer().boundingBox().height).isGreaterThan(oneLine);
    }

    /**
     * A room's name may have 64 characters as the server counts them (code points, an emoji one, not the two UTF-16 units
     * a field's maxlength counts): 64 with emoji are taken whole, and 65 are refused in the dialog, saying so, the name kept.
     */
    @Test
    void aRoomNameOfEmojiAtTheLimitIsTakenWholeAndOneMoreIsRefusedSayingWhy() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        String start = Person.unique("Party ");
        String atLimit = start + "🎉".repeat(64 - start.length());
        alice.createRoom(atLimit, false);
        assertThat(alice.roomTitle()).hasText(atLimit);

        String other = Person.unique("Party ");
        String over = other + "🎉".repeat(65 - other.length());
        alice.button("New room").click();
        alice.page.getByLabel("Name").fill(over);
        alice.button("Create room").click();
        Locator dialog = alice.page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByRole(AriaRole.ALERT)).hasText("A room name can be at most 64 characters; this one has 65.");
        assertThat(alice.page.getByLabel("Name")).hasValue(over);
        alice.page.keyboard().press("Escape");
        assertThat(dialog).hasCount(0);
        alice.comeBackToTheTab();
        assertThat(alice.roomLink(other)).hasCount(0);
        assertThat(alice.roomLink(atLimit)).hasCount(1);
    }

    /** Messages written while offline read as one run, as sent ones do, and the newest stays in view. */
    @Test
    void messagesWrittenOfflineAreOneRunWithTheNewestInView() {
        alice = Person.desktop(browser, Person.unique("alice"));
        SocketWatch aliceSockets = SocketWatch.install(alice.page);
        alice.signUp(server);
        alice.createRoom(Person.unique("Pending "), false);
        assertThat(alice.page.locator(".conversation[data-connection=online]")).hasCount(1);
        for (int i = 1; i <= 12; i++) {
            alice.send("sent #" + i + "#\nsecond line\nthird line");
            assertThat(alice.message("sent #" + i + "#")).hasCount(1);
        }

        aliceSockets.cutOff();
        assertThat(alice.page.getByText("You are offline")).isVisible();
        for (int i = 1; i <= 3; i++) {
            alice.send("offline #" + i + "#\nsecond line");
        }
        assertThat(alice.pending()).hasCount(3);
        assertThat(alice.pending().first().locator(".sender")).isVisible();
        assertThat(alice.pending().first().locator(".pending-label")).isVisible();
        for (int i = 1; i < 3; i++) {
            // no avatar, and the name is left to screen readers (a box of one pixel, within its own message)
            assertThat(alice.pending().nth(i).locator(".avatar")).not().isVisible();
            assertThat(alice.pending().nth(i).locator(".msg-head").boundingBox().height).isLessThanOrEqualTo(1);
            assertHeaderWithin(alice.pending().nth(i));
            // but each still says it is on its way, where the eye sees it (not clipped away with the name)
            assertThat(alice.pending().nth(i).locator(".pending-label")).hasText("Sending…");
            // the list may still be scrolling to the newest: wait until the label is on the screen before looking at it
            assertThat(alice.pending().nth(i).locator(".pending-label")).isInViewport();
            assertThat((Boolean) alice.pending().nth(i).locator(".pending-label").evaluate("""
                    (label) => {
                      const box = label.getBoundingClientRect();
                      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
                      return box.width > 1 && box.height > 1 && label.contains(hit);
                    }""")).as("Sending… of pending message " + i + " seen on the screen").isTrue();
        }
        // a stored message in a run likewise keeps its hidden name with it, not somewhere under the list
        assertHeaderWithin(alice.message("sent #12#"));
        assertThat(alice.pending().last()).isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsInViewportOptions().setRatio(1));

        aliceSockets.reconnect();
        assertThat(alice.pending()).hasCount(0);
        assertThat(alice.message("offline #3#")).isInViewport();
        alice.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
    }

    /** The box of {@code message}'s header lies within the message's (a screen reader's highlight follows it). */
    private static void assertHeaderWithin(Locator message) {
        // both boxes in one frame: the list may scroll between two separate measurements
        @SuppressWarnings("unchecked")
        var margins = (java.util.Map<String, Number>) message.evaluate("""
                (msg) => {
                  const box = msg.getBoundingClientRect();
                  const head = msg.querySelector('.msg-head').getBoundingClientRect();
                  return {top: head.top - box.top, bottom: box.bottom - head.bottom, left: head.left - box.left,
                    right: box.right - head.right};
                }""");
        assertThat(margins.values()).as("header's margins within its message " + margins)
                .allSatisfy(margin -> assertThat(margin.doubleValue()).isGreaterThanOrEqualTo(-1));
    }

    /** After a refused sign-up, its message does not stay beside what the browser now says is wrong. */
    @Test
    void aRefusedSignUpsMessageGoesWhenTheFormIsTriedAgain() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        alice.close();
        alice = null;
        bob = Person.desktop(browser, Person.unique("bob")).open(server);
        bob.button("Sign up").click();
        bob.page.getByLabel("Username").fill("not valid!");
        bob.page.getByLabel("Password").fill(Person.PASSWORD);
        bob.page.locator("form.auth-card button[type=submit]").click();
        Locator error = bob.page.locator("#auth-error");
        assertThat(error).hasText("username may contain only letters, digits, '_', '.' and '-'");
        bob.problems.removeIf(problem -> problem.contains("422"));

        // a password too short: the browser's own check stops the form, and only that is said now
        bob.page.getByLabel("Password").fill("short");
        bob.page.locator("form.auth-card button[type=submit]").click();
        assertThat(bob.page.getByLabel("Password").evaluate("el => el.validity.tooShort")).isEqualTo(true);
        assertThat(error).isEmpty();
    }
}
