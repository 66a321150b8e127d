package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_MEMBERS;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Search over {@code messages.search_text} (V9), which holds each message's {@code SearchText}: a message
 * matches when that text contains every term of the query.
 *
 * <p>SQLite: the FTS5 trigram index {@code messages_search} finds the rows that contain every term of three
 * characters or more, newest first, and stops at the page's end; shorter terms (two-character CJK words,
 * a lone emoji) are checked on those rows. A query with only short terms walks the messages newest first.
 *
 * <p>PostgreSQL: {@code search_text LIKE '%term%'} for every term, which pg_trgm's GIN index answers for
 * terms of three characters or more; the planner chooses between it and walking the newest messages.
 */
final class JooqMessageSearch implements MessageSearch {

    /** The shortest term a trigram index can look up. */
    private static final int INDEXED_LENGTH = 3;
    private static final char LIKE_ESCAPE = '!';

    private static final Table<?> FTS = DSL.table(DSL.name("messages_search"));
    private static final Field<Long> FTS_ROWID = DSL.field(DSL.name("messages_search", "rowid"), Long.class);

    private final DSLContext dsl;

    JooqMessageSearch(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public List<Message> search(SearchQuery query, Scope scope, MessageId before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Condition scoped = visibleTo(scope.viewer())
                .and(scope.room() == null ? noCondition() : MESSAGES.ROOM_ID.eq(scope.room().value()))
                .and(scope.sender() == null ? noCondition() : MESSAGES.SENDER_ID.eq(scope.sender().value()))
                .and(notDeleted());
        List<String> indexed = query.terms().stream().filter(JooqMessageSearch::isIndexed).toList();
        if (dsl.dialect().family() == SQLDialect.SQLITE && !indexed.isEmpty()) {
            List<String> shortTerms = query.terms().stream().filter(term -> !isIndexed(term)).toList();
            return dsl.select(MessageRows.COLUMNS)
                    .select(USERS.USERNAME)
                    .from(FTS)
                    .join(MESSAGES).on(MESSAGES.ID.eq(FTS_ROWID))
                    .join(USERS).on(USERS.ID.eq(MESSAGES.SENDER_ID))
                    .where(DSL.condition("{0} match {1}", FTS, DSL.val(ftsQuery(indexed))))
                    .and(before == null ? noCondition() : FTS_ROWID.lt(before.value()))
                    .and(scoped)
                    .and(contains(shortTerms, false))
                    .orderBy(FTS_ROWID.desc())
                    .limit(limit)
                    .fetch(MessageRows::toMessage);
        }
        boolean postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
        return MessageRows.select(dsl)
                .where(contains(query.terms(), postgres))
                .and(before == null ? noCondition() : MESSAGES.ID.lt(before.value()))
                .and(scoped)
                .orderBy(MESSAGES.ID.desc())
                .limit(limit)
                .fetch(MessageRows::toMessage);
    }

    /** The rooms the viewer can see now, as {@code Room.isVisibleTo} decides: public ones, and private ones they are in. */
    private static Condition visibleTo(UserId viewer) {
        return MESSAGES.ROOM_ID.in(select(ROOMS.ID).from(ROOMS).where(ROOMS.IS_PRIVATE.isFalse())
                .union(select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS).where(ROOM_MEMBERS.USER_ID.eq(viewer.value()))));
    }

    /**
     * NOT DELETED: the one place search leaves deleted messages out. Until message deletion lands there is
     * no deleted message, so this is no condition; then it becomes the {@code deleted} column's test.
     */
    private static Condition notDeleted() {
        return noCondition();
    }

    /**
     * {@code search_text} contains every term. On PostgreSQL the patterns are inlined, so that every query
     * is planned for its own terms (a rare term through the trigram index, a common one by walking the
     * newest messages) rather than once for any pattern.
     */
    private static Condition contains(List<String> terms, boolean inline) {
        Condition all = noCondition();
        for (String term : terms) {
            String pattern = "%" + escapeLike(term) + "%";
            all = all.and(inline ? MESSAGES.SEARCH_TEXT.like(DSL.inline(pattern)).escape(LIKE_ESCAPE)
                    : MESSAGES.SEARCH_TEXT.like(pattern, LIKE_ESCAPE));
        }
        return all;
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

    /** FTS5: each term a string (for the trigram tokenizer, a substring), all of them required. */
    private static String ftsQuery(List<String> terms) {
        return terms.stream().map(term -> '"' + term.replace("\"", "\"\"") + '"').collect(Collectors.joining(" "));
    }

    private static boolean isIndexed(String term) {
        return term.codePointCount(0, term.length()) >= INDEXED_LENGTH;
    }
}
