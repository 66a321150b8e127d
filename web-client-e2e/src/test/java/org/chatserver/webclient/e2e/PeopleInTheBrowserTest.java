package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/**
 * What came with issue 11, as a person uses it in the web client: direct messages by username,
 * mentions highlighted and counted, and the read-receipt setting.
 */
class PeopleInTheBrowserTest extends AliceAndBobInTheBrowser {

    @Test
    void aDirectMessageIsOpenedByUsernameNamedByThePeerAndCannotBeLeft() {
        aliceAndBob();

        // a name nobody has is refused in the dialog, which stays open
        alice.button("Message someone").click();
        alice.page.getByLabel("Username").fill(Person.unique("nobody"));
        alice.button("Open conversation").click();
        assertThat(alice.page.locator("dialog .form-error")).hasText("User not found");
        alice.problems.removeIf(problem -> problem.contains("404"));

        alice.page.getByLabel("Username").fill(bob.name);
        alice.button("Open conversation").click();
        assertThat(alice.roomTitle()).hasText(bob.name + " (direct message)");
        alice.send("hi bob, just us");
        assertThat(alice.message("hi bob, just us")).hasCount(1);
        assertThat(alice.roomLink(bob.name)).hasCount(1);

        // bob finds it in his list under alice's name, and sees that she is here
        bob.comeBackToTheTab();
        assertThat(bob.roomLink(alice.name)).containsText("direct message");
        bob.roomLink(alice.name).click();
        assertThat(bob.roomTitle()).hasText(alice.name + " (direct message)");
        assertThat(bob.message("hi bob, just us")).hasCount(1);
        assertThat(bob.page.locator(".peer-presence")).containsText("online");
        assertThat(bob.composer()).isVisible();

        // nobody leaves a direct message, and nobody is added to it
        assertThat(bob.button("Leave")).hasCount(0);
        bob.button("Members").click();
        Locator dialog = bob.page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByRole(AriaRole.LISTITEM)).hasCount(2);
        assertThat(dialog.getByLabel("Add someone by username")).isHidden();
        Axe.check(bob.page, "members of a direct message");
        bob.page.keyboard().press("Escape");

        // nor pins anything: the server refuses pins in a direct message, so nothing offers them
        assertThat(bob.button("Pinned")).hasCount(0);
        Locator alicesMessage = bob.message("hi bob, just us");
        alicesMessage.hover();
        assertThat(alicesMessage.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reply")))
                .isVisible();
        assertThat(alicesMessage.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pin message")))
                .hasCount(0);

        // opening it again from bob's side is the same conversation
        bob.button("Message someone").click();
        bob.page.getByLabel("Username").fill(alice.name);
        bob.page.getByLabel("Username").press("Enter");
        assertThat(bob.message("hi bob, just us")).hasCount(1);
        assertThat(bob.roomLink(alice.name)).hasCount(1);
        Axe.check(bob.page, "a direct message");
    }

    @Test
    void aMentionIsHighlightedAsTextAndCountedInTheRoomListUntilRead() {
        aliceAndBob();
        String room = Person.unique("Mentions ");
        String elsewhere = Person.unique("Elsewhere ");
        alice.createRoom(room, false);
        bob.openRoom(room);
        bob.button("Join room").click();
        assertThat(bob.composer()).isVisible();
        bob.createRoom(elsewhere, false);

        String nobody = Person.unique("nobody");
        // "@bob" with an accent on its last letter is another name (docs/API.md "Mentions"): not marked
        String text = "look @" + bob.name + ". <b>bold</b> mail@" + bob.name + " @" + nobody + " @" + bob.name + "\u0301";
        alice.send(text);
        assertThat(alice.message("look @")).hasCount(1);
        // alice sees bob's name marked, nothing else: not the address, not a name nobody has, not bob's accented
        assertThat(alice.message("look @").locator(".mention")).hasText("@" + bob.name);
        assertThat(alice.message("look @").locator(".mention.mine")).hasCount(0);

        bob.comeBackToTheTab();
        Locator mentionBadge = bob.roomLink(room).locator(".mention-badge");
        assertThat(mentionBadge).containsText("@1");
        assertThat(mentionBadge).containsText("1 mention");
        assertThat(bob.roomLink(room).locator(".badge:not(.mention-badge)")).containsText("1 unread");

        bob.openRoom(room);
        Locator atBob = bob.message("look @");
        assertThat(atBob.locator(".text")).hasText(text); // the markup is text, drawn inert
        assertThat(atBob.locator(".text b")).hasCount(0);
        assertThat(atBob.locator(".mention.mine")).hasText("@" + bob.name);
        assertThat(atBob.locator(".mention")).hasCount(1);
        assertThat(atBob).hasClass(java.util.regex.Pattern.compile("mentions-me"));
        assertThat(bob.roomLink(room).locator(".mention-badge")).hasCount(0);
        Axe.check(bob.page, "a message that mentions the reader");

        // read on the server too: after a reload elsewhere the badge stays gone
        bob.openRoom(elsewhere);
        bob.page.reload();
        assertThat(bob.roomLink(room)).isVisible();
        assertThat(bob.roomLink(room).locator(".mention-badge")).hasCount(0);

        // his mentions page lists it, read or not, and opens the room at it
        bob.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mentions").setExact(true)).click();
        Locator mentions = bob.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages that mention you"));
        assertThat(mentions.getByRole(AriaRole.LINK)).hasCount(1);
        assertThat(mentions.getByRole(AriaRole.LINK)).containsText(room);
        assertThat(mentions.getByRole(AriaRole.LINK)).containsText(text);
        Axe.check(bob.page, "mentions page");
        mentions.getByRole(AriaRole.LINK).click();
        assertThat(bob.roomTitle()).containsText(room);
        assertThat(bob.message("look @")).hasCount(1);
    }

    /** One's own {@code @room} calls the others: it is marked as a mention, but not as one of oneself. */
    @Test
    void aMessageOneWroteIsNeverHighlightedAsMentioningOneself() {
        aliceAndBobInARoom("Everyone ");
        alice.send("@room lunch at noon?");
        Locator atBob = bob.message("lunch at noon?");
        assertThat(atBob.locator(".mention.mine")).hasText("@room");
        assertThat(atBob).hasClass(java.util.regex.Pattern.compile("mentions-me"));

        for (int shown = 0; shown < 2; shown++) {
            // as sent (the mentions read back once it is stored), then from the history after a reload
            Locator atAlice = alice.message("lunch at noon?");
            assertThat(atAlice.locator(".mention")).hasText("@room");
            assertThat(atAlice.locator(".mention.mine")).hasCount(0);
            assertThat(atAlice).not().hasClass(java.util.regex.Pattern.compile("mentions-me"));
            alice.page.reload();
        }
    }

    /**
     * A mention is marked exactly where the server counts one (docs/API.md "Mentions"), from the message's
     * {@code mentions}: not in "@bobé" nor "@bobж", names glued to a letter, though the message names bob elsewhere;
     * "@bobさん" is bob, a title written onto the name, and so is "@bobー", though Unicode gives ー no script; and "@dot.." is
     * the member {@code dot.}, its last dot text.
     */
    @Test
    void aMentionIsMarkedWhereTheServerCountsOneAndNowhereElse() throws Exception {
        aliceAndBobInARoom("Names ");
        String dotted = Person.unique("dot") + ".";
        HttpClient http = HttpClient.newHttpClient();
        Seeder.postAs(http, server, Seeder.signUp(http, server, dotted), "api/rooms/" + alice.openRoomId() + "/join");

        String bobs = "@" + bob.name;
        alice.send(bobs + "é asks @" + dotted + ". to call " + bobs + "さん, not " + bobs + "ж, at last " + bobs + "!");
        Locator atBob = bob.message(" to call @");
        assertThat(atBob).hasCount(1);
        assertThat(atBob.locator(".mention")).hasCount(3);
        assertThat(marked(atBob)).isEqualTo(bobs + "é asks [@" + dotted + "]. to call [" + bobs + "]さん, not " + bobs
                + "ж, at last [" + bobs + "]!");
        assertThat(atBob.locator(".mention.mine")).hasCount(2);
        // the author sees the same marks, none of them hers
        assertThat(alice.message(" to call @").locator(".mention")).hasCount(3);
        assertThat(marked(alice.message(" to call @"))).isEqualTo(marked(atBob));
        assertThat(alice.message(" to call @").locator(".mention.mine")).hasCount(0);

        // the prolonged sound mark, full and halfwidth, is of no script in Unicode but of kana writing: "@bobー" is bob
        alice.send("ask " + bobs + "\u30FC and " + bobs + "\uFF70");
        Locator prolonged = bob.message("ask @");
        assertThat(prolonged.locator(".mention.mine")).hasCount(2);
        assertThat(marked(prolonged)).isEqualTo("ask [" + bobs + "]\u30FC and [" + bobs + "]\uFF70");
        assertThat(marked(alice.message("ask @"))).isEqualTo(marked(prolonged));
    }

    /** A message's text with each mention marked in it put in brackets: "see [@bob]". */
    private static String marked(Locator message) {
        return (String) message.locator(".text").evaluate("""
                (text) => [...text.childNodes].map((node) => node.nodeType === Node.TEXT_NODE ? node.textContent
                  : node.classList.contains('mention') ? `[${node.textContent}]` : node.textContent).join('')""");
    }

    /** A 31-character name on a phone gives way (an ellipsis): Mentions, Settings and Log out stay on the screen. */
    @Test
    void aLongNameOnAPhoneLeavesSettingsAndLogOutOnTheScreen() {
        String name = (Person.unique("long") + "_".repeat(31)).substring(0, 31);
        alice = Person.phone(browser, name).signUp(server);

        Locator bar = alice.page.locator(".me");
        Locator me = bar.locator(".me-name");
        assertThat(me).containsText(name);
        double width = alice.page.viewportSize().width;
        for (String control : java.util.List.of("Mentions", "Settings", "Log out")) {
            var box = bar.getByLabel(control, new Locator.GetByLabelOptions().setExact(true)).boundingBox();
            assertThat(box.x + box.width).as(control + " ends on the screen").isLessThanOrEqualTo(width);
        }
        var shown = me.boundingBox();
        assertThat(shown.x + shown.width).as("the name ends before Mentions").isLessThanOrEqualTo(
                bar.getByLabel("Mentions", new Locator.GetByLabelOptions().setExact(true)).boundingBox().x);
        alice.button("Log out").click();
        assertThat(alice.page.getByLabel("Password")).isVisible();
    }

    /** A 31-character name of wide letters over a message, on a phone: it wraps, and nothing scrolls sideways. */
    @Test
    void aLongSendersNameOnAPhoneWrapsAndTheConversationDoesNotScrollSideways() {
        String room = aliceOfAWideNameAndBobOnAPhone(31);
        alice.send("hello from a long name");
        bob.openRoom(room);
        assertThat(bob.message("hello from a long name").locator(".sender")).hasText(alice.name);

        @SuppressWarnings("unchecked")
        var scroller = (java.util.Map<String, Number>) bob.page.locator(".scroller").evaluate(
                "(el) => ({scrollWidth: el.scrollWidth, clientWidth: el.clientWidth})");
        assertThat(scroller.get("scrollWidth").doubleValue()).as("the conversation's width, scrolled sideways or not")
                .isLessThanOrEqualTo(scroller.get("clientWidth").doubleValue());
        var time = bob.message("hello from a long name").locator(".msg-head time").boundingBox();
        assertThat(time.x + time.width).as("the time ends on the screen").isLessThanOrEqualTo(bob.page.viewportSize().width);
    }

    /** A 32-character name of wide letters in the members dialog, on a phone: it wraps, whole, and nothing scrolls sideways. */
    @Test
    void aLongNameInTheMembersDialogOnAPhoneWrapsAndNothingScrollsSideways() {
        String room = aliceOfAWideNameAndBobOnAPhone(32);
        bob.openRoom(room);
        bob.button("Join room").click();
        bob.button("Members").click();
        Locator shown = bob.page.getByRole(AriaRole.DIALOG).locator(".member-list li .member-name")
                .filter(new Locator.FilterOptions().setHasText(alice.name));
        assertThat(shown).hasText(alice.name);

        @SuppressWarnings("unchecked")
        var sizes = (java.util.Map<String, Number>) shown.evaluate("""
                (name) => {
                  const list = name.closest('.member-list');
                  const dialog = name.closest('dialog');
                  return {listScroll: list.scrollWidth, listClient: list.clientWidth,
                    nameScroll: name.scrollWidth, nameClient: name.clientWidth,
                    nameRight: name.getBoundingClientRect().right, listRight: list.getBoundingClientRect().right,
                    dialogRight: dialog.getBoundingClientRect().right};
                }""");
        assertThat(sizes.get("listScroll").doubleValue()).as("the list's width, scrolled sideways or not " + sizes)
                .isLessThanOrEqualTo(sizes.get("listClient").doubleValue());
        assertThat(sizes.get("nameScroll").doubleValue()).as("the name's width, cut or not " + sizes)
                .isLessThanOrEqualTo(sizes.get("nameClient").doubleValue());
        assertThat(sizes.get("nameRight").doubleValue()).as("the name ends within the list " + sizes)
                .isLessThanOrEqualTo(sizes.get("listRight").doubleValue());
        assertThat(sizes.get("dialogRight").doubleValue()).as("the dialog ends on the screen " + sizes)
                .isLessThanOrEqualTo(bob.page.viewportSize().width);
    }

    /** Alice, named with {@code length} wide letters, on a desktop, bob on a phone, and a new public room of hers: its name. */
    private String aliceOfAWideNameAndBobOnAPhone(int length) {
        alice = Person.desktop(browser, (Person.unique("wide") + "w".repeat(length)).substring(0, length)).signUp(server);
        bob = Person.phone(browser, Person.unique("bob")).signUp(server);
        String room = Person.unique("Narrow ");
        alice.createRoom(room, false);
        return room;
    }

    @Test
    void shareReadReceiptsIsASettingThatStaysAfterAReload() {
        aliceAndBob();
        alice.button("Settings").click();
        Locator share = alice.page.getByLabel("Share read receipts");
        assertThat(share).isChecked();
        assertThat(share).isFocused();
        Axe.check(alice.page, "settings");
        share.uncheck();
        assertThat(alice.page.getByText("Others no longer see how far you have read")).isVisible();
        assertThat(share).isEnabled();
        alice.page.keyboard().press("Escape");
        assertThat(alice.page.getByRole(AriaRole.DIALOG)).hasCount(0);

        alice.page.reload();
        assertThat(alice.page.getByText("Logged in as")).hasCount(1);
        alice.button("Settings").click();
        assertThat(alice.page.getByLabel("Share read receipts")).not().isChecked();
        alice.page.getByLabel("Share read receipts").check();
        assertThat(alice.page.getByText("Others see how far you have read")).isVisible();
        alice.button("Done").click();

        alice.page.reload();
        alice.button("Settings").click();
        assertThat(alice.page.getByLabel("Share read receipts")).isChecked();
    }

    /**
     * Alice changes her password in Settings on her desktop: a wrong current password is refused in the form, the
     * right one changes it; her phone is logged out by itself, the old password no longer logs in and the new one
     * does; her desktop stays logged in.
     */
    @Test
    void aNewPasswordLogsOutTheOtherDeviceAndIsTheOneThatLogsIn() {
        Person phone = aliceOnHerDesktopAndPhone();

        alice.button("Settings").click();
        // a password manager asked to update the password is told whose it is
        assertThat(alice.page.locator("dialog .password-form input[autocomplete=username]")).hasValue(alice.name);
        alice.page.getByLabel("Current password").fill("not my password");
        alice.page.getByLabel("New password").fill("a brand new secret");
        alice.button("Change password").click();
        assertThat(alice.page.locator("dialog .password-form .form-error")).hasText("The current password is not correct");
        alice.problems.removeIf(problem -> problem.contains("403"));

        // refusals of the new password in words: the browser's own for one too short, the server's without its field name
        alice.page.getByLabel("Current password").fill(Person.PASSWORD);
        alice.page.getByLabel("New password").fill("short");
        alice.button("Change password").click();
        assertThat(alice.page.getByLabel("New password")
                .evaluate("el => el.validity.tooShort")).as("the browser's own check, before asking the server").isEqualTo(true);
        alice.page.getByLabel("New password").fill("ä".repeat(40));
        alice.button("Change password").click();
        assertThat(alice.page.locator("dialog .password-form .form-error"))
                .hasText("The new password must be at most 72 bytes in UTF-8");
        alice.problems.removeIf(problem -> problem.contains("422"));

        alice.page.getByLabel("New password").fill("a brand new secret");
        alice.button("Change password").click();
        assertThat(alice.page.getByText("Password changed. Your other devices are logged out.")).isVisible();
        assertThat(alice.page.getByLabel("Current password")).hasValue("");
        Axe.check(alice.page, "settings after a password change");
        alice.page.keyboard().press("Escape");

        // the phone, logged out by itself
        assertThat(phone.page.getByLabel("Password")).isVisible();
        phone.page.getByLabel("Username").fill(alice.name);
        phone.page.getByLabel("Password").fill(Person.PASSWORD);
        phone.page.locator("form.auth-card button[type=submit]").click();
        assertThat(phone.page.getByRole(AriaRole.ALERT)).hasText("Incorrect username or password");
        phone.page.getByLabel("Password").fill("a brand new secret");
        phone.page.locator("form.auth-card button[type=submit]").click();
        assertThat(phone.page.getByText("Logged in as")).hasCount(1);
        phone.problems.removeIf(problem -> problem.contains("401") || problem.contains("WebSocket connection to"));
        assertThat(phone.problems).isEmpty();

        alice.page.reload();
        // the desktop that changed it
        assertThat(alice.page.getByText("Logged in as")).hasCount(1);
        assertThat(alice.problems).isEmpty();
    }

    /** Alice logs out her other devices from Settings: her phone is logged out by itself, her desktop stays. */
    @Test
    void loggingOutTheOtherDevicesLogsOutThePhoneAndKeepsTheDesktop() {
        Person phone = aliceOnHerDesktopAndPhone();

        alice.button("Settings").click();
        alice.button("Log out other devices").click();
        assertThat(alice.page.getByText("Logged out of 1 other device.")).isVisible();
        Axe.check(alice.page, "settings after logging out the other devices");
        alice.page.keyboard().press("Escape");

        theDesktopStaysAndThePhoneIsLoggedOutByItself(phone);
        alice.button("Settings").click();
        alice.button("Log out other devices").click();
        assertThat(alice.page.getByText("No other device was logged in.")).isVisible();
        assertThat(alice.problems).isEmpty();
    }

    /**
     * Alice lost her phone: in Settings on her desktop she finds it among her devices, by name, and logs out just that
     * one; the phone is logged out by itself, the desktop stays.
     */
    @Test
    void thePhonesRowInSettingsLogsOutThePhoneAndKeepsTheDesktop() {
        Person phone = aliceOnHerDesktopAndPhone();

        alice.button("Settings").click();
        Locator devices = alice.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Your devices"))
                .getByRole(AriaRole.LISTITEM);
        assertThat(devices).hasCount(2);
        assertThat(devices.filter(new Locator.FilterOptions().setHasText("(this device)")))
                .containsText("Chrome on Linux");
        Locator phoneRow = devices.filter(new Locator.FilterOptions().setHasText("Chrome on Android"));
        assertThat(phoneRow).containsText("Last used");
        Axe.check(alice.page, "settings with the list of devices");
        alice.button("Log out Chrome on Android").click();
        assertThat(alice.page.getByText("Logged out of Chrome on Android.")).isVisible();
        assertThat(devices).hasCount(1);
        assertThat(alice.button("Log out Chrome on Android")).hasCount(0);
        alice.page.keyboard().press("Escape");

        theDesktopStaysAndThePhoneIsLoggedOutByItself(phone);
        assertThat(alice.problems).isEmpty();
    }

    /**
     * A logout made while the browser is offline does not reach the server: the session would live on in the page's
     * refresh cookie until it expires, and stay among alice's devices. It is ended once the browser is back online.
     */
    @Test
    void aLogoutMadeOfflineEndsTheSessionOnceTheBrowserIsBackOnline() {
        Person phone = aliceOnHerDesktopAndPhone();
        alice.page.context().setOffline(true);
        alice.button("Log out").click();
        assertThat(alice.page.getByLabel("Password")).isVisible();
        alice.page.context().setOffline(false);

        int refreshed = 0;
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; alice.page.waitForTimeout(250)) {
            refreshed = ((Number) alice.page.evaluate("() => fetch('/api/auth/web/refresh', {method: 'POST', "
                    + "headers: {'content-type': 'application/json'}, body: '{}'}).then((response) => response.status)"))
                    .intValue();
            if (refreshed == 401) {
                break;
            }
        }
        assertThat(refreshed).as("the desktop's old session, refreshed from its cookie").isEqualTo(401);
        phone.button("Settings").click();
        assertThat(phone.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Your devices"))
                .getByRole(AriaRole.LISTITEM)).hasCount(1);
        alice.problems.removeIf(problem -> problem.contains("ERR_INTERNET_DISCONNECTED") || problem.contains("401"));
    }

    /** The phone shows the login form without anyone touching it (its 401s are expected); the desktop, reloaded, not. */
    private void theDesktopStaysAndThePhoneIsLoggedOutByItself(Person phone) {
        assertThat(phone.page.getByLabel("Password")).isVisible();
        phone.problems.removeIf(problem -> problem.contains("401") || problem.contains("WebSocket connection to"));
        assertThat(phone.problems).isEmpty();
        alice.page.reload();
        assertThat(alice.page.getByText("Logged in as")).hasCount(1);
    }

    /** Alice signed up on her desktop and logged in on her phone, which takes bob's place (closed after the test). */
    private Person aliceOnHerDesktopAndPhone() {
        alice = Person.desktop(browser, Person.unique("alice")).signUp(server);
        bob = Person.phone(browser, alice.name).logIn(server);
        return bob;
    }

    /** A refusal reads as words for a person: no API field name before it. */
    @Test
    void aRefusedSignUpSaysWhatIsWrongWithoutTheApisFieldName() {
        alice = Person.desktop(browser, "not valid!").open(server);
        alice.button("Sign up").click();
        alice.page.getByLabel("Username").fill("not valid!");
        alice.page.getByLabel("Password").fill("correct horse battery");
        alice.page.locator("form.auth-card button[type=submit]").click();

        assertThat(alice.page.locator("#auth-error"))
                .hasText("username may contain only letters, digits, '_', '.' and '-'");
        alice.problems.removeIf(problem -> problem.contains("422"));
    }
}
