-- Room names compare by a key (RoomName.key(): NFKC, case folded, spaces collapsed) instead of by
-- lower case, and only public rooms hold their name against every other room: a private room must
-- not reveal itself by blocking a name. Kept in step with db/migration/postgresql/V5__room_name_keys.sql.
--
-- name_claim is the old canonical_name, renamed rather than dropped because SQLite cannot drop a
-- unique column: a public room's key, or for a private room a value no key can equal (upper case
-- letters, which keys never contain). Its unique constraint is what keeps public names unique.
-- name_key is every room's key, for look-ups by name. V6 (Java) fills both for existing rooms.

alter table rooms rename column canonical_name to name_claim;
alter table rooms add column name_key text not null default '';

create index rooms_name_key_idx on rooms (name_key);
