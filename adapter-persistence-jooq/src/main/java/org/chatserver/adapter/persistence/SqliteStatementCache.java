package org.chatserver.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Keeps SQLite's compiled statements, connection by connection, so that a statement the server runs again
 * is not compiled again. SQLite's JDBC driver compiles every {@code prepareStatement} afresh and throws the
 * result away on {@code close}, and jOOQ prepares and closes a statement for each query; PostgreSQL's driver
 * keeps them itself ({@code prepareThreshold}). A post runs the same eight statements every time (issue 14.3).
 *
 * <p>A connection of this data source answers {@code prepareStatement(sql)} with the statement it compiled for
 * that text before, if that one is not in use, and takes it back on {@code close}: its parameters and any batch
 * are cleared and its result set closed, which resets it (no read snapshot stays open). A statement whose text
 * is in use, or that was given a setting that would outlive its use (maximum rows, fetch size, time-out,
 * {@code closeOnCompletion}), is an ordinary one: closed for good. At most {@code capacity} statements are kept
 * per connection, the least recently used going first; closing the connection finalises them all.
 *
 * <p>Only for SQLite: a connection is used by one thread at a time (the pool's contract), and SQLite
 * recompiles a kept statement by itself when the schema changes under it (migrations).
 */
public final class SqliteStatementCache extends DelegatingDataSource {

    /** Statements kept per connection: the server's hot statements are a few dozen. */
    public static final int DEFAULT_CAPACITY = 128;

    /** Settings that would outlive a statement's use: a statement given one is not kept. */
    private static final Set<String> LASTING_SETTINGS = Set.of("setMaxRows", "setLargeMaxRows", "setFetchSize",
            "setQueryTimeout", "setFetchDirection", "setEscapeProcessing", "setPoolable", "setCursorName",
            "closeOnCompletion", "setMaxFieldSize");

    private final int capacity;

    /**
     * Gives an SQLite pool's connections a statement cache of {@link #DEFAULT_CAPACITY}: the pool then opens them
     * through this data source, with its URL, properties and credentials. Leaves any other pool, and one given a
     * data source of the operator's, as it is.
     *
     * @return whether the pool got the cache
     */
    public static boolean install(HikariDataSource pool) {
        if (!PersistenceConfiguration.isSqlite(pool.getJdbcUrl()) || pool.getDataSource() != null
                || pool.getDataSourceClassName() != null) {
            return false;
        }
        pool.setDataSource(new SqliteStatementCache(new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword()), DEFAULT_CAPACITY));
        return true;
    }

    public SqliteStatementCache(DataSource target, int capacity) {
        super(target);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return caching(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return caching(super.getConnection(username, password));
    }

    private Connection caching(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new CachingConnection(connection, capacity));
    }

    /** A statement's key: its text and how it was asked for (generated keys, column names or indexes). */
    private record Key(String sql, List<Object> options) {
    }

    /** One connection and the statements it keeps. */
    private static final class CachingConnection implements InvocationHandler {

        private final Connection connection;
        private final Map<Key, Kept> kept;

        CachingConnection(Connection connection, int capacity) {
            this.connection = connection;
            this.kept = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
                    if (size() <= capacity) {
                        return false;
                    }
                    eldest.getValue().evicted();
                    return true;
                }
            };
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object own = own(proxy, method, args, connection);
            if (own != null) {
                return own;
            }
            if (method.getName().equals("prepareStatement")) {
                return prepare(method, args);
            }
            if (method.getName().equals("close")) {
                closeKept();
            }
            return forward(connection, method, args);
        }

        /** {@code prepareStatement} in any of its forms: the kept statement for its key, or a new one. */
        private synchronized PreparedStatement prepare(Method method, Object[] args) throws Throwable {
            Key key = new Key((String) args[0], args.length == 1 ? List.of() : Arrays.stream(args, 1, args.length)
                    .map(a -> a instanceof int[] ints ? Arrays.toString(ints)
                            : a instanceof Object[] names ? Arrays.asList(names) : a)
                    .toList());
            Kept statement = kept.get(key);
            if (statement != null && statement.statement.isClosed()) {
                kept.remove(key);
                statement = null;
            }
            if (statement == null) {
                statement = new Kept(this, (PreparedStatement) forward(connection, method, args));
                kept.put(key, statement);
            } else if (statement.inUse) {
                return (PreparedStatement) forward(connection, method, args);
            }
            statement.inUse = true;
            return statement.proxy;
        }

        private synchronized void release(Kept statement) throws SQLException {
            statement.inUse = false;
            if (statement.lasting || statement.evicted) {
                kept.values().remove(statement);
                statement.statement.close();
                return;
            }
            try {
                statement.closeResults();
                statement.statement.clearParameters();
                statement.statement.clearBatch();
            } catch (SQLException | RuntimeException e) {
                kept.values().remove(statement);
                statement.statement.close();
                throw e;
            }
        }

        private synchronized void closeKept() {
            for (Iterator<Kept> it = kept.values().iterator(); it.hasNext(); ) {
                Kept statement = it.next();
                it.remove();
                try {
                    statement.statement.close();
                } catch (SQLException e) {
                    // the connection closes next, which finalises whatever is left
                }
            }
        }
    }

    /** A kept statement and the stand-in its users get. */
    private static final class Kept implements InvocationHandler {

        final CachingConnection owner;
        final PreparedStatement statement;
        final PreparedStatement proxy;
        boolean inUse;
        boolean lasting;
        boolean evicted;
        /** the result set of the current use, closed when the statement is given back */
        private ResultSet results;

        Kept(CachingConnection owner, PreparedStatement statement) {
            this.owner = owner;
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        /** Out of the cache: closed now if nobody uses it, else when its user closes it. */
        void evicted() {
            evicted = true;
            if (!inUse) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // it is out of the cache either way
                }
            }
        }

        void closeResults() throws SQLException {
            if (results != null) {
                results.close();
                results = null;
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object own = own(proxy, method, args, statement);
            if (own != null) {
                return own;
            }
            String name = method.getName();
            switch (name) {
                case "close":
                    if (inUse) {
                        owner.release(this);
                    }
                    return null;
                case "isClosed":
                    return !inUse || statement.isClosed();
                default:
                    if (!inUse) {
                        throw new SQLException("statement is closed");
                    }
                    if (LASTING_SETTINGS.contains(name)) {
                        lasting = true;
                    }
                    break;
            }
            Object result = forward(statement, method, args);
            if (result instanceof ResultSet rs && !"getGeneratedKeys".equals(name)) {
                results = rs;
            }
            return result;
        }
    }

    /**
     * What a stand-in answers itself: {@link Object}'s methods, and unwrapping to what it stands in as; null for
     * every call that goes to {@code target}.
     */
    private static Object own(Object proxy, Method method, Object[] args, Object target) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> target + " (statements kept by SqliteStatementCache)";
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : null;
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) ? Boolean.TRUE : null;
            default -> null;
        };
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
