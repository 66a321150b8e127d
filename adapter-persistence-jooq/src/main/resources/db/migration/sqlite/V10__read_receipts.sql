-- Read receipts: when each member's read position last moved, and whether a user shows it to others.
-- Kept in step with db/migration/postgresql/V10__read_receipts.sql.

-- null for positions older than this migration; UTC text as jOOQ writes an Instant
alter table room_members add column read_at text;

-- 0: the user appears in no seen-by list and sends no read frames (their own counts still work)
alter table users add column share_read_receipts integer not null default 1;
