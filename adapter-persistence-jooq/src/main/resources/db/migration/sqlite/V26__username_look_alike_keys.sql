-- A new name may not look like a taken one (Username.lookAlikeKey: I, l and 1 are one letter, O and 0 another, rn reads
-- as m, vv as w; case ignored). Kept in step with db/migration/postgresql/V26__username_look_alike_keys.sql.
-- 32 characters of a name, or, for a name that already looked like an earlier user's before this version, that and
-- '#' and its id, so that both keep their names and nobody can take a third. SQLite cannot make an added column NOT
-- NULL without a default: every insert sets it (JooqUserRepository.create).
alter table users add column look_alike_key text;

update users set look_alike_key =
    replace(replace(lower(replace(replace(replace(username, 'I', 'l'), '1', 'l'), '0', 'o')), 'rn', 'm'), 'vv', 'w');
update users set look_alike_key = look_alike_key || '#' || id
where exists (select 1 from users earlier where earlier.look_alike_key = users.look_alike_key and earlier.id < users.id);

create unique index users_look_alike_key_idx on users (look_alike_key);
