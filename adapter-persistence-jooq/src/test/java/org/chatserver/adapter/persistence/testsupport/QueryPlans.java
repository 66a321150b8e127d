package org.chatserver.adapter.persistence.testsupport;

import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The plan a database makes for a statement the repositories ran, for tests that say which index answers it. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /**
     * On PostgreSQL, the generic plan a connection keeps for {@code query} once it has prepared the statement (as the
     * JDBC driver does after a few runs); on SQLite, its query plan with the same values bound (SQLite plans each
     * statement as it prepares it).
     */
    public static String plan(DSLContext dsl, Query query) {
        if (dsl.dialect().family() == SQLDialect.SQLITE) {
            return dsl.fetch("explain query plan " + dsl.render(query), dsl.extractBindValues(query).toArray()).stream()
                    .map(row -> row.get("detail", String.class))
                    .collect(Collectors.joining("\n"));
        }
        String sql = numbered(dsl.render(query));
        String values = dsl.extractBindValues(query).stream()
                .map(value -> dsl.renderInlined(DSL.inline(value)))
                .collect(Collectors.joining(", "));
        return dsl.connectionResult(connection -> {
            var using = DSL.using(connection, dsl.dialect());
            try {
                using.execute("set plan_cache_mode = force_generic_plan");
                using.execute("prepare planned as " + sql);
                try {
                    return using.fetch("explain execute planned" + (values.isEmpty() ? "" : "(" + values + ")"))
                            .stream().map(r -> r.get(0, String.class)).collect(Collectors.joining("\n"));
                } finally {
                    using.execute("deallocate planned");
                }
            } finally {
                using.execute("reset plan_cache_mode");
            }
        });
    }

    /** The statement with PostgreSQL's numbered parameters for the driver's {@code ?} outside quotes. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            quoted ^= c == '\'';
            if (c == '?' && !quoted) {
                out.append('$').append(++parameter);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
