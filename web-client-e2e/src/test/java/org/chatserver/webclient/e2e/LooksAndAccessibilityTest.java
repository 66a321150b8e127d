package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client as people see it: axe-core (from its WebJar, run inside the page) finds no serious
 * or critical violation on any screen, light or dark, desktop or 390 px; a keyboard alone gets
 * from logging in to sending a message; and the screenshots in docs/ come from here
 * ({@code -Dchat.test.screenshots.update=true} writes them there, otherwise to target/screenshots).
 */
class LooksAndAccessibilityTest {

    private static Stage stage;
    private static ChatServer server;

    @BeforeAll
    static void start() {
        stage = Stage.withOwnServer();
        server = stage.server();
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    /** A room name of one long word (64 characters, as allowed) stays on a phone's screen: nothing runs past its edge. */
    @Test
    void aLongRoomNameWithoutSpacesFitsAPhone() {
        try (Person carol = Person.phone(stage.browser(), Person.unique("carol")).signUp(server)) {
            carol.createRoom("Roo" + "o".repeat(60) + "m", false);
            assertThat(carol.page.locator(".start-label")).isVisible();
            Number overflow = (Number) carol.page.evaluate("() => Math.max(...[document.documentElement,"
                    + " ...document.querySelectorAll('.scroller, .start-label')].map(e => e.scrollWidth - e.clientWidth))");
            org.assertj.core.api.Assertions.assertThat(overflow.intValue()).as("pixels of the room's start past the phone's right edge")
                    .isZero();
        }
    }

    @Test
    void everyScreenPassesAxeLightAndDarkDesktopAndPhoneAndIsPhotographed() {
        var browser = stage.browser();
        try (Person alice = Person.desktop(browser, "alice");
                Person bob = Person.phone(browser, "bob");
                Person aliceInTheDark = Person.darkDesktop(browser, "alice")) {
            alice.open(server);
            assertThat(alice.page.getByLabel("Password")).isVisible();
            axe(alice.page, "log in");

            alice.signUp(server);
            bob.signUp(server);
            // "General" is there from the start, as on every server
            alice.createRoom("Design reviews", true);
            alice.createRoom("Book club", false);
            bob.comeBackToTheTab();
            bob.openRoom("Book club");
            bob.button("Join room").click();

            alice.send("Has everyone finished chapter 4? 📚");
            bob.send("Almost! The ending of the storm scene is something else.");
            bob.send("Also: the author is giving a talk on Thursday, details at https://example.org/talk");
            var talk = alice.message("giving a talk");
            talk.hover();
            talk.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Reply").setExact(true)).click();
            alice.send("I'll be there!");
            assertThat(bob.message("I'll be there!").locator(".reply-ref")).containsText("giving a talk");
            alice.attach(new FilePayload("harbour.png", "image/png", Samples.png(480, 300)));
            alice.send("I took this at the harbour the book describes");
            alice.attach(new FilePayload("reading-list.txt", "text/plain",
                    "1. The Shipping News\n2. Moby-Dick\n".getBytes(StandardCharsets.UTF_8)));
            alice.composer().press("Enter");
            assertThat(bob.message("reading-list.txt")).hasCount(1);
            var photo = alice.message("I took this");
            photo.hover();
            photo.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Edit message").setExact(true)).click();
            var field = alice.page.getByLabel("Edited text");
            field.fill("I took this at the harbour the book describes, on the way to the island");
            field.press("Enter");
            assertThat(bob.message("on the way to the island").locator(".edited")).hasCount(1);
            react(bob, "harbour", "❤️");
            react(alice, "Almost!", "😂");
            bob.composer().pressSequentially("Lovely photo");
            assertThat(alice.page.locator(".typing")).hasText("bob is typing…");
            alice.page.getByText("I took this").hover();

            alice.page.mouse().move(0, 0);
            axe(alice.page, "conversation, desktop");
            screenshot(alice.page, "web-client-desktop.png");
            axe(bob.page, "conversation, 390 px");
            screenshot(bob.page, "web-client-mobile.png");
            bob.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All rooms")).click();
            axe(bob.page, "room list, 390 px");

            aliceInTheDark.logIn(server);
            aliceInTheDark.openRoom("Book club");
            assertThat(aliceInTheDark.message("reading-list.txt")).hasCount(1);
            aliceInTheDark.page.locator(".composer textarea").blur();
            axe(aliceInTheDark.page, "conversation, dark");
            screenshot(aliceInTheDark.page, "web-client-dark.png");

            alice.openRoom("Design reviews");
            alice.button("Members").click();
            assertThat(alice.page.getByLabel("Add someone by username")).isVisible();
            axe(alice.page, "members dialog");

            for (Person person : List.of(alice, bob, aliceInTheDark)) {
                assertThat(person.problems).as(person.name + "'s page").isEmpty();
            }
        }
    }

    @Test
    void aKeyboardAloneGetsFromSigningUpToSendingAMessage() {
        try (Person carol = Person.desktop(stage.browser(), "carol")) {
            Page page = carol.page;
            carol.open(server);
            assertThat(page.getByLabel("Username")).isFocused();
            page.keyboard().press("Tab"); // the password field
            page.keyboard().press("Shift+Tab");
            page.keyboard().press("Shift+Tab"); // the "Sign up" tab
            page.keyboard().press("Enter");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create your account"))).isVisible();
            assertThat(page.getByLabel("Username")).isFocused();
            page.keyboard().type("carol");
            page.keyboard().press("Tab");
            page.keyboard().type(Person.PASSWORD);
            page.keyboard().press("Enter");
            assertThat(page.getByText("Logged in as")).hasCount(1);

            // skip link, then the sidebar's first control opens the new-room dialog
            page.keyboard().press("Tab");
            assertThat(page.getByText("Skip to conversation")).isFocused();
            page.keyboard().press("Tab");
            assertThat(carol.button("New room")).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.getByLabel("Name")).isFocused();
            page.keyboard().type("Keyboard only");
            page.keyboard().press("Enter");
            assertThat(carol.roomTitle()).containsText("Keyboard only");
            assertThat(carol.composer()).isFocused();
            page.keyboard().type("typed without a mouse");
            page.keyboard().press("Enter");
            assertThat(carol.message("typed without a mouse")).hasCount(1);

            // a reaction picked with the keyboard: the focus stays on the message's reaction button, not the page
            carol.message("typed without a mouse").getByRole(AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add a reaction")).focus();
            page.keyboard().press("Enter");
            assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pick a reaction"))
                    .getByRole(AriaRole.BUTTON).first()).isFocused();
            page.keyboard().press("Enter");
            assertThat(carol.message("typed without a mouse").locator(".chip[aria-pressed=true]")).hasCount(1);
            assertThat(carol.message("typed without a mouse").getByRole(AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add a reaction"))).isFocused();

            // a room opened with Enter in the list keeps the focus on its link
            carol.roomLink("General").focus();
            page.keyboard().press("Enter");
            assertThat(carol.roomTitle()).containsText("General");
            assertThat(carol.roomLink("General")).isFocused();
            carol.openRoom("Keyboard only");

            // the skip link jumps to the composer and leaves the room open
            page.getByText("Skip to conversation").focus();
            page.keyboard().press("Enter");
            assertThat(carol.composer()).isFocused();
            assertThat(carol.roomTitle()).containsText("Keyboard only");

            // focus is visible: the focused control draws an outline
            page.keyboard().press("Shift+Tab");
            Object outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
            assertThat(outline).isEqualTo("solid");
            assertThat(carol.problems).isEmpty();
        }
    }

    private static void react(Person person, String messageText, String reaction) {
        var message = person.message(messageText);
        message.hover();
        message.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add a reaction")).click();
        person.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pick a reaction"))
                .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(reaction)).click();
        assertThat(message.locator(".chip[aria-pressed=true]")).hasCount(1);
    }

    private static void axe(Page page, String screen) {
        Axe.check(page, screen);
    }

    private static void screenshot(Page page, String name) {
        Path dir = Boolean.getBoolean("chat.test.screenshots.update")
                ? Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs", "screenshots")
                : Path.of("target", "screenshots");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)));
    }
}
