package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One person using the web client in a browser context of their own: what they can click, type
 * and see. Finds things the way a person (or a screen reader) does: by role, label and text.
 */
final class Person implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String name;
    final BrowserContext context;
    final Page page;
    /** Uncaught script errors and error-level console messages of the page, for the tests to check. */
    final List<String> problems = new CopyOnWriteArrayList<>();

    private Person(String name, BrowserContext context) {
        this.name = name;
        this.context = context;
        this.page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.onPageError(error -> problems.add("page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                problems.add("console: " + message.text());
            }
        });
    }

    /** A unique user name starting with {@code base} (the server keeps users between tests). */
    static String unique(String base) {
        return base + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    static Person desktop(Browser browser, String name) {
        return new Person(name, browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)));
    }

    /** A phone's screen, and a phone's User-Agent, by which the server names its session "Chrome on Android". */
    static Person phone(Browser browser, String name) {
        return new Person(name, browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setUserAgent(PHONE_AGENT)));
    }

    static final String PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Mobile Safari/537.36";

    static Person darkDesktop(Browser browser, String name) {
        return new Person(name, browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setColorScheme(ColorScheme.DARK)));
    }

    Person open(ChatServer server) {
        page.navigate(server.baseUrl());
        return this;
    }

    Person signUp(ChatServer server) {
        open(server);
        button("Sign up").click();
        return submitCredentials(PASSWORD);
    }

    Person logIn(ChatServer server) {
        open(server);
        return submitCredentials(PASSWORD);
    }

    private Person submitCredentials(String password) {
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill(password);
        page.locator("form.auth-card button[type=submit]").click();
        assertThat(page.getByText("Logged in as")).hasCount(1);
        return this;
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator roomLink(String roomName) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Rooms"))
                .getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText(roomName));
    }

    /** A room in the person's own rooms (those they are a member of), not among the public rooms they may browse. */
    Locator myRoomLink(String roomName) {
        return page.locator("nav[aria-label=Rooms] a.room:not(.browse a)").filter(new Locator.FilterOptions().setHasText(roomName));
    }

    /** A public room the person is not a member of, in the room list's "Browse public rooms". */
    Locator publicRoomLink(String roomName) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Public rooms"))
                .getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText(roomName));
    }

    /** Opens the direct message with someone by their username (Message someone), and is in it. */
    void openDirectMessage(Person other) {
        button("Message someone").click();
        page.getByLabel("Username").fill(other.name);
        button("Open conversation").click();
        assertThat(roomTitle()).hasText(other.name + " (direct message)");
    }

    /**
     * The page keeps time on Playwright's clock from here on (call it before the page opens): time runs as usual, and
     * {@link #letTimePass} moves it on at once instead of a test waiting out, say, a 30 s refresh.
     */
    Person onATestClock() {
        context.clock().install();
        return this;
    }

    /**
     * For a page {@link #onATestClock() on a test clock}: {@code millis} pass at once, as if the person had waited, every
     * timer falling due meanwhile firing in turn. (Not a jump, which the page would take for a laptop waking up from
     * sleep and reconnect: a refresh could then come from the reconnection rather than from the timer under test.)
     */
    void letTimePass(long millis) {
        page.clock().runFor(millis);
    }

    /** The room list refreshes when the window regains focus, as when a person comes back to the tab. */
    void comeBackToTheTab() {
        page.evaluate("() => window.dispatchEvent(new Event('focus'))");
    }

    void createRoom(String roomName, boolean isPrivate) {
        button("New room").click();
        page.getByLabel("Name").fill(roomName);
        if (isPrivate) {
            page.getByLabel(Pattern.compile("^Private")).check();
        }
        button("Create room").click();
        assertThat(roomTitle()).containsText(roomName);
        // loaded, and its creator a member: a test that stops the server next finds the room writable
        assertThat(composer()).isVisible();
    }

    void openRoom(String roomName) {
        Locator link = roomLink(roomName);
        if (link.count() == 0) {
            comeBackToTheTab();
        }
        link.click();
        assertThat(roomTitle()).containsText(roomName);
    }

    /** Picks files with the composer's file picker and waits until they are uploaded. */
    void attach(com.microsoft.playwright.options.FilePayload... files) {
        page.locator(".composer input[type=file]").setInputFiles(files);
        for (var file : files) {
            waitUploaded(file.name);
        }
    }

    void waitUploaded(String fileName) {
        assertThat(page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName(fileName + ", uploaded")))
                .hasCount(1);
    }

    /** The id of the room the page has open (its address, {@code #/rooms/{id}}). */
    long openRoomId() {
        return Long.parseLong(((String) page.evaluate("() => location.hash")).replaceAll("^#/rooms/(\\d+).*$", "$1"));
    }

    Locator roomTitle() {
        return page.locator(".room-title");
    }

    Locator composer() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(Pattern.compile("^Message ")));
    }

    void send(String text) {
        composer().fill(text);
        composer().press("Enter");
    }

    /** Stored messages shown in the open room (pending ones are drawn apart until acknowledged). */
    Locator messages() {
        return page.locator(".messages[role=log] .msg");
    }

    Locator message(String text) {
        return messages().filter(new Locator.FilterOptions().setHasText(text));
    }

    /** The text of a stored message that is exactly {@code text} (not merely containing it). */
    Locator textExactly(String text) {
        return page.locator(".messages[role=log] .msg .text")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile(
                        // the pattern runs in the page: JavaScript has no Pattern.quote
                        "^" + text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0") + "$")));
    }

    /** The texts of the stored messages shown, in order. */
    List<String> texts() {
        return page.locator(".messages[role=log] .msg .text").allTextContents();
    }

    /** Searches the messages from the box above the room list. */
    void search(String query) {
        Locator box = page.getByLabel("Search messages", new Page.GetByLabelOptions().setExact(true));
        box.fill(query);
        box.press("Enter");
    }

    Locator pending() {
        return page.locator(".pending-box .msg");
    }

    @Override
    public void close() {
        context.close();
    }
}
