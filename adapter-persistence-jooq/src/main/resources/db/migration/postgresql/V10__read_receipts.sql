-- Read receipts: when each member's read position last moved, and whether a user shows it to others.
-- Kept in step with db/migration/sqlite/V10__read_receipts.sql.
-- The position itself (room_members.last_read_message_id) is unchanged: one row per member and room,
-- no row per message and reader.

-- null for positions older than this migration
alter table room_members add column read_at timestamptz;

-- false: the user appears in no seen-by list and sends no read frames (their own counts still work)
alter table users add column share_read_receipts boolean not null default true;
