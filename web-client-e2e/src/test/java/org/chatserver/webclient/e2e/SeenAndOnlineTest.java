package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpClient;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Read receipts and presence (issue 11) through the web client: alice sees that bob has read her
 * message the moment he has it on screen, who read it and when, and who is online in the room.
 */
class SeenAndOnlineTest extends AliceAndBobInTheBrowser {

    @Test
    void aliceSeesWhoHasReadHerMessageAndWhoIsOnline() {
        aliceAndBob();
        String room = Person.unique("Receipts ");
        alice.createRoom(room, false);
        assertThat(alice.page.locator(".online-count")).hasText("1 online");

        alice.send("did you read this?");
        assertThat(alice.message("did you read this?")).hasCount(1);
        assertThat(alice.page.locator(".seen")).hasCount(0);

        // bob opens the room and joins: he has read it, and alice sees so without doing anything
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.message("did you read this?")).hasCount(1);
        Locator seen = alice.message("did you read this?").locator(".seen");
        assertThat(seen).hasText("Seen by " + bob.name);

        // a newer message of hers is not seen until bob has it on screen too
        alice.send("and this?");
        assertThat(bob.message("and this?")).hasCount(1);
        assertThat(alice.message("and this?").locator(".seen")).hasText("Seen by " + bob.name);
        assertThat(alice.page.locator(".seen")).hasCount(1);

        // who and when
        alice.message("and this?").hover();
        alice.message("and this?").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Seen by").setExact(true)).click();
        Locator readers = alice.page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.LIST,
                new Locator.GetByRoleOptions().setName("Seen by"));
        assertThat(readers.getByRole(AriaRole.LISTITEM)).hasCount(1);
        assertThat(readers.getByRole(AriaRole.LISTITEM)).containsText(bob.name);
        assertThat(readers.locator("time")).hasCount(1);
        Axe.check(alice.page, "seen-by dialog");
        alice.page.keyboard().press("Escape");

        // bob is online while his page is open, and last seen once it is closed
        alice.button("Members").click();
        Locator bobInList = alice.page.getByRole(AriaRole.DIALOG).locator(".member-list li")
                .filter(new Locator.FilterOptions().setHasText(bob.name));
        assertThat(bobInList.locator(".presence")).hasText("online");
        assertThat(alice.page.locator(".online-count")).hasText("2 online");
        Axe.check(alice.page, "members dialog with presence");
        alice.page.keyboard().press("Escape");
        bob.close();
        bob = null;
        alice.button("Members").click();
        assertThat(bobInList.locator(".presence")).hasText(Pattern.compile("^last seen "));
        assertThat(alice.page.locator(".online-count")).hasText("1 online");
    }

    /**
     * Who has read a message is for the room's members (docs/API.md "Read receipts"): bob, who leaves the public room,
     * reads on and is neither shown "Seen by" under his own message nor offered to ask who saw it (the server would
     * answer 403); at once when he leaves on another device, and after a reload, from a members list that tells him no
     * read positions.
     */
    @Test
    void aReaderWhoIsNotAMemberIsNotOfferedSeenByOnHisOwnMessage() throws Exception {
        aliceAndBobInARoom("Left ");
        bob.send("written while I was in");
        Locator mine = bob.message("written while I was in");
        assertThat(mine.locator(".seen")).hasText("Seen by " + alice.name);
        assertThat(tool(bob, mine, "Seen by")).isVisible();

        HttpClient http = HttpClient.newHttpClient();
        Seeder.postAs(http, server, Seeder.accessToken(http, server, bob.name), "api/rooms/" + bob.openRoomId() + "/leave");
        assertThat(bob.button("Join room")).isVisible();
        for (int shown = 0; shown < 2; shown++) {
            assertThat(mine.locator(".seen")).hasCount(0);
            assertThat(tool(bob, mine, "Add a reaction")).isVisible();
            assertThat(tool(bob, mine, "Seen by")).hasCount(0);
            assertThat(bob.page.locator(".seen")).hasCount(0);
            bob.page.reload();
            assertThat(bob.button("Join room")).isVisible();
        }
    }

    /** API.md mark-read: a client marks what was actually on screen; scrolled up, a new message is not seen yet. */
    @Test
    void aMessageArrivingWhileTheReaderIsScrolledUpIsSeenOnlyOnceTheyScrollDownToIt() {
        aliceAndBob();
        String room = Person.unique("Scrolled ");
        alice.createRoom(room, false);
        assertThat(alice.page.locator(".conversation[data-connection=online]")).hasCount(1);
        alice.page.evaluate("""
                (count) => {
                  const field = document.querySelector('.composer textarea');
                  for (let i = 1; i <= count; i++) {
                    field.value = 'older #' + i + '#' + '\\nsecond line\\nthird line\\nfourth line';
                    field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
                  }
                }""", 30);
        assertThat(alice.message("older #30#")).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions
                .HasCountOptions().setTimeout(30_000));
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.message("older #30#")).hasCount(1);
        // joined, his page reads the members again and draws the messages again with a member's tools: that done,
        // (the count includes him then) he scrolls up
        assertThat(bob.page.locator(".online-count")).hasText("2 online");
        bob.message("older #1#").scrollIntoViewIfNeeded();

        alice.send("new while bob reads old stuff");
        Locator fresh = bob.message("new while bob reads old stuff");
        assertThat(fresh).hasCount(1);
        assertThat(fresh).not().isInViewport();
        bob.page.waitForTimeout(1500);
        assertThat(alice.message("new while bob reads old stuff").locator(".seen")).hasCount(0);

        fresh.scrollIntoViewIfNeeded();
        assertThat(alice.message("new while bob reads old stuff").locator(".seen")).hasText("Seen by " + bob.name);
    }
}
