package org.chatserver.adapter.persistence;

import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.application.port.out.user.UserRepository;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The persistence adapter: repositories over the {@link DSLContext} that Spring Boot builds from
 * {@code spring.datasource.*}. Boot's DSLContext goes through a transaction-aware DataSource, so these
 * repositories join whatever Spring transaction the caller runs in.
 *
 * <p>Needs {@code spring.flyway.locations=classpath:db/migration/{vendor}} (migrations exist for
 * {@code sqlite} and {@code postgresql}). The migrations create the public room {@code General}, which the
 * clients expect. Message appends must run in a transaction to keep their per-room order; for SQLite,
 * use the URL convention of the tests' {@code TestDatabases.sqliteUrl} (IMMEDIATE transactions).
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    /**
     * What every PostgreSQL connection of the pool runs first. PostgreSQL compiles a statement to machine code
     * (JIT) when the planner's cost estimate passes {@code jit_above_cost}, whether or not the costly part runs. A
     * search's index look-up is planned for every search but gated off when the newest messages fill the page,
     * and once a table holds a couple of million messages its estimate for a common word passes that threshold:
     * tens of milliseconds of compiling for a look-up that never runs (docs/benchmark.md, search). Nothing this
     * server asks is a long analytic query that JIT pays off for, so its connections turn it off.
     */
    static final String POSTGRES_CONNECTION_INIT = "SET jit = off";

    /** Whether a JDBC URL is one of an SQLite file, which the server opens in its own process. */
    public static boolean isSqlite(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /**
     * What the pool's connections run first for this database, where the server has a choice of its own:
     * {@link #POSTGRES_CONNECTION_INIT} on PostgreSQL; on SQLite {@link SqliteCheckpoints#WRITER_CONNECTION_INIT},
     * unless the URL sets {@code wal_autocheckpoint} itself; otherwise nothing.
     */
    static String connectionInit(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES_CONNECTION_INIT;
        }
        if (isSqlite(jdbcUrl) && !jdbcUrl.contains("wal_autocheckpoint")) {
            return SqliteCheckpoints.WRITER_CONNECTION_INIT;
        }
        return null;
    }

    /**
     * The pool as this adapter wants it: its connections' {@link #connectionInit first statement}, unless the operator
     * chose one ({@code spring.datasource.hikari.connection-init-sql}); and on SQLite their compiled statements kept
     * ({@link SqliteStatementCache}), unless the operator gave the pool a data source of their own.
     */
    @Bean
    static BeanPostProcessor poolDefaults() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    if (pool.getConnectionInitSql() == null) {
                        String init = connectionInit(pool.getJdbcUrl());
                        if (init != null) {
                            pool.setConnectionInitSql(init);
                        }
                    }
                    SqliteStatementCache.install(pool);
                }
                return bean;
            }
        };
    }

    /**
     * jOOQ's execute logging off, whatever {@code spring.jooq.config} says: at debug it would write every statement
     * with its values inlined and the rows it read (password and refresh token hashes among them) to the log of an
     * operator who turned {@code org.jooq} up to look at the SQL. {@link StatementLog} logs the statements instead.
     */
    @Bean
    DefaultConfigurationCustomizer noValuesInTheLog() {
        return configuration -> configuration.settings().setExecuteLogging(false);
    }

    /** The statements, without their values, at debug ({@code org.chatserver.adapter.persistence.StatementLog}). */
    @Bean
    DefaultExecuteListenerProvider statementLog() {
        return new DefaultExecuteListenerProvider(new StatementLog());
    }

    /** On SQLite, the write-ahead log is copied into the database on a thread of its own; idle otherwise. */
    @Bean
    SqliteCheckpoints sqliteCheckpoints(DataSource dataSource) {
        return SqliteCheckpoints.of(dataSource);
    }

    @Bean
    UserRepository userRepository(DSLContext dsl) {
        return new JooqUserRepository(dsl);
    }

    @Bean
    SessionStore sessionStore(DSLContext dsl) {
        return new JooqSessionStore(dsl);
    }

    @Bean
    RoomRepository roomRepository(DSLContext dsl) {
        return new JooqRoomRepository(dsl);
    }

    @Bean
    RoomAuditLog roomAuditLog(DSLContext dsl) {
        return new JooqRoomAuditLog(dsl);
    }

    /** Appends keep their per-room order only inside a transaction (see {@link JooqMessageRepository}). */
    @Bean
    MessageRepository messageRepository(DSLContext dsl) {
        return new JooqMessageRepository(dsl);
    }

    /** Follows messages through {@code messages.search_text}, which {@link JooqMessageRepository} writes. */
    @Bean
    MessageSearch messageSearch(DSLContext dsl) {
        return new JooqMessageSearch(dsl);
    }

    /** Mentions and the members' mention counters (issue 11). */
    @Bean
    MentionRepository mentionRepository(DSLContext dsl) {
        return new JooqMentionRepository(dsl);
    }

    @Bean
    ReactionRepository reactionRepository(DSLContext dsl) {
        return new JooqReactionRepository(dsl);
    }

    @Bean
    AttachmentRepository attachmentRepository(DSLContext dsl) {
        return new JooqAttachmentRepository(dsl);
    }
}
