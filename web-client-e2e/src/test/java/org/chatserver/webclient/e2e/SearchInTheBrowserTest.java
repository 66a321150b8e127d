package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bob searches for what alice wrote long ago: the hits come with the matched words marked (and
 * whatever HTML alice typed stays text), and a hit opens its room at that message, with the
 * messages around it; scrolling on reaches the newest ones, live messages included, each once.
 */
class SearchInTheBrowserTest extends AliceAndBobInTheBrowser {


    @Test
    void aHitIsMarkedAsTextAndOpensItsRoomAtTheMessageFromWhereTheNewestAreReached() throws Exception {
        String room = aliceAndBobInARoom("Ops ");

        String word = "deploy" + Long.toString(System.nanoTime(), 36);
        String said = "We re" + word + "ed <b>the</b> API & it's \"fine\" <img src=x onerror=\"window.__pwned=1\">";
        Seeder.post(server, alice.name, room, "before ", 60);
        alice.send(said);
        assertThat(bob.message(word)).hasCount(1);
        Seeder.post(server, alice.name, room, "after ", 120);

        bob.search(word);
        Locator hits = bob.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Search results"))
                .getByRole(AriaRole.LINK);
        assertThat(hits).hasCount(1);
        assertThat(bob.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("matches")))
                .hasText("1 message matches “" + word + "”.");
        Locator highlight = hits.locator(".highlight");
        assertThat(highlight).hasText(said);
        assertThat(highlight.locator("mark")).hasCount(1);
        assertThat(highlight.locator("mark")).hasText(word);
        assertThat(hits.locator(".hit-room")).hasText(room);
        assertThat(bob.page.locator("img[src=x], .highlight b")).hasCount(0);
        Axe.check(bob.page, "search results");

        hits.click();
        assertThat(bob.roomTitle()).hasText(room);
        Locator target = bob.page.locator(".msg.target");
        assertThat(target).containsText(word);
        assertThat(target).isInViewport();
        assertThat(target).isFocused();
        // the messages around it, not the newest
        assertThat(bob.message("before 60")).hasCount(1);
        assertThat(bob.textExactly("after 1")).hasCount(1);
        assertThat(bob.textExactly("after 120")).hasCount(0);
        assertThat(bob.button("Jump to latest")).isVisible();
        Axe.check(bob.page, "a room opened at a search hit");

        // alice writes on while bob reads the past; bob scrolls down to the present and finds it there
        alice.send("while bob reads the past");
        assertThat(alice.message("while bob reads the past")).hasCount(1);
        Locator scroller = bob.page.locator(".scroller");
        bob.page.waitForCondition(() -> {
            scroller.evaluate("el => { el.scrollTop = el.scrollHeight; }");
            return bob.message("while bob reads the past").count() == 1;
        });
        assertThat(bob.button("Jump to latest")).isHidden();
        alice.send("and now live");
        assertThat(bob.message("and now live")).hasCount(1);

        List<String> texts = bob.texts();
        List<String> tail = new ArrayList<>(List.of(said));
        IntStream.rangeClosed(1, 120).forEach(i -> tail.add("after " + i));
        tail.add("while bob reads the past");
        tail.add("and now live");
        assertThat(texts.subList(texts.size() - tail.size(), texts.size())).isEqualTo(tail);
        assertThat(texts).doesNotHaveDuplicates();

        // back to the results, the same hit again, then straight to the newest
        bob.page.goBack();
        assertThat(hits).hasCount(1);
        hits.click();
        assertThat(bob.page.locator(".msg.target")).isInViewport();
        assertThat(bob.message("and now live")).hasCount(0);
        bob.button("Jump to latest").click();
        assertThat(bob.message("and now live")).isInViewport();
        assertThat(bob.button("Jump to latest")).isHidden();
        assertThat(bob.page.evaluate("() => window.__pwned ?? null")).isNull();
    }

    @Test
    void aSearchTheServerRefusesSaysWhy() {
        aliceAndBob();
        alice.search("a");
        // in the words of the form, not the API's field name (q)
        assertThat(alice.page.getByRole(AriaRole.ALERT)).hasText("What you search for must be at least 2 characters long");
        assertThat(alice.page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Search results"))
                .getByRole(AriaRole.LISTITEM)).hasCount(0);
        alice.problems.removeIf(problem -> problem.contains("422"));

        // a word nobody wrote
        alice.page.getByLabel("Search for").fill("nothing like this " + Person.unique("x"));
        alice.page.getByLabel("Search for").press("Enter");
        assertThat(alice.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("No messages")))
                .hasCount(1);

        // a name nobody has: not "no messages match" the words, which may well be there
        alice.page.getByLabel("Search for").fill("hello there");
        alice.page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill("nobody_by_this_name");
        alice.page.getByLabel("Search for").press("Enter");
        assertThat(alice.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("No messages")))
                .hasText("No messages from nobody_by_this_name match “hello there”.");
    }
}
