package db.migration.postgresql;

import org.chatserver.adapter.persistence.RoomNameKeys;

/** Found by Flyway in db/migration/postgresql, beside the SQL migrations; the work is {@link RoomNameKeys}. */
public class V6__Room_name_keys extends RoomNameKeys {
}
