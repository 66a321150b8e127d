package db.migration.sqlite;

import org.chatserver.adapter.persistence.RoomNameKeys;

/**
 * Room name keys without the characters that draw nothing (since 2026-12-07: {@code General} with a
 * U+034F inside is {@code General}); the work is {@link RoomNameKeys}.
 */
public class V24__Room_name_keys_without_blank_characters extends RoomNameKeys {

    @Override
    protected boolean keepsPrivateClaims() {
        return true;
    }
}
