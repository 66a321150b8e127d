package org.chatserver.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.chatserver.domain.SearchText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives every message its search text and pairs (see V9) as the domain's own {@link SearchText} makes them now, so
 * that old messages are found exactly like new ones: those stored before search (V13), and those whose text folds
 * differently since {@link SearchText} learnt to (V20: Arabic and Hebrew vowel marks, {@code œ} and {@code æ}; V21: the Arabic letters written for one another).
 * Only rows whose search text changes are written. On SQLite the V9 triggers carry each one into the full-text
 * index; on PostgreSQL the GIN index follows by itself. A batch at a time, in id order, so a large history needs no
 * more memory than a small one.
 */
public abstract class MessageSearchTexts extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        long after = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "select id, content, file_name, file_display_name, search_text from messages where id > ? order by id"
                        + " limit " + BATCH);
             PreparedStatement update = connection.prepareStatement(
                     "update messages set search_text = ?, search_pairs = ? where id = ?")) {
            while (true) {
                select.setLong(1, after);
                int rows = 0;
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows++;
                        after = result.getLong(1);
                        String fileName = result.getString(3) == null ? null
                                : result.getString(4) == null ? result.getString(3) : result.getString(4);
                        String searchText = SearchText.of(result.getString(2), fileName);
                        if (searchText.equals(result.getString(5))) {
                            continue;
                        }
                        update.setString(1, searchText);
                        update.setString(2, SearchText.pairsOf(searchText));
                        update.setLong(3, after);
                        update.addBatch();
                    }
                }
                if (rows == 0) {
                    return;
                }
                update.executeBatch();
            }
        }
    }
}
