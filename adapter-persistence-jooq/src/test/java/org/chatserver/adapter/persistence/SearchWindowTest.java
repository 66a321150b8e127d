package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * How far back PostgreSQL's search walks a term that the first look found a few times (JooqMessageSearch): far
 * enough that the page is almost surely there, since asking the index instead reads every match of a term
 * that is not rare (a CJK pair with 18,086 matches: 172-181 ms, against 17-18 ms for walking 20,000
 * messages; docs/benchmark.md).
 * The answers themselves are the contract's, on both databases (ChatRepositoriesContracts).
 */
class SearchWindowTest {

    private static final int PAGE = 20;

    private final JooqMessageSearch search = new JooqMessageSearch(DSL.using(SQLDialect.POSTGRES));

    @Test
    void aTermFoundOnceAmongTheFirstLookIsWalkedAsFarAsTheWidestLook() {
        assertThat(search.secondWindow(1, PAGE)).isEqualTo(JooqMessageSearch.WIDEST_LOOK);
    }

    @Test
    void aTermThatNearlyFilledTheFirstLookIsWalkedOverAtLeastTheRecentWindow() {
        // four pages at 19 in 500 lie within 2,105 messages: less than this instance's recent window
        JooqMessageSearch wideRecent = new JooqMessageSearch(DSL.using(SQLDialect.POSTGRES), 500, 4_000, 20_000, 32);

        assertThat(wideRecent.secondWindow(PAGE - 1, PAGE)).isEqualTo(4_000);
        assertThat(search.secondWindow(PAGE - 1, PAGE)).isEqualTo(2_105);
    }

    @Test
    void inBetweenTheWalkReachesFourPagesAtTheRateTheFirstLookSaw() {
        // 5 matches in the newest 500: one in a hundred messages; four pages of 20 lie within 8,000
        int window = search.secondWindow(5, PAGE);

        assertThat(window).isEqualTo(8_000);
        assertThat(window * 5 / JooqMessageSearch.FIRST_LOOK).isEqualTo(4 * PAGE);
    }

    @Test
    void fewerMatchesInTheFirstLookNeverWalkLess() {
        for (int matches = 1; matches < PAGE; matches++) {
            assertThat(search.secondWindow(matches, PAGE))
                    .as("window after %d matches against after %d", matches, matches + 1)
                    .isGreaterThanOrEqualTo(search.secondWindow(matches + 1, PAGE))
                    .isBetween(JooqMessageSearch.RECENT_WINDOW, JooqMessageSearch.WIDEST_LOOK);
        }
    }

    @Test
    void aTermTheFirstLookDidNotFindGoesToTheIndexNotToASecondLook() {
        assertThatThrownBy(() -> search.secondWindow(0, PAGE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowsMustWidenFromLookToLook() {
        assertThatThrownBy(() -> new JooqMessageSearch(DSL.using(SQLDialect.POSTGRES), 500, 2_000, 1_000, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstLook <= recentWindow <= widestLook");
    }
}
