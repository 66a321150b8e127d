package db.migration.sqlite;

import org.chatserver.adapter.persistence.MessageSearchTexts;

/**
 * Found by Flyway in db/migration/sqlite, beside the SQL migrations: the search texts of messages stored before search
 * folded Arabic and Hebrew vowel marks, {@code œ} and {@code æ}, folded again (only those that change are written).
 */
public class V20__Message_search_texts_refolded extends MessageSearchTexts {
}
