package db.migration.sqlite;

import org.chatserver.adapter.persistence.MessageSearchTexts;

/** Found by Flyway in db/migration/sqlite, beside the SQL migrations; the work is {@link MessageSearchTexts}. */
public class V13__Message_search_texts extends MessageSearchTexts {
}
