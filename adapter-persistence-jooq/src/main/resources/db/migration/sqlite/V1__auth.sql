-- Authentication: users, login sessions and the refresh tokens issued for them.
-- Kept in step with db/migration/postgresql/V1__auth.sql; the same repository tests run on both.
-- V2 (rooms, members, messages, reactions) and V3 (attachments) are reserved.
--
-- INTEGER PRIMARY KEY is SQLite's 64-bit rowid. AUTOINCREMENT so that an id is never handed out
-- twice, even after the row with the highest id is deleted (as PostgreSQL identity columns do):
-- a stale access token must never name somebody else's new session.
-- Timestamps are text as jOOQ writes an Instant, always UTC and at most millisecond digits, e.g.
-- '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00.5+00:00': trailing zeros are dropped and '+' sorts
-- before '.' and digits, so comparing the text compares the instants.

create table users (
    id             integer primary key autoincrement,
    username       text not null,
    -- lower-case form of username: uniqueness and look-ups ignore case
    canonical_name text not null,
    password_hash  text not null,
    created_at     text not null,
    constraint users_canonical_name_key unique (canonical_name)
);

create table auth_sessions (
    id         integer primary key autoincrement,
    user_id    integer not null references users (id),
    created_at text    not null,
    revoked_at text
);

create index auth_sessions_user_id_idx on auth_sessions (user_id);

create table refresh_tokens (
    token_hash text    not null primary key,
    session_id integer not null references auth_sessions (id) on delete cascade,
    expires_at text    not null,
    used_at    text
);

create index refresh_tokens_session_id_idx on refresh_tokens (session_id);
