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

    /** "N online" counts the room's members who are online, not the reader, and claims nothing while offline. */
    @Test
    void theOnlineCountIsTheMembersWhoAreOnlineAndIsNotShownWhileOffline() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.desktop(browser, Person.unique("bob"));
        SocketWatch bobSockets = SocketWatch.install(bob.page);
        bob.signUp(server);
        String room = Person.unique("Counted ");
        alice.createRoom(room, false);
        assertThat(alice.page.locator(".online-count")).hasText("1 online");

        // bob reads the public room without being a member: one member, alice, is online
        bob.openRoom(room);
        assertThat(bob.button("Join room")).isVisible();
        assertThat(bob.page.locator(".online-count")).hasText("1 online");

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
}
