package db.migration.postgresql;

import org.chatserver.adapter.persistence.MessageSearchTexts;

/**
 * Found by Flyway in db/migration/postgresql, beside the SQL migrations: the search texts of messages stored before search
 * folded the Arabic letters written for one another (alif maqsura and Persian yeh as yeh, teh marbuta as heh, keheh as
 * kaf), folded again (only those that change are written).
 */
public class V21__Message_search_texts_arabic_letters_folded extends MessageSearchTexts {
}
