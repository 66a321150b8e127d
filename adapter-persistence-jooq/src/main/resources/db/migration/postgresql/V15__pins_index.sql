-- The pins of a room (issue 14): an index of the pinned messages only. Kept in step with
-- db/migration/sqlite/V15__pins_index.sql.
-- The index on (room_id, pinned_at) it replaces held an entry for every message, pinned or not: one more
-- index entry to write on every post, and an index that a plan made while the table was nearly empty (a new
-- server's first minutes, before the table is first analysed) chose for a room's newest message and its
-- unread count, reading every message of the room each time. A connection keeps such a plan: posting into a
-- busy room slowed down as the room grew (docs/benchmark.md). The pins page asks for pinned messages only,
-- which this index holds.
drop index messages_room_id_pinned_at_idx;
create index messages_room_pins_idx on messages (room_id, pinned_at) where pinned_at is not null;
