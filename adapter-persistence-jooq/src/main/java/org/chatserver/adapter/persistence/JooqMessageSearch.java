package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_MEMBERS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.SearchText;
import org.chatserver.domain.UserId;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Search over {@code messages.search_text} (V9), which holds each message's {@code SearchText}: a message
 * matches when that text contains every term of the query.
 *
 * <p>A trigram index looks up terms of three characters or more. A two-character term with a Chinese,
 * Japanese or Korean character (a whole word in those languages) is looked up among the message's pairs
 * ({@code search_pairs}, see {@code SearchText.pairsOf}), where each pair is written as three characters.
 * Other shorter terms (two Latin letters, a lone emoji) are only checked on the rows found.
 *
 * <p>SQLite: the FTS5 trigram index {@code messages_search} finds the rows that contain every long term and
 * pair, newest first, and stops at the page's end. A query with only short terms walks the messages
 * newest first.
 *
 * <p>PostgreSQL: {@code LIKE '%term%'} on {@code search_text} for every term, on {@code search_pairs} for
 * every pair, which pg_trgm's GIN indexes answer. Which way to go is not left to the planner: its estimate of
 * how often a term occurs comes from a hundred sampled texts, and one unlucky sample made it walk a million
 * messages newest first for a term found ten times (0.7 s, found with the search benchmark). Instead, first
 * the newest {@link #FIRST_LOOK} messages in scope are checked: a common term fills the page there, and a
 * term none of them holds is rare. A term in between is looked for further back, as far as the rate at which
 * the first look found it says four pages lie, between {@link #RECENT_WINDOW} and {@link #WIDEST_LOOK}
 * messages: the walk stops when the page is full, so it costs only as many rows as the page needs. When that
 * window holds less than a page, or for a rare term right away, the index finds every match (a term that
 * sparse has few) and the page is taken from those.
 *
 * <p>The index reads every match, newest or not (its order is not the messages' order), about ten times the
 * cost of walking a message newest first: a CJK pair with 18,086 matches in 1.25 million messages took
 * 172-181 ms that way, while walking 20,000 messages took 17-18 ms (docs/benchmark.md), which is why a term
 * seen among the newest is walked for as long as it plausibly fills the page.
 *
 * <p>"The newest messages in scope" are read by walking the primary key newest first when the viewer sees many
 * rooms, and room by room, merged, when they see at most {@link #MERGED_ROOMS} (a member of a few private rooms
 * on a server whose traffic is mostly elsewhere): the walk would step over every newer message of the rooms they
 * cannot see.
 *
 * <p>Each look is one statement that also asks the index when its window falls short and reads the page's
 * messages: one statement for a common or a rare term, two for one in between. Every statement is a round
 * trip and a plan, and four searches at a time on two cores wait for each other's.
 */
final class JooqMessageSearch implements MessageSearch {

    /** The shortest term a trigram index can look up. */
    private static final int INDEXED_LENGTH = 3;
    private static final char LIKE_ESCAPE = '!';
    /**
     * PostgreSQL: how many of the newest messages in scope are checked first; when none of them matches,
     * the index is asked right away. A term in one message of 100 is missed by all 500 once in 150 times.
     */
    static final int FIRST_LOOK = 500;
    /**
     * PostgreSQL: the narrowest second look, for a term that nearly filled the first: how many of the newest
     * messages in scope are checked at least before the index is asked.
     */
    static final int RECENT_WINDOW = 2_000;
    /**
     * PostgreSQL: the widest second look, for a term seen once among the first look's messages. Walking it
     * without filling the page costs about 17 ms (0.85 µs a message); a term that sparse has at most about one
     * match in a thousand messages for the index to read.
     */
    static final int WIDEST_LOOK = 20_000;
    /** How many pages the second look expects to hold, at the rate the first look found matches. */
    private static final int PAGES_AHEAD = 4;
    /**
     * PostgreSQL: up to how many rooms in scope the newest messages are read room by room and merged rather than
     * by walking the primary key. Planning and running the merge grows with the rooms: for a viewer of 32 rooms
     * 2.2-2.9 ms and 3.2-4.9 ms, of 100 rooms 7.8-10.2 and 25-27 (docs/benchmark.md), where the walk costs about
     * 0.85 µs a message it steps over.
     */
    static final int MERGED_ROOMS = 32;
    /** How long the count of public rooms ({@link #manyPublicRooms}) is taken as it was. */
    static final Duration PUBLIC_ROOMS_RECOUNT = Duration.ofSeconds(10);

    private static final String ID = "id";
    private static final Table<?> FTS = DSL.table(DSL.name("messages_search"));
    private static final Field<Long> FTS_ROWID = DSL.field(DSL.name("messages_search", "rowid"), Long.class);

    private final DSLContext dsl;
    private final int firstLook;
    private final int recentWindow;
    private final int widestLook;
    private final int mergedRooms;
    private volatile PublicRooms publicRooms;

    JooqMessageSearch(DSLContext dsl) {
        this(dsl, FIRST_LOOK, RECENT_WINDOW, WIDEST_LOOK, MERGED_ROOMS);
    }

    /**
     * With other windows, so that tests with a few messages take every way; {@code mergedRooms} 0 walks the
     * primary key whatever the rooms in scope.
     */
    JooqMessageSearch(DSLContext dsl, int firstLook, int recentWindow, int widestLook, int mergedRooms) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        if (firstLook < 1 || recentWindow < firstLook || widestLook < recentWindow) {
            throw new IllegalArgumentException("need 0 < firstLook <= recentWindow <= widestLook, were " + firstLook
                    + ", " + recentWindow + " and " + widestLook);
        }
        if (mergedRooms < 0) {
            throw new IllegalArgumentException("mergedRooms must be 0 or more, was " + mergedRooms);
        }
        this.firstLook = firstLook;
        this.recentWindow = recentWindow;
        this.widestLook = widestLook;
        this.mergedRooms = mergedRooms;
    }

    @Override
    public List<Message> search(SearchQuery query, Scope scope, MessageId before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        boolean postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
        // what each row must be, apart from in a room the viewer can see
        Condition rowFilter = (scope.room() == null ? noCondition() : MESSAGES.ROOM_ID.eq(scope.room().value()))
                .and(scope.sender() == null ? noCondition() : MESSAGES.SENDER_ID.eq(scope.sender().value()))
                .and(notDeleted());
        Condition scoped = (postgres ? visibleToEachRow(MESSAGES.ROOM_ID, scope.viewer()) : visibleTo(scope.viewer()))
                .and(rowFilter);
        List<String> longTerms = query.terms().stream().filter(JooqMessageSearch::isIndexed).toList();
        List<String> pairs = query.terms().stream().filter(SearchText::isPair).toList();
        List<String> shortTerms = query.terms().stream()
                .filter(term -> !isIndexed(term) && !SearchText.isPair(term))
                .toList();
        if (dsl.dialect().family() == SQLDialect.SQLITE && !(longTerms.isEmpty() && pairs.isEmpty())) {
            // SQLite's planner makes the full-text index the outer loop, newest first, whatever the order here
            return MessageRows.select(dsl)
                    .join(FTS).on(FTS_ROWID.eq(MESSAGES.ID))
                    .where(DSL.condition("{0} match {1}", FTS, DSL.val(ftsQuery(longTerms, pairs))))
                    .and(before == null ? noCondition() : FTS_ROWID.lt(before.value()))
                    .and(scoped)
                    .and(contains(MESSAGES.SEARCH_TEXT, shortTerms, false))
                    .orderBy(FTS_ROWID.desc())
                    .limit(limit)
                    .fetch(MessageRows::toMessage);
        }
        List<String> textTerms = query.terms().stream().filter(term -> !SearchText.isPair(term)).toList();
        List<String> pairTokens = pairs.stream().map(JooqMessageSearch::pairInPairs).toList();
        Condition olderThanCursor = before == null ? noCondition() : MESSAGES.ID.lt(before.value());
        Condition inScope = scoped.and(olderThanCursor);
        if (postgres && !(longTerms.isEmpty() && pairs.isEmpty())) {
            List<Long> rooms = fewRoomsInScope(scope);
            if (rooms != null && rooms.isEmpty()) {
                return List.of();
            }
            Newest newest = rooms == null
                    ? window -> newestByKey(inScope, window)
                    : window -> newestRoomByRoom(rooms, rowFilter.and(olderThanCursor), scope.viewer(), window);
            return newestThenIndexed(newest, inScope, textTerms, pairTokens, limit);
        }
        return MessageRows.select(dsl)
                .where(matching(MESSAGES.SEARCH_TEXT, textTerms, MESSAGES.SEARCH_PAIRS, pairTokens, postgres))
                .and(inScope)
                .orderBy(MESSAGES.ID.desc())
                .limit(limit)
                .fetch(MessageRows::toMessage);
    }

    /** PostgreSQL with an indexed term: the newest messages in scope first, then the index (see the class). */
    private List<Message> newestThenIndexed(Newest newest, Condition inScope, List<String> textTerms,
            List<String> pairTokens, int limit) {
        // a page full among the newest, or none of them matching (a rare term): the index answered at once
        Look first = look(newest, firstLook, 1, inScope, textTerms, pairTokens, limit);
        if (first.inWindow() == 0 || first.inWindow() == limit) {
            return first.page();
        }
        // a few: look as far back as the page plausibly reaches, and ask the index unless that fills it
        return look(newest, secondWindow(first.inWindow(), limit), limit, inScope, textTerms, pairTokens, limit)
                .page();
    }

    /** The newest {@code window} messages in scope, newest first, with their search columns. */
    @FunctionalInterface
    private interface Newest {
        Table<?> of(int window);
    }

    /**
     * The rooms in scope when they are at most {@link #mergedRooms}: the viewer's (the public rooms and the
     * private ones they are in), or the one room asked for if the viewer can see it; null when there are
     * more (or when rooms are never merged), an empty list when the viewer can see none.
     */
    private List<Long> fewRoomsInScope(Scope scope) {
        if (mergedRooms == 0 || scope.room() == null && manyPublicRooms()) {
            return null;
        }
        Condition asked = scope.room() == null ? noCondition() : ROOMS.ID.eq(scope.room().value());
        List<Long> rooms = dsl.select(ROOMS.ID).from(ROOMS)
                .where(asked)
                .and(ROOMS.IS_PRIVATE.isFalse()
                        .or(ROOMS.ID.in(select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS)
                                .where(ROOM_MEMBERS.USER_ID.eq(scope.viewer().value())))))
                .limit(mergedRooms + 1)
                .fetch(ROOMS.ID);
        return rooms.size() > mergedRooms ? null : rooms;
    }

    /**
     * Whether more than {@link #mergedRooms} rooms are public, so that every viewer sees many rooms and the
     * search needs no statement to list theirs. Counted again at most every {@link #PUBLIC_ROOMS_RECOUNT}: only
     * the way the newest messages are read depends on it, never which messages a viewer may see.
     */
    private boolean manyPublicRooms() {
        PublicRooms known = publicRooms;
        long now = System.nanoTime();
        if (known == null || now - known.countedAt() > PUBLIC_ROOMS_RECOUNT.toNanos()) {
            int upToOneMore = dsl.fetchCount(dsl.selectOne().from(ROOMS).where(ROOMS.IS_PRIVATE.isFalse())
                    .limit(mergedRooms + 1));
            known = new PublicRooms(upToOneMore > mergedRooms, now);
            publicRooms = known;
        }
        return known.many();
    }

    /** Whether more rooms are public than are merged, as counted at {@code countedAt} ({@link System#nanoTime}). */
    private record PublicRooms(boolean many, long countedAt) {
    }

    /**
     * Many rooms in scope: the primary key walked newest first, each message checked against the rooms. Quick
     * when the rooms in scope hold a fair share of the messages (every public room, say), since it stops at
     * the window's end.
     */
    private Table<?> newestByKey(Condition inScope, int window) {
        return dsl.select(MESSAGES.ID, MESSAGES.SEARCH_TEXT, MESSAGES.SEARCH_PAIRS)
                .from(MESSAGES)
                .where(inScope)
                .orderBy(MESSAGES.ID.desc())
                .limit(window)
                .asTable("newest");
    }

    /**
     * A few rooms in scope: each room's messages newest first ({@code messages_room_id_id_idx}), merged
     * (PostgreSQL's Merge Append stops at the window's end). Walking the primary key instead steps over every
     * newer message of the rooms the viewer cannot see: a member of one private room among a hundred walked
     * a quarter of a million messages for each search (150 ms), the merge reads the window and one message
     * more per room. The rooms were listed by an earlier statement, so whether the viewer still sees each one
     * is checked again here, in the statement that reads the messages (a membership ended in between): once
     * per room, a one-time filter, where the per-message check of {@link #visibleToEachRow} would build its
     * two hashed sets again for every room (7-16 ms to run for 32 rooms, docs/benchmark.md).
     */
    private Table<?> newestRoomByRoom(List<Long> rooms, Condition rowFilter, UserId viewer, int window) {
        Select<Record3<Long, String, String>> byRoom = null;
        for (Long room : rooms) {
            Select<Record3<Long, String, String>> newestOfRoom = dsl
                    .select(MESSAGES.ID, MESSAGES.SEARCH_TEXT, MESSAGES.SEARCH_PAIRS)
                    .from(MESSAGES)
                    .where(MESSAGES.ROOM_ID.eq(room))
                    .and(rowFilter)
                    .and(stillVisible(room, viewer))
                    .orderBy(MESSAGES.ID.desc())
                    .limit(window);
            byRoom = byRoom == null ? newestOfRoom : byRoom.unionAll(newestOfRoom);
        }
        Table<Record3<Long, String, String>> merged = Objects.requireNonNull(byRoom, "rooms").asTable("by_room");
        return dsl.selectFrom(merged)
                .orderBy(merged.field(MESSAGES.ID).desc())
                .limit(window)
                .asTable("newest");
    }

    /** The room is public, or the viewer is a member: {@link #visibleTo} for one room. */
    private static Condition stillVisible(long room, UserId viewer) {
        return DSL.exists(DSL.selectOne().from(ROOMS)
                .where(ROOMS.ID.eq(room))
                .and(ROOMS.IS_PRIVATE.isFalse()
                        .or(DSL.exists(DSL.selectOne().from(ROOM_MEMBERS)
                                .where(ROOM_MEMBERS.ROOM_ID.eq(room))
                                .and(ROOM_MEMBERS.USER_ID.eq(viewer.value()))))));
    }

    /**
     * How many of the newest messages the second look checks when the first found {@code matches} (fewer than
     * a page, more than none): enough for {@link #PAGES_AHEAD} pages at that rate, at least the recent window
     * and at most the widest look.
     */
    int secondWindow(int matches, int limit) {
        if (matches < 1) {
            throw new IllegalArgumentException("the first look found no match: the index answers, not a second look");
        }
        long window = (long) PAGES_AHEAD * firstLook * limit / matches;
        return (int) Math.clamp(window, recentWindow, widestLook);
    }

    /**
     * One statement: the newest {@code limit} matches among the newest {@code window} messages in scope and,
     * when those are fewer than {@code askIndexBelow}, every match the trigram index finds; the page is the
     * newest {@code limit} of both, read with their senders and replies.
     *
     * <p>Both sets are MATERIALIZED CTEs, each planned on its own. In the window's, the LIKEs cannot be planned
     * below the inner LIMIT, and the outer one stops the walk at the page's end. The index's has no order and no
     * limit: nothing tempts the planner to walk the primary key newest first instead (what an ORDER BY ... LIMIT
     * next to the LIKEs would invite), and its count of the window's matches is a one-time filter, so the index
     * is not even opened when the window is enough.
     */
    private Look look(Newest newestInScope, int window, int askIndexBelow, Condition inScope, List<String> textTerms,
            List<String> pairTokens, int limit) {
        Table<?> newest = newestInScope.of(window);
        Field<Long> newestId = newest.field(MESSAGES.ID);
        // no derived column list (name("in_window").fields("id")): its aliases made jOOQ work out the CTE's data
        // types again on every search, a fifth of the search benchmark's allocations; the selects name "id"
        CommonTableExpression<Record1<Long>> inWindow = DSL.name("in_window")
                .asMaterialized(dsl.select(newestId)
                        .from(newest)
                        .where(matching(newest.field(MESSAGES.SEARCH_TEXT), textTerms,
                                newest.field(MESSAGES.SEARCH_PAIRS), pairTokens, true))
                        .orderBy(newestId.desc())
                        .limit(limit));
        Field<Integer> inWindowCount = DSL.field(DSL.selectCount().from(inWindow)).as("in_window_count");
        CommonTableExpression<Record1<Long>> inIndex = DSL.name("in_index")
                .asMaterialized(dsl.select(MESSAGES.ID)
                        .from(MESSAGES)
                        .where(matching(MESSAGES.SEARCH_TEXT, textTerms, MESSAGES.SEARCH_PAIRS, pairTokens, true))
                        .and(inScope)
                        .and(DSL.field(DSL.selectCount().from(inWindow)).lt(askIndexBelow)));
        Table<?> found = DSL.select(inWindow.field(ID, Long.class)).from(inWindow)
                .union(DSL.select(inIndex.field(ID, Long.class)).from(inIndex))
                .asTable("found");
        Field<Long> foundId = found.field(ID, Long.class);
        Result<Record> rows = MessageRows.select(dsl.with(inWindow, inIndex), inWindowCount)
                .where(MESSAGES.ID.in(DSL.select(foundId).from(found).orderBy(foundId.desc()).limit(limit)))
                .orderBy(MESSAGES.ID.desc())
                .fetch();
        return new Look(rows.map(MessageRows::toMessage), rows.isEmpty() ? 0 : rows.getFirst().get(inWindowCount));
    }

    /**
     * @param page     the newest matches, at most a page
     * @param inWindow how many of them were among the newest messages looked at (when none or all of them
     *                 were, the page is known to be the answer)
     */
    private record Look(List<Message> page, int inWindow) {
    }

    /** The text contains every term and the pairs every pair token. */
    private static Condition matching(Field<String> text, List<String> textTerms, Field<String> pairs,
            List<String> pairTokens, boolean inline) {
        return contains(text, textTerms, inline).and(contains(pairs, pairTokens, inline));
    }

    /** The rooms the viewer can see now, as {@code Room.isVisibleTo} decides: public ones, and private ones they are in. */
    private static Condition visibleTo(UserId viewer) {
        return MESSAGES.ROOM_ID.in(select(ROOMS.ID).from(ROOMS).where(ROOMS.IS_PRIVATE.isFalse())
                .union(select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS).where(ROOM_MEMBERS.USER_ID.eq(viewer.value()))));
    }

    /**
     * The same rooms as {@link #visibleTo}, written so that PostgreSQL checks each row against two hashed sets
     * (the public rooms, the viewer's rooms) instead of joining the union. Joined, the look at the newest
     * messages had to keep the primary key's order through a nested loop that compared each message with
     * every room in turn: 100,000 comparisons for 2,000 messages over 100 rooms, 12.7 ms against 2.5 ms
     * this way, and 1.4 ms of planning against 0.2 (medians of EXPLAIN ANALYZE on the search benchmark's
     * million messages, docs/benchmark.md).
     */
    private static Condition visibleToEachRow(Field<Long> roomId, UserId viewer) {
        return roomId.in(select(ROOMS.ID).from(ROOMS).where(ROOMS.IS_PRIVATE.isFalse()))
                .or(roomId.in(select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS)
                        .where(ROOM_MEMBERS.USER_ID.eq(viewer.value()))));
    }

    /** NOT DELETED: the one place search leaves deleted messages out (their text is blanked too). */
    private static Condition notDeleted() {
        return MESSAGES.DELETED.isFalse();
    }

    /**
     * The column contains every term. On PostgreSQL the patterns are inlined, so that every query
     * is planned for its own terms (the trigram index for the pattern at hand) rather than once for any pattern.
     */
    private static Condition contains(Field<String> column, List<String> terms, boolean inline) {
        Condition all = noCondition();
        for (String term : terms) {
            String pattern = "%" + escapeLike(term) + "%";
            all = all.and(inline ? column.like(DSL.inline(pattern)).escape(LIKE_ESCAPE)
                    : column.like(pattern, LIKE_ESCAPE));
        }
        return all;
    }

    /** A two-character term as it stands among {@code search_pairs}: its token between the separators. */
    private static String pairInPairs(String pair) {
        return "|" + SearchText.pairToken(pair) + "|";
    }

    private static String escapeLike(String term) {
        StringBuilder escaped = new StringBuilder(term.length() + 4);
        for (char c : term.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * FTS5: each term a string (for the trigram tokenizer, a substring) of {@code search_text}, each pair its
     * token among {@code search_pairs}; all of them required.
     */
    private static String ftsQuery(List<String> terms, List<String> pairs) {
        return Stream.concat(terms.stream().map(term -> "search_text : " + ftsString(term)),
                        pairs.stream().map(pair -> "search_pairs : " + ftsString(pairInPairs(pair))))
                .collect(Collectors.joining(" AND "));
    }

    private static String ftsString(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static boolean isIndexed(String term) {
        return term.codePointCount(0, term.length()) >= INDEXED_LENGTH;
    }
}
