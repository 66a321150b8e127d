package org.chatserver.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements the server runs, at debug, as they are sent: with {@code ?} where their values go, never the
 * values nor the rows read. jOOQ's own execute logging ({@code org.jooq.tools.LoggerListener}, at debug) writes
 * each statement again with its values inlined and the first rows of each result: password hashes, refresh token
 * hashes and messages. It is turned off ({@link PersistenceConfiguration#noValuesInTheLog}); this takes its place.
 */
final class StatementLog implements ExecuteListener {

    private static final Logger log = LoggerFactory.getLogger(StatementLog.class);

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (!log.isDebugEnabled()) {
            return;
        }
        if (ctx.sql() != null) {
            log.debug("Executing: {}", ctx.sql());
        } else {
            for (String sql : ctx.batchSQL()) {
                log.debug("Executing in a batch: {}", sql);
            }
        }
    }
}
