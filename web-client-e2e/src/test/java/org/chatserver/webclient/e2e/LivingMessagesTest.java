package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Messages that live (issue 10) through the web client: alice edits, bob replies, bob deletes, each
 * seen at once in the other's browser and after a reload; and the room's owner (whom the members
 * list names, with the moderation half of issue 10) pins, names a moderator, mutes, deletes
 * another's message, bans and lifts the ban.
 */
class LivingMessagesTest extends AliceAndBobInTheBrowser {

    private static Locator toast(Person person, String text) {
        return person.page.locator(".toast").filter(new Locator.FilterOptions().setHasText(text)).first();
    }

    private static Locator dialog(Person person) {
        return person.page.getByRole(AriaRole.DIALOG);
    }

    /**
     * A message that turns the writing direction (U+202E, right-to-left override) and never turns it back showed what
     * follows it on its line backwards, "(edited)" included, and a link could carry the override into its label.
     */
    @Test
    void aTextThatLeavesTheWritingDirectionTurnedDoesNotTurnWhatFollowsIt() {
        aliceAndBobInARoom("Direction ");
        alice.send("abc \u202Edef");
        tool(alice, alice.message("abc"), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("abc \u202Edefgh");
        field.press("Enter");
        Locator text = bob.message("abc").locator(".text");
        assertThat(text.locator(".edited")).hasText("(edited)");
        // the message's own characters all left of "(edited)", which reads forwards after them
        Object after = text.evaluate("""
                (p) => {
                  const edited = p.querySelector('.edited');
                  const own = document.createRange();
                  own.setStart(p, 0);
                  own.setEnd(p, [...p.childNodes].indexOf(edited) - 1);
                  return Math.max(...[...own.getClientRects()].map((r) => r.right)) <= edited.getBoundingClientRect().left;
                }""");
        assertThat(after).as("(edited) after the text it follows").isEqualTo(true);

        alice.send("see https://example.com/\u202Emoc.live");
        assertThat(bob.message("see").getByRole(AriaRole.LINK)).hasText("https://example.com/");
    }

    /**
     * A reply being written keeps up with the message it answers: its bar shows an edit, and once that message is
     * deleted the reply is dropped and what was written goes out on its own (the server refuses a reply to a deleted
     * message: until now every Enter failed with "Not sent" while the bar still showed the deleted text).
     */
    @Test
    void aReplyBeingWrittenToAMessageThatIsEditedAndDeletedMeanwhileIsSentOnItsOwn() {
        aliceAndBobInARoom("Vanishing ");
        alice.send("parent that will vanish");
        assertThat(bob.message("parent that will vanish")).hasCount(1);
        tool(bob, bob.message("parent that will vanish"), "Reply").click();
        bob.composer().fill("my answer to it");
        Locator bar = bob.page.locator(".reply-bar");
        assertThat(bar).containsText("parent that will vanish");

        tool(alice, alice.message("parent that will vanish"), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("parent, edited, will vanish");
        field.press("Enter");
        assertThat(bar).containsText("parent, edited, will vanish", Live.containsText());

        tool(alice, alice.message("parent, edited"), "Delete message").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(bar).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(Live.MS));
        assertThat(toast(bob, "The message you were replying to was deleted")).isVisible();
        assertThat(bob.composer()).hasValue("my answer to it");
        bob.composer().press("Enter");
        assertThat(alice.message("my answer to it")).hasCount(1, Live.count());
        assertThat(alice.message("my answer to it").locator(".reply-ref")).hasCount(0);
    }

    /**
     * An edit being written ended without a word when the message was edited elsewhere (the author's other tab) or
     * deleted meanwhile (here by the room's owner): the field went, and what was written with it. Now the author is
     * told, as a reply's writer is.
     */
    @Test
    void anEditBeingWrittenOfAMessageDeletedMeanwhileDoesNotVanishWithoutAWord() {
        aliceAndBobInARoom("Edit lost ");
        bob.send("words bob will edit");
        assertThat(alice.message("words bob will edit")).hasCount(1);
        tool(bob, bob.message("words bob will edit"), "Edit message").click();
        Locator field = bob.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("better words, not saved yet");

        // edited in bob's other tab meanwhile
        Page other = bob.page.context().newPage();
        other.navigate((String) bob.page.evaluate("() => location.href"));
        Locator there = other.locator(".messages[role=log] .msg").filter(new Locator.FilterOptions().setHasText("words bob will edit"));
        there.hover();
        there.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit message").setExact(true)).click();
        Locator otherField = other.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        otherField.fill("words bob edited in his other tab");
        otherField.press("Enter");
        assertThat(field).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(Live.MS));
        assertThat(toast(bob, "The message you were editing was changed elsewhere: your edit was not saved")).isVisible();
        other.close();

        tool(bob, bob.message("words bob edited"), "Edit message").click();
        field.fill("better words, not saved yet");
        tool(alice, alice.message("words bob edited"), "Delete message").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(field).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(Live.MS));
        assertThat(toast(bob, "The message you were editing was deleted: your edit was not saved")).isVisible();
    }

    /**
     * An edit changed and not saved was dropped without a word when its writer opened another room: it is kept, and
     * open again with what was written when they come back to the room, to be saved.
     */
    @Test
    void anUnsavedEditIsOpenAgainWithItsTextAfterAnotherRoomWasOpened() {
        String room = aliceAndBobInARoom("Edit kept ");
        String elsewhere = Person.unique("Elsewhere ");
        bob.createRoom(elsewhere, false);
        bob.openRoom(room);
        bob.send("first thoughts");
        tool(bob, bob.message("first thoughts"), "Edit message").click();
        Locator field = bob.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("second thoughts, half written");

        bob.openRoom(elsewhere);
        assertThat(field).isHidden();
        bob.openRoom(room);
        assertThat(field).hasValue("second thoughts, half written");
        assertThat(field).isFocused();
        field.press("End");
        field.pressSequentially(" and done");
        field.press("Enter");
        assertThat(alice.message("second thoughts, half written and done")).hasCount(1, Live.count());
        assertThat(bob.message("second thoughts, half written and done")).hasCount(1);
    }

    /**
     * A link to the address the page is already at (a pin opened before, then scrolled away from) did nothing: the
     * address did not change, so the page did not move.
     */
    @Test
    void aPinOpenedAgainAfterScrollingAwayFromItTakesTheReaderBackToIt() throws Exception {
        String room = aliceAndBobInARoom("Again ");
        alice.send("come back to me");
        tool(alice, alice.message("come back to me"), "Pin message").click();
        Seeder.post(server, alice.name, room, "filler ", 60);
        assertThat(bob.textExactly("filler 60")).hasCount(1, Live.count());
        Locator target = bob.message("come back to me");

        for (int time = 1; time <= 2; time++) {
            bob.button("Pinned").click();
            dialog(bob).getByRole(AriaRole.LINK).first().click();
            assertThat(target).isInViewport();
            // down to the newest, as far as the page loads them while scrolling
            for (int step = 0; step < 20; step++) {
                bob.page.locator(".scroller").evaluate("(el) => { el.scrollTop = el.scrollHeight; }");
                bob.page.waitForTimeout(100);
            }
            assertThat(bob.textExactly("filler 60")).isInViewport();
            assertThat(target).not().isInViewport();
        }
    }

    /** An edit that could not reach the server said so until it was saved, long after the connection was back. */
    @Test
    void anEditRefusedWhileOfflineSaysSoOnlyUntilTheConnectionIsBack() {
        aliceAndBobInARoom("Offline edit ");
        alice.send("tpyo here");
        assertThat(bob.message("tpyo here")).hasCount(1);
        tool(alice, alice.message("tpyo here"), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("typo here, mended");
        Locator error = alice.page.locator(".edit-form .form-error");

        alice.page.context().setOffline(true);
        field.press("Enter");
        assertThat(error).hasText("Cannot reach the server. Try again in a moment.");
        alice.page.context().setOffline(false);
        assertThat(alice.page.locator(".conversation[data-connection=online]")).hasCount(1, Live.count());
        assertThat(error).hasText("", Live.text());

        field.press("Enter");
        assertThat(bob.message("typo here, mended")).hasCount(1, Live.count());
        alice.problems.removeIf(problem -> problem.contains("net::ERR_INTERNET_DISCONNECTED"));
    }

    @Test
    void editReplyAndDeleteAreSeenAtOnceByTheOtherAndAfterAReload() {
        aliceAndBobInARoom("Living ");
        alice.send("helo wrold");
        assertThat(bob.message("helo wrold")).hasCount(1);

        // alice corrects herself
        tool(alice, alice.message("helo wrold"), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("hello world");
        field.press("Enter");
        for (Person person : new Person[] {alice, bob}) {
            assertThat(person.message("hello world").locator(".text")).hasText("hello world (edited)");
            assertThat(person.message("hello world").locator(".edited")).hasText("(edited)");
            assertThat(person.message("helo wrold")).hasCount(0);
        }
        // bob may neither edit, pin nor delete what alice wrote
        Locator alicesAtBob = bob.message("hello world");
        assertThat(tool(bob, alicesAtBob, "Reply")).isVisible();
        assertThat(alicesAtBob.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit message").setExact(true))).hasCount(0);
        assertThat(alicesAtBob.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete message").setExact(true))).hasCount(0);
        assertThat(alicesAtBob.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pin message").setExact(true))).hasCount(0);

        // bob replies
        tool(bob, alicesAtBob, "Reply").click();
        assertThat(bob.page.locator(".reply-bar")).containsText("Replying to " + alice.name);
        bob.send("hi back");
        for (Person person : new Person[] {alice, bob}) {
            Locator reply = person.message("hi back");
            assertThat(reply.locator(".reply-ref")).containsText(alice.name);
            assertThat(reply.locator(".reply-ref")).containsText("hello world");
            assertThat(person.message("hello world").locator(".thread-count")).hasText("1 reply");
        }
        assertThat(bob.page.locator(".reply-bar")).isHidden();
        tool(bob, bob.message("hi back"), "Reply");
        Axe.check(bob.page, "a reply, its parent's thread count, message tools");
        alice.message("hello world").locator(".thread-count").click();
        assertThat(dialog(alice).getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Replies").setExact(true))
                .getByRole(AriaRole.LISTITEM)).hasText(Pattern.compile("hi back"));
        Axe.check(alice.page, "thread dialog");
        alice.page.keyboard().press("Escape");

        // bob takes his reply back
        tool(bob, bob.message("hi back"), "Delete message").click();
        dialog(bob).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        for (Person person : new Person[] {alice, bob}) {
            assertThat(person.page.locator(".msg.deleted .tombstone")).hasText("This message was deleted.");
            assertThat(person.message("hi back")).hasCount(0);
            assertThat(person.message("hello world").locator(".thread-count")).hasCount(0);
        }
        // nothing is pinned in this room
        assertThat(bob.button("Pinned")).isHidden();

        bob.page.reload();
        assertThat(bob.message("hello world").locator(".edited")).hasText("(edited)");
        assertThat(bob.page.locator(".msg.deleted .tombstone")).hasCount(1);
        Axe.check(bob.page, "an edited message and a tombstone");
        assertThat(bob.message("hi back")).hasCount(0);
    }

    @Test
    void editsDeletionsAndReactionsMadeWhileAPersonWasCutOffArriveWhenTheyAreBack() {
        SocketWatch bobSockets = aliceAndWatchedBob();
        bobJoinsANewRoomOfAlices("Away ");
        for (String text : new String[] {"one", "two", "three"}) {
            alice.send(text);
            assertThat(bob.textExactly(text)).hasCount(1);
        }

        bobSockets.cutOff();
        assertThat(bob.page.getByText("You are offline")).isVisible();
        aliceEditsDeletesAndReacts("two", "two, better", "three", "one");
        alice.send("four");
        assertThat(alice.message("four")).hasCount(1);

        bobSockets.reconnect();
        assertThat(bob.page.getByText("You are offline")).isHidden();
        assertThat(bob.textExactly("four")).hasCount(1);
        assertThat(bob.message("two, better").locator(".text")).hasText("two, better (edited)");
        assertThat(bob.message("three")).hasCount(0);
        assertThat(bob.page.locator(".msg.deleted .tombstone")).hasCount(1);
        assertThat(bob.message("one").locator(".chip:not(.add-reaction):not(.tool)")).hasText("👍1");
        assertThat(bob.texts()).containsExactly("one", "two, better (edited)", "four");
        // it resumed from the last change it had seen, not from a message id
        String resumedFrom = bobSockets.sinceParameters().getLast();
        assertThat(resumedFrom).isNotEmpty().doesNotContainPattern("^[0-9]+$");
        bob.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
    }

    @Test
    void theOwnerPinsNamesAModeratorMutesDeletesBansAndLiftsTheBan() {
        aliceAndBobInARoom("Moderated ");
        bob.send("first from bob");
        assertThat(alice.message("first from bob")).hasCount(1);

        // the owner pins; everyone sees it, in the message and in the room's pinned list, which shows only once
        // there is a pin
        assertThat(bob.button("Pinned")).isHidden();
        tool(alice, alice.message("first from bob"), "Pin message").click();
        assertThat(bob.message("first from bob").locator(".pin-label")).hasText("Pinned");
        bob.button("Pinned").click();
        assertThat(dialog(bob).getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Pinned messages").setExact(true))
                .getByRole(AriaRole.LINK)).containsText("first from bob");
        Axe.check(bob.page, "pinned dialog");
        bob.page.keyboard().press("Escape");
        // a plain member may not pin
        assertThat(bob.message("first from bob").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Unpin message").setExact(true))).hasCount(0);

        // the owner names a moderator (and takes it back)
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make moderator " + bob.name).setExact(true)).click();
        assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name)).locator(".role"))
                .hasText("moderator");
        Axe.check(alice.page, "members dialog of the owner");
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make member " + bob.name).setExact(true)).click();
        assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name)).locator(".role"))
                .hasCount(0);

        // muted: bob's message is refused, his text comes back, alice never sees it
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mute " + bob.name).setExact(true)).click();
        assertThat(toast(alice, "Muted " + bob.name)).isVisible();
        alice.page.keyboard().press("Escape");
        bob.send("am I muted?");
        assertThat(toast(bob, "Not sent: You are muted in this room until")).isVisible();
        // Enter again: the same refusal, shown once rather than stacked
        bob.composer().press("Enter");
        assertThat(bob.composer()).hasValue("am I muted?", new LocatorAssertions.HasValueOptions().setTimeout(Live.MS));
        bob.page.waitForTimeout(1_000); // the second refusal is back by now (loopback), its toast with it
        assertThat(bob.page.locator(".toast").filter(new Locator.FilterOptions()
                .setHasText("Not sent: You are muted in this room until"))).hasCount(1);
        // in the reader's own time, not an ISO instant in UTC
        assertThat(toast(bob, "Not sent: You are muted in this room until"))
                .not().hasText(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d"));
        assertThat(bob.pending()).hasCount(0);
        assertThat(bob.composer()).hasValue("am I muted?");
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unmute " + bob.name).setExact(true)).click();
        assertThat(toast(alice, "Unmuted " + bob.name)).isVisible();
        alice.page.keyboard().press("Escape");
        bob.composer().press("Enter");
        assertThat(alice.message("am I muted?")).hasCount(1);

        // the owner deletes another's message
        tool(alice, alice.message("first from bob"), "Delete message").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(bob.message("first from bob")).hasCount(0);
        assertThat(bob.page.locator(".msg.deleted .tombstone")).hasCount(1);
        // it was the room's only pin
        assertThat(bob.button("Pinned")).isHidden();
        assertThat(alice.button("Pinned")).isHidden();

        // banned: bob is out at once and cannot join again
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban " + bob.name).setExact(true)).click();
        alice.page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ban " + bob.name + "?"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban").setExact(true)).click();
        assertThat(bob.page.getByRole(AriaRole.ALERT)).hasText("You are banned from this room");
        assertThat(bob.composer()).isHidden();
        bob.page.reload();
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN);
        assertThat(bob.button("Join room")).hasCount(0);
        // nor may he edit or delete what he wrote there: it stays for the room's moderators
        for (String refused : new String[] {"Edit message", "Delete message"}) {
            assertThat(bob.message("am I muted?").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName(refused).setExact(true))).hasCount(0);
        }

        // the audit log tells what happened; the ban is lifted from it
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Audit log").setExact(true)).click();
        Locator audit = alice.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Audit log"));
        assertThat(audit).containsText("banned " + bob.name);
        assertThat(audit).containsText("deleted a message of " + bob.name);
        assertThat(audit).containsText("muted " + bob.name);
        assertThat(audit).containsText("made " + bob.name + " a moderator");
        Axe.check(alice.page, "audit log");
        audit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lift the ban of " + bob.name).setExact(true)).click();
        assertThat(toast(alice, "Lifted the ban of " + bob.name)).isVisible();
        // a reload asks where bob stands at once (his open page would within its 30 s refresh), and offers the button
        bob.page.reload();
        bob.button("Join room").click();
        bob.send("thanks");
        assertThat(alice.message("thanks")).hasCount(1);
        assertThat(tool(bob, bob.message("am I muted?"), "Delete message")).isVisible();
        bob.problems.removeIf(problem -> problem.contains("403"));
    }

    /** The members list says who is muted (API.md {@code muted_until}): Mute or Unmute is offered, not both. */
    /**
     * The first message a page sees may reach it through the catch-up after its connection came up rather than live
     * (posted while it connected): it has its tools all the same. The full suite once timed out waiting for a Reply
     * button that this left out.
     */
    @Test
    void aMessageCaughtUpAfterJoiningHasItsToolsAsALiveOneHas() {
        SocketWatch bobSockets = aliceAndWatchedBob();
        String room = Person.unique("Caught up ");
        alice.createRoom(room, false);
        bobSockets.cutOff();
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.page.getByText("You are offline")).isVisible();
        alice.send("posted while bob connects");
        bobSockets.reconnect();
        assertThat(bob.message("posted while bob connects")).hasCount(1);
        assertThat(tool(bob, bob.message("posted while bob connects"), "Reply")).isVisible();
        bob.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
    }

    /** A message drawn anew while its reader picks a reaction for it (an edit, a reaction) leaves the picker open, focused. */
    @Test
    void aReactionPickerStaysOpenWithItsFocusWhileTheMessageIsEditedAndReactedTo() {
        aliceAndBobInARoom("Picking ");
        alice.send("pick something");
        assertThat(bob.message("pick something")).hasCount(1);
        bob.message("pick something").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Add a reaction").setExact(true)).focus();
        bob.page.keyboard().press("Enter");
        Locator choices = bob.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pick a reaction"))
                .getByRole(AriaRole.BUTTON);
        assertThat(choices.first()).isFocused();
        bob.page.keyboard().press("ArrowRight");
        assertThat(choices.nth(1)).isFocused();

        tool(alice, alice.message("pick something"), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("pick something nice");
        field.press("Enter");
        assertThat(bob.message("pick something nice")).hasCount(1);
        assertThat(choices.nth(1)).isFocused();

        tool(alice, alice.message("pick something nice"), "Add a reaction").click();
        alice.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pick a reaction"))
                .getByRole(AriaRole.BUTTON).first().click();
        assertThat(bob.message("pick something nice").locator(".chip:not(.add-reaction)")).hasCount(1);
        assertThat(choices.nth(1)).isFocused();

        bob.page.keyboard().press("Enter");
        assertThat(bob.message("pick something nice").locator(".chip[aria-pressed=true]")).hasCount(1);
        assertThat(bob.message("pick something nice").locator(".chip:not(.add-reaction)")).hasCount(2);
    }

    private static final String CANNOT_JOIN = "You are banned from this room. You can read it, but you cannot join it.";

    /**
     * A reader banned from a public room is told they cannot join it, not offered a Join button the server can only
     * refuse: from the room's connection closed by the ban, from where the server says the reader stands when the room
     * opens (GET /api/rooms/{id}/me), or, where the server cannot say, from a refused join.
     */
    @Test
    void aBannedReaderIsToldTheyCannotJoinInsteadOfBeingOfferedAJoinButton() {
        String room = aliceAndBobInARoom("Banned ");
        String address = (String) bob.page.evaluate("() => location.hash");
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban " + bob.name).setExact(true)).click();
        alice.page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Ban " + bob.name + "?"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban").setExact(true)).click();
        assertThat(bob.page.getByRole(AriaRole.ALERT)).hasText("You are banned from this room");

        // bob still reads it: he leaves it for the list and comes back by its address
        bob.page.evaluate("() => { location.hash = '#/'; }");
        assertThat(bob.roomTitle()).hasCount(0);
        bob.page.evaluate("(hash) => { location.hash = hash; }", address);
        assertThat(bob.roomTitle()).containsText(room);
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN);
        assertThat(bob.button("Join room")).hasCount(0);
        assertThat(bob.composer()).isHidden();

        // after a reload the page asks where bob stands: he is told at once, with no button to try
        bob.page.reload();
        assertThat(bob.roomTitle()).containsText(room);
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN);
        assertThat(bob.button("Join room")).hasCount(0);

        // a server that cannot say (an older one): the button is offered, and the first try tells
        bob.page.route("**/api/rooms/*/me", route -> route.fulfill(new Route.FulfillOptions().setStatus(404)
                .setContentType("application/json").setBody("{\"detail\":\"Not Found\"}")));
        bob.page.reload();
        bob.button("Join room").focus();
        bob.page.keyboard().press("Enter");
        Locator why = bob.page.locator(".join-bar [role=status]");
        assertThat(why).hasText(CANNOT_JOIN);
        assertThat(why).isFocused();
        assertThat(bob.button("Join room")).hasCount(0);
        assertThat(bob.page.locator(".toast")).hasCount(0);
        Axe.check(bob.page, "a room its reader is banned from");
        bob.problems.removeIf(problem -> problem.contains("403") || problem.contains("404"));
    }

    /**
     * A reader who is not a member has no connection to the room that could tell of a ban: the page asks where they stand
     * again with the members list's refresh (every 30 s), so a ban lifted, or a new one, shows without a reload.
     */
    @Test
    void aBanOrItsLiftingWhileANonMemberReadsTheRoomShowsWithoutAReload() throws Exception {
        aliceAndBobOnATestClock();
        String room = Person.unique("Watched ");
        alice.createRoom(room, false);
        bob.openRoom(room);
        assertThat(bob.button("Join room")).isVisible();

        // alice bans bob (over the API, as from another device) while he reads, not a member: he is told, the button goes
        String bans = bansOfBobsRoom();
        ban(bans);
        bob.letTimePass(A_REFRESH_MS);
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN,
                new LocatorAssertions.HasTextOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
        assertThat(bob.button("Join room")).hasCount(0);

        // she lifts it: the Join button comes back, and works
        liftBan(bans);
        bob.letTimePass(A_REFRESH_MS);
        assertThat(bob.button("Join room")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
        assertThat(bob.page.locator(".join-bar")).not().containsText("banned");
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
    }

    /**
     * A member banned with the room open is told so at once; the ban lifted while the page stays open, they are offered
     * to join again with the 30 s refresh, without a reload, and the Join works.
     */
    @Test
    void aMemberBannedWithTheRoomOpenIsOfferedToJoinAgainOnceTheBanIsLifted() throws Exception {
        aliceAndBobOnATestClockInARoom("Forgiven ");
        String bans = bansOfBobsRoom();
        ban(bans);
        assertThat(bob.page.getByRole(AriaRole.ALERT)).hasText("You are banned from this room");
        assertThat(bob.composer()).isHidden();

        liftBan(bans);
        bob.letTimePass(A_REFRESH_MS);
        assertThat(bob.button("Join room")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
        assertThat(bob.page.getByText("You are banned from this room")).isHidden();
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        bob.send("back again");
        assertThat(alice.message("back again")).hasCount(1);
    }

    /**
     * A reader who is not a member has no connection to the room (connecting to a public room joins it): what is posted
     * while they read shows with the same 30 s refresh, without a reload, and reading joins nothing.
     */
    @Test
    void whatIsPostedWhileANonMemberReadsTheRoomShowsWithoutAReload() {
        aliceAndBobOnATestClock();
        String room = Person.unique("Read ");
        alice.createRoom(room, false);
        alice.send("before bob came");
        assertThat(alice.message("before bob came")).hasCount(1);
        bob.openRoom(room);
        assertThat(bob.message("before bob came")).hasCount(1);
        assertThat(bob.button("Join room")).isVisible();

        alice.send("while bob reads");
        assertThat(alice.message("while bob reads")).hasCount(1);
        bob.letTimePass(A_REFRESH_MS);
        assertThat(bob.message("while bob reads")).hasCount(1,
                new LocatorAssertions.HasCountOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
        assertThat(bob.messages()).hasCount(2);
        assertThat(bob.button("Join room")).isVisible();
    }

    /**
     * Nor do edits, deletions and reactions reach a reader who is not a member by themselves: the same refresh draws
     * again what changed in the newest messages.
     */
    @Test
    void editsDeletionsAndReactionsMadeWhileANonMemberReadsTheRoomShowWithoutAReload() {
        aliceAndBobOnATestClock();
        String room = Person.unique("Changed ");
        alice.createRoom(room, false);
        for (String text : new String[] {"helo", "oops", "react to me"}) {
            alice.send(text);
            assertThat(alice.message(text)).hasCount(1);
        }
        bob.openRoom(room);
        assertThat(bob.message("react to me")).hasCount(1);
        assertThat(bob.button("Join room")).isVisible();

        aliceEditsDeletesAndReacts("helo", "hello", "oops", "react to me");

        bob.letTimePass(A_REFRESH_MS);
        LocatorAssertions.HasTextOptions soon = new LocatorAssertions.HasTextOptions().setTimeout(SOONER_THAN_A_REFRESH_MS);
        assertThat(bob.message("hello").locator(".text")).hasText("hello (edited)", soon);
        assertThat(bob.page.locator(".msg.deleted .tombstone")).hasText("This message was deleted.", soon);
        assertThat(bob.message("oops")).hasCount(0);
        assertThat(bob.message("react to me").locator(".chip:not(.add-reaction):not(.tool)")).hasText("👍1", soon);
        assertThat(bob.messages()).hasCount(3);
        assertThat(bob.button("Join room")).isVisible();
    }

    /** With her message tools, alice edits one message, deletes another and gives a third 👍, each seen done on her page. */
    private void aliceEditsDeletesAndReacts(String toEdit, String edited, String toDelete, String toReactTo) {
        tool(alice, alice.message(toEdit), "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill(edited);
        field.press("Enter");
        assertThat(alice.message(edited).locator(".edited")).hasText("(edited)");
        tool(alice, alice.message(toDelete), "Delete message").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(alice.message(toDelete)).hasCount(0);
        tool(alice, alice.message(toReactTo), "Add a reaction").click();
        alice.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pick a reaction"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("👍")).click();
        assertThat(alice.message(toReactTo).locator(".chip:not(.add-reaction):not(.tool)")).hasText("👍1");
    }

    /** The address of the bans of the room bob has open. */
    private String bansOfBobsRoom() {
        long roomId = Long.parseLong(((String) bob.page.evaluate("() => location.hash")).replaceAll("\\D", ""));
        return server.baseUrl() + "api/rooms/" + roomId + "/bans";
    }

    /** Alice bans bob over the API, as from another device. */
    private void ban(String bans) throws Exception {
        ban(bans, bob);
    }

    /** Alice bans someone over the API, as from another device. */
    private void ban(String bans, Person who) throws Exception {
        asAlice(HttpRequest.newBuilder(URI.create(bans)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + who.name + "\"}")));
    }

    /** Alice lifts bob's ban over the API, as from another device. */
    private void liftBan(String bans) throws Exception {
        asAlice(HttpRequest.newBuilder(URI.create(bans + "/" + bob.name)).DELETE());
    }

    private void asAlice(HttpRequest.Builder request) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest sent = request.header("authorization", "Bearer " + Seeder.accessToken(http, server, alice.name)).build();
        assertThat(http.send(sent, HttpResponse.BodyHandlers.discarding()).statusCode()).as(sent.method() + " " + sent.uri())
                .isLessThan(300);
    }

    /** The members list's refresh (every 30 s), on a page's test clock passing at once rather than waited out. */
    private static final long A_REFRESH_MS = 30_000;

    /**
     * What shows once {@link #A_REFRESH_MS} have passed on a page's test clock shows within this: a third of a refresh,
     * so that the refresh's own time coming round (the clock runs on as usual) cannot pass for it.
     */
    private static final double SOONER_THAN_A_REFRESH_MS = 10_000;

    @Test
    void theMembersDialogOffersToMuteWhoIsNotMutedAndToUnmuteWhoIs() {
        aliceAndBobInARoom("Muting ");
        alice.button("Members").click();
        Locator bobsRow = dialog(alice).locator(".member-list li")
                .filter(new Locator.FilterOptions().setHasText(bob.name));
        Locator mute = dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Mute " + bob.name).setExact(true));
        Locator unmute = dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Unmute " + bob.name).setExact(true));
        assertThat(mute).hasCount(1);
        assertThat(unmute).hasCount(0);

        mute.click();
        assertThat(toast(alice, "Muted " + bob.name)).isVisible();
        assertThat(unmute).hasCount(1);
        assertThat(mute).hasCount(0);
        assertThat(bobsRow).containsText("muted until");
        Axe.check(alice.page, "members dialog with a muted member");

        // the same when the dialog is opened again, and after the unmute
        alice.page.keyboard().press("Escape");
        alice.button("Members").click();
        assertThat(mute).hasCount(0);
        unmute.click();
        assertThat(toast(alice, "Unmuted " + bob.name)).isVisible();
        assertThat(mute).hasCount(1);
        assertThat(unmute).hasCount(0);
        assertThat(bobsRow).not().containsText("muted until");
    }

    /**
     * The tools shown on a message under the pointer leave its text readable: no line of it runs under them, the
     * last line included, even when that line is as wide as the message.
     */
    @Test
    void theToolsOnAMessageUnderThePointerHideNoneOfItsText() {
        aliceAndBobInARoom("Tools ");
        bob.send(textWithAFullLastLine(bob, alice));
        Locator message = alice.message("The storm scene");
        tool(alice, message, "Reply");
        assertThat(message.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reply").setExact(true)))
                .isVisible();

        @SuppressWarnings("unchecked")
        var lines = (java.util.Map<String, Object>) message.evaluate("""
                (msg) => {
                  const tools = [...msg.querySelectorAll('.tools > button')].map((b) => b.getBoundingClientRect());
                  const range = document.createRange();
                  range.selectNodeContents(msg.querySelector('.text'));
                  const lines = [...range.getClientRects()].filter((r) => r.width > 0);
                  const left = Math.min(...tools.map((t) => t.left));
                  const under = (l, t) => l.left < t.right && t.left < l.right && l.top < t.bottom && t.top < l.bottom;
                  return {lines: lines.length, lastReachesTools: lines[lines.length - 1].right > left,
                    covered: lines.filter((l) => tools.some((t) => under(l, t))).length};
                }""");
        assertThat(((Number) lines.get("lines")).intValue()).as("lines of text").isGreaterThanOrEqualTo(3);
        assertThat(lines.get("lastReachesTools")).as("the last line runs as far as the tools").isEqualTo(true);
        assertThat(lines.get("covered")).as("lines under the tools").isEqualTo(0);
    }

    /** While a message is edited in place, its tools leave the Save and Cancel buttons free to click. */
    @Test
    void aMessageBeingEditedHasItsSaveButtonFreeOfTheTools() {
        aliceAndBobInARoom("Editing ");
        alice.send("see you at noon");
        tool(alice, alice.message("see you at noon"), "Edit message").click();
        alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true)).fill("see you at one");

        // a click the tools would take is refused by Playwright, which waits for the button to be free
        alice.page.locator(".msg .edit-form").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")
                .setExact(true)).click(new Locator.ClickOptions().setTimeout(5_000));

        assertThat(bob.message("see you at one").locator(".edited")).hasText("(edited)");
    }

    /** On a touch screen the tools show below a tapped message: its long last line keeps no room for them. */
    @Test
    void onATouchScreenALongLastLineHasNoBlankLineAfterIt() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.phone(browser, Person.unique("bob")).signUp(server);
        String room = Person.unique("Phone ");
        alice.createRoom(room, false);
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();

        alice.send(textWithAFullLastLine(alice, bob));

        @SuppressWarnings("unchecked")
        var text = (java.util.Map<String, Object>) bob.message("The storm scene").locator(".text").evaluate("""
                (text) => {
                  const range = document.createRange();
                  range.selectNodeContents(text);
                  const lines = [...range.getClientRects()].filter((r) => r.width > 0);
                  const last = lines[lines.length - 1];
                  return {lines: lines.length, below: text.getBoundingClientRect().bottom - last.bottom,
                    lineHeight: parseFloat(getComputedStyle(text).lineHeight)};
                }""");
        assertThat(((Number) text.get("lines")).intValue()).as("lines of text").isGreaterThanOrEqualTo(3);
        assertThat(((Number) text.get("below")).doubleValue()).as("room below the last line")
                .isLessThan(((Number) text.get("lineHeight")).doubleValue() / 2);
    }

    /**
     * A text of a few wrapped lines whose last line is as wide as the reader's text column, less a little: a word of
     * its own after a sentence that wraps. The column is measured on a message {@code writer} sends first.
     */
    private static String textWithAFullLastLine(Person writer, Person reader) {
        writer.send("a line to measure by");
        assertThat(reader.message("a line to measure by")).isVisible();
        Object fill = reader.page.evaluate("""
                async () => {
                  // the message as drawn now (a role or feature learnt redraws them all), once laid out
                  const shown = () => document.querySelector('.messages[role=log] .msg .text');
                  for (let i = 0; i < 60 && !(shown()?.getBoundingClientRect().width > 0); i++) {
                    await new Promise((done) => requestAnimationFrame(done));
                  }
                  const pen = document.createElement('canvas').getContext('2d');
                  pen.font = getComputedStyle(shown()).font;
                  return Math.floor((shown().getBoundingClientRect().width - 24) / pen.measureText('x').width);
                }""");
        return "The storm scene in chapter four is the best thing in the book, and the harbour is real. ".repeat(3)
                + "x".repeat(((Number) fill).intValue());
    }

    /** API.md: a reply's {@code reply_to} is the message it answers "as it is now"; a deletion leaves nothing of it. */
    @Test
    void aReplyShowsWhatItAnswersAsItIsNowAfterAnEditAndADeletion() {
        aliceAndBobInARoom("Replies ");
        alice.send("my card number is 1234");
        tool(bob, bob.message("my card number is 1234"), "Reply").click();
        bob.send("delete that");
        for (Person person : new Person[] {alice, bob}) {
            assertThat(person.message("delete that").locator(".reply-ref")).containsText("my card number is 1234");
        }

        Locator parent = alice.messages().filter(new Locator.FilterOptions().setHasText("my card number")
                .setHasNotText("delete that"));
        tool(alice, parent, "Edit message").click();
        Locator field = alice.page.getByLabel("Edited text", new Page.GetByLabelOptions().setExact(true));
        field.fill("my card number is [removed]");
        field.press("Enter");
        for (Person person : new Person[] {alice, bob}) {
            Locator ref = person.message("delete that").locator(".reply-ref");
            assertThat(ref).containsText("my card number is [removed]");
            assertThat(ref).not().containsText("1234");
        }

        // cut at 100 characters where a character as shown ends, as the server cuts it: a family emoji whole or not at
        // all, never its first two people
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String start = "my card number is gone " + "a".repeat(97 - "my card number is gone ".length());
        tool(alice, parent, "Edit message").click();
        field.fill(start + family + "!");
        field.press("Enter");
        for (Person person : new Person[] {alice, bob}) {
            Locator ref = person.message("delete that").locator(".reply-ref");
            assertThat(ref).containsText(start);
            assertThat(ref).not().containsText("\uD83D\uDC68");
        }

        tool(alice, parent, "Delete message").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        for (Person person : new Person[] {alice, bob}) {
            Locator ref = person.message("delete that").locator(".reply-ref");
            assertThat(ref).containsText("a deleted message");
            assertThat(ref).not().containsText("card number");
        }
    }

    /** The limit is the server's, in characters: a text over it is refused whole and kept, emoji count once. */
    @Test
    void aMessageOverTheLimitIsKeptAndRefusedAndEmojiCountAsOneCharacterEach() {
        aliceAndBobInARoom("Long ");
        String tooLong = "x".repeat(4000) + " THE END";

        alice.composer().fill(tooLong);
        alice.composer().press("Enter");

        assertThat(toast(alice, "A message can be at most 4000 characters; this one has 4008.")).isVisible();
        assertThat(alice.composer()).hasValue(tooLong);

        String party = "🎉".repeat(2500);
        alice.composer().fill(party);
        alice.composer().press("Enter");
        assertThat(bob.textExactly(party)).hasCount(1);
    }

    /**
     * A role given while the room is open reaches the member's page without a reload: by the next members refresh (every
     * 30 s) at the latest; since 2026-12-07 at once, by {@code member_updated} (see
     * {@link #aRoleGivenOrTakenReachesTheRoomsOpenPagesAtOnce}).
     */
    @Test
    void aMemberNamedModeratorWhileTheRoomIsOpenGetsThePinToolWithoutAReload() {
        aliceAndBobOnATestClockInARoom("Promoted ");
        alice.send("pin me");
        Locator pinTool = bob.message("pin me").locator("[aria-label='Pin message']");
        assertThat(pinTool).hasCount(0);

        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make moderator " + bob.name).setExact(true)).click();
        assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name)).locator(".role"))
                .hasText("moderator");

        bob.letTimePass(A_REFRESH_MS);
        assertThat(pinTool).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
    }

    /**
     * Since 2026-12-07 a role given or taken reaches the room's open pages as it happens (a {@code member_updated} frame),
     * well before the members list's next reading (every 30 s; {@link Live} waits less): bob's page offers him the pin
     * tool on alice's message, and takes it back, and carol's open members dialog shows his role come and go. Time
     * stands still on their pages meanwhile, so that no reading of the list can pass for the frame.
     */
    @Test
    void aRoleGivenOrTakenReachesTheRoomsOpenPagesAtOnce() throws Exception {
        String room = aliceAndBobOnATestClockInARoom("Told at once ");
        Person carol = Person.desktop(browser, Person.unique("carol")).onATestClock().signUp(server);
        try {
            carol.openRoom(room);
            carol.button("Join room").click();
            assertThat(carol.composer()).isVisible();
            alice.send("pin me");
            assertThat(bob.message("pin me")).hasCount(1);
            assertThat(carol.message("pin me")).hasCount(1);
            Locator pinTool = bob.message("pin me").locator("[aria-label='Pin message']");
            assertThat(pinTool).hasCount(0);
            carol.button("Members").click();
            Locator bobsRow = dialog(carol).locator(".member-list li").filter(new Locator.FilterOptions()
                    .setHasText(bob.name));
            assertThat(bobsRow).hasCount(1);
            assertThat(bobsRow.locator(".role")).hasCount(0);
            stopTime(bob);
            stopTime(carol);

            alice.button("Members").click();
            dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make moderator " + bob.name)
                    .setExact(true)).click();
            assertThat(pinTool).hasCount(1, Live.count());
            assertThat(bobsRow.locator(".role")).hasText("moderator", Live.text());

            dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make member " + bob.name)
                    .setExact(true)).click();
            assertThat(pinTool).hasCount(0, Live.count());
            assertThat(bobsRow.locator(".role")).hasCount(0, Live.count());
            assertThat(carol.problems).as(carol.name + "'s page").isEmpty();
        } finally {
            carol.close();
        }
    }

    /**
     * A mute reaches the muted member's page at once, with when it ends (their list shows their own): their open members
     * dialog and their composer say so, and stop saying so when it is lifted; time stands still on their page, so that
     * no reading of the list can pass for the frame.
     */
    @Test
    void aMuteReachesTheMutedMembersOpenDialogAtOnce() {
        aliceAndBobOnATestClockInARoom("Hushed ");
        bob.button("Members").click();
        Locator bobsOwnRow = dialog(bob).locator(".member-list li").filter(new Locator.FilterOptions()
                .setHasText(bob.name));
        assertThat(bobsOwnRow).hasCount(1);
        assertThat(bobsOwnRow).not().containsText("muted until");
        stopTime(bob);

        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mute " + bob.name)
                .setExact(true)).click();
        assertThat(toast(alice, "Muted " + bob.name)).isVisible();
        assertThat(bobsOwnRow).containsText("muted until", Live.containsText());
        Locator composerSays = bob.page.locator(".composer-muted");
        assertThat(composerSays).containsText("You are muted in this room until ", Live.containsText());
        assertThat(composerSays).isVisible();
        // axe waits on timers of the page: time flows for it, and stands still again after
        bob.page.clock().resume();
        Axe.check(bob.page, "a muted member's composer");
        stopTime(bob);

        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unmute " + bob.name)
                .setExact(true)).click();
        assertThat(bobsOwnRow).not().containsText("muted until", Live.containsText());
        assertThat(composerSays).isHidden();
    }

    /** No timer fires on the person's page (on a test clock) from now on: neither the members list's reading nor any other. */
    private static void stopTime(Person person) {
        // a little ahead of the page's time, which flows on meanwhile (the timers due by then fire; nothing 30 s away)
        long now = ((Number) person.page.evaluate("Date.now()")).longValue();
        person.page.clock().pauseAt(now + 2_000);
    }

    /**
     * A role change is not replayed when a connection comes back ({@code member_updated} is not in the room's log): the
     * page reads the members list again on reconnecting, so a role given while it was cut off shows at once.
     */
    @Test
    void aRoleGivenWhileAPersonWasCutOffShowsWhenTheyAreBack() {
        SocketWatch bobSockets = aliceAndWatchedBob();
        bobJoinsANewRoomOfAlices("Promoted away ");
        alice.send("pin me later");
        Locator pinTool = bob.message("pin me later").locator("[aria-label='Pin message']");
        assertThat(bob.message("pin me later")).hasCount(1);
        assertThat(pinTool).hasCount(0);

        bobSockets.cutOff();
        assertThat(bob.page.getByText("You are offline")).isVisible();
        alice.button("Members").click();
        dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make moderator " + bob.name)
                .setExact(true)).click();
        assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name))
                .locator(".role")).hasText("moderator");

        bobSockets.reconnect();
        assertThat(bob.page.getByText("You are offline")).isHidden();
        assertThat(pinTool).hasCount(1, Live.count());
        bob.problems.removeIf(problem -> problem.contains("WebSocket connection to"));
    }

    /**
     * The members dialog follows the room while it stays open: a role given or taken and a ban show with the page's members
     * refresh (every 30 s), and the tools with them, without closing it and opening it again.
     */
    @Test
    void theMembersDialogFollowsRolesAndBansWhileItIsOpen() throws Exception {
        String room = aliceAndBobOnATestClockInARoom("Followed ");
        Person carol = Person.desktop(browser, Person.unique("carol")).signUp(server);
        try {
            carol.openRoom(room);
            carol.button("Join room").click();
            assertThat(carol.composer()).isVisible();

            bob.button("Members").click();
            Locator rows = dialog(bob).locator(".member-list li");
            Locator bobsRow = rows.filter(new Locator.FilterOptions().setHasText(bob.name));
            Locator banCarol = dialog(bob).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Ban " + carol.name).setExact(true));
            assertThat(rows).hasCount(3);
            assertThat(bobsRow.locator(".role")).hasCount(0);
            assertThat(banCarol).hasCount(0);

            // alice names bob a moderator: his open dialog says so, and offers him a moderator's tools
            alice.button("Members").click();
            dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make moderator " + bob.name)
                    .setExact(true)).click();
            assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name))
                    .locator(".role")).hasText("moderator");
            bob.letTimePass(A_REFRESH_MS);
            LocatorAssertions.HasTextOptions soon = new LocatorAssertions.HasTextOptions().setTimeout(SOONER_THAN_A_REFRESH_MS);
            assertThat(bobsRow.locator(".role")).hasText("moderator", soon);
            assertThat(banCarol).isVisible();

            // she bans carol: carol leaves bob's list
            ban(bansOfBobsRoom(), carol);
            assertThat(carol.page.getByRole(AriaRole.ALERT)).hasText("You are banned from this room");
            bob.letTimePass(A_REFRESH_MS);
            assertThat(rows).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
            assertThat(rows.filter(new Locator.FilterOptions().setHasText(carol.name))).hasCount(0);

            // and makes bob a member again: the role goes from his dialog
            dialog(alice).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make member " + bob.name)
                    .setExact(true)).click();
            assertThat(dialog(alice).locator(".member-list li").filter(new Locator.FilterOptions().setHasText(bob.name))
                    .locator(".role")).hasCount(0);
            bob.letTimePass(A_REFRESH_MS);
            assertThat(bobsRow.locator(".role")).hasCount(0, new LocatorAssertions.HasCountOptions()
                    .setTimeout(SOONER_THAN_A_REFRESH_MS));
            assertThat(dialog(bob)).isVisible();
            assertThat(carol.problems).as(carol.name + "'s page").isEmpty();
        } finally {
            carol.close();
        }
    }

    /**
     * Someone banned while writing a message does not lose what they wrote: the composer stays, read-only, with the
     * text in it to copy; it cannot be sent there, and once the ban is lifted and they have joined again it goes out.
     */
    @Test
    void aMemberBannedWhileWritingKeepsTheUnsentText() throws Exception {
        aliceAndBobOnATestClockInARoom("Half said ");
        String draft = "I was just about to say something important";
        bob.composer().fill(draft);

        String bans = bansOfBobsRoom();
        ban(bans);
        assertThat(bob.page.getByRole(AriaRole.ALERT)).hasText("You are banned from this room");
        assertThat(bob.composer()).isVisible();
        assertThat(bob.composer()).hasValue(draft);
        assertThat(bob.composer()).not().isEditable();
        assertThat(bob.button("Send")).isDisabled();
        assertThat(bob.button("Attach files")).isDisabled();
        // Enter sends nothing: nothing waits to be sent
        bob.composer().press("Enter");
        assertThat(bob.pending()).hasCount(0);
        assertThat(bob.composer()).hasValue(draft);

        liftBan(bans);
        bob.letTimePass(A_REFRESH_MS);
        bob.button("Join room").click(new Locator.ClickOptions().setTimeout(SOONER_THAN_A_REFRESH_MS));
        assertThat(bob.composer()).isEditable();
        assertThat(bob.composer()).hasValue(draft);
        bob.composer().press("Enter");
        assertThat(alice.message(draft)).hasCount(1);
    }

    /**
     * A draft of a room its writer may no longer post in (banned while they were in another room) is shown when they
     * come back, read-only as after a ban with the room open, for them to copy; or to discard, with a button: then it
     * is gone from the composer, from the browser's storage and from the room list's Draft mark.
     */
    @Test
    void aDraftOfARoomNoLongerWritableComesBackReadOnlyAndCanBeDiscarded() throws Exception {
        String room = aliceAndBobInARoom("Left unsaid ");
        String draft = "what I meant to say before the ban";
        bob.composer().fill(draft);
        String bans = bansOfBobsRoom();
        String elsewhere = Person.unique("Elsewhere ");
        bob.createRoom(elsewhere, false);
        ban(bans);
        assertThat(bob.roomLink(room).locator(".draft-mark")).hasCount(1);

        bob.openRoom(room);
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN);
        assertThat(bob.composer()).hasValue(draft);
        assertThat(bob.composer()).not().isEditable();
        assertThat(bob.page.getByText("You cannot send messages here now.")).isVisible();
        assertThat(bob.button("Send")).isDisabled();
        Axe.check(bob.page, "a read-only draft with its Discard button");

        bob.button("Discard draft").click();
        assertThat(bob.composer()).isHidden();
        // the focus is not dropped to the page's body: it is on why nothing can be sent here
        assertThat(bob.page.locator(".join-bar .cannot-join")).isFocused();
        assertThat((java.util.List<?>) bob.page.evaluate(
                "() => Object.keys(localStorage).filter((k) => k.startsWith('chat.draft.'))")).isEmpty();
        bob.openRoom(elsewhere);
        assertThat(bob.roomLink(room).locator(".draft-mark")).hasCount(0);
        bob.page.reload();
        bob.openRoom(room);
        assertThat(bob.page.locator(".join-bar")).hasText(CANNOT_JOIN);
        assertThat(bob.composer()).isHidden();
    }

    /**
     * More messages at once than the server takes (it refuses a burst past 40 frames with "slow down"): the refused
     * ones go again later, and a message written meanwhile waits behind them instead of overtaking them.
     */
    @Test
    void aBurstOfMessagesArrivesInTheOrderItWasWrittenEvenWhenTheServerAsksToSlowDown() {
        aliceAndBobInARoom("Burst ");
        java.util.List<String> written = new java.util.ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            written.add("burst " + i);
        }
        alice.page.evaluate("""
                (texts) => {
                  const field = document.querySelector('.composer textarea');
                  for (const text of texts) {
                    field.value = text;
                    field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
                  }
                }""", written);
        alice.page.waitForTimeout(300);
        alice.send("that's all");
        written.add("that's all");

        assertThat(bob.message("that's all")).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions
                .HasCountOptions().setTimeout(45_000));
        assertThat(alice.pending()).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(bob.texts()).as("bob's view").isEqualTo(written);
        bob.page.reload();
        assertThat(bob.message("that's all")).hasCount(1);
        // a reload shows the newest page of the server's history
        java.util.List<String> newest = bob.texts();
        org.assertj.core.api.Assertions.assertThat(newest).as("the server's history").hasSizeGreaterThan(40)
                .isEqualTo(written.subList(written.size() - newest.size(), written.size()));
        alice.problems.removeIf(problem -> problem.contains("slow down"));
    }
}
