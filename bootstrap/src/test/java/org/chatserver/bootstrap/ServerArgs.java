package org.chatserver.bootstrap;

import java.util.ArrayList;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;

/** Command-line arguments that start the server on a test database. */
public final class ServerArgs {

    private ServerArgs() {
    }

    /** {@code others}, then the data source's URL, user and password (empty when the database has none). */
    public static String[] on(TestDatabase database, String... others) {
        List<String> args = new ArrayList<>(List.of(others));
        args.add("--spring.datasource.url=" + database.jdbcUrl());
        args.add("--spring.datasource.username=" + nullToEmpty(database.username()));
        args.add("--spring.datasource.password=" + nullToEmpty(database.password()));
        return args.toArray(String[]::new);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
