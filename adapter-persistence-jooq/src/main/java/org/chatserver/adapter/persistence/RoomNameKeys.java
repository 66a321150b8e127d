package org.chatserver.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chatserver.domain.RoomName;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every existing room its name key and name claim (see V5), with the domain's own
 * {@link RoomName#key()}, so that what the migration stores is what the server compares. Names
 * that today's rules refuse lose their invisible formatting characters, or, when nothing valid is
 * left, become {@code Room <id>}. Of public rooms whose names now mean the same, the oldest keeps
 * the name; the others keep their names but hold none (they stay reachable by id).
 *
 * <p>A later change of the key needs a migration of its own, which this class does again: a migration runs once per
 * database. Private rooms and direct messages claim no name ({@code PRIVATE-…}, {@code DIRECT-…}); the first run
 * gave the private rooms of then their claims, a later one keeps the claims they have ({@link #keepsPrivateClaims}).
 */
public abstract class RoomNameKeys extends BaseJavaMigration {

    /** Prefixes of claims that are no key: keys are lower case. */
    static final String PRIVATE_CLAIM = "PRIVATE-";
    private static final String UNCLAIMED = "UNCLAIMED-";
    private static final String MIGRATING = "MIGRATING-";

    /**
     * Whether the private rooms (direct messages among them) keep the claims they have: false for the first run,
     * which gave them theirs.
     */
    protected boolean keepsPrivateClaims() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, name, is_private, name_claim from rooms order by id");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getBoolean(3), result.getString(4)));
            }
        }
        // first every claim out of the way, so that no new claim meets an old one not yet replaced
        try (PreparedStatement clear = connection.prepareStatement(
                "update rooms set name_claim = '" + MIGRATING + "' || cast(id as text)"
                        + (keepsPrivateClaims() ? " where is_private = ?" : ""))) {
            if (keepsPrivateClaims()) {
                clear.setBoolean(1, false);
            }
            clear.executeUpdate();
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement update = connection.prepareStatement(
                "update rooms set name = ?, name_key = ?, name_claim = ? where id = ?")) {
            for (Row row : rows) {
                RoomName name = StoredRoomNames.readable(row.id(), row.name());
                String key = name.key();
                String claim = row.isPrivate() ? (keepsPrivateClaims() ? row.claim() : PRIVATE_CLAIM + row.id())
                        : claimed.add(key) ? key : UNCLAIMED + row.id();
                update.setString(1, name.value());
                update.setString(2, key);
                update.setString(3, claim);
                update.setLong(4, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private record Row(long id, String name, boolean isPrivate, String claim) {
    }
}
