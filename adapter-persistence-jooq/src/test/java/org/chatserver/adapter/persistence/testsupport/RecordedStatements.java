package org.chatserver.adapter.persistence.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;

/** The statements run through {@link #dsl()}, in order, for tests that look at what a repository executes. */
public final class RecordedStatements {

    private final List<Query> statements = new ArrayList<>();
    private final DSLContext dsl;

    public RecordedStatements(DSLContext database) {
        this.dsl = database.configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.query());
            }
        }).dsl();
    }

    /** The database's context, recording what runs through it. */
    public DSLContext dsl() {
        return dsl;
    }

    public List<Query> all() {
        return List.copyOf(statements);
    }

    public Query last() {
        return statements.getLast();
    }

    public void clear() {
        statements.clear();
    }
}
