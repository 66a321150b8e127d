-- Authentication: users, login sessions and the refresh tokens issued for them.
-- Kept in step with db/migration/sqlite/V1__auth.sql; the same repository tests run on both.
-- jOOQ code is generated from this PostgreSQL variant (DDLDatabase, simulated in H2), so keep it parseable
-- by jOOQ; bounded varchar because H2 cannot index text (clob) columns.
-- V2 (rooms, members, messages, reactions) and V3 (attachments) are reserved.

create table users (
    id             bigint generated always as identity primary key,
    username       varchar(32)  not null,
    -- lower-case form of username: uniqueness and look-ups ignore case without an expression index
    canonical_name varchar(32)  not null,
    password_hash  varchar(255) not null,
    created_at     timestamptz  not null,
    constraint users_canonical_name_key unique (canonical_name)
);

create table auth_sessions (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references users (id),
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index auth_sessions_user_id_idx on auth_sessions (user_id);

create table refresh_tokens (
    token_hash varchar(128) not null primary key,
    session_id bigint       not null references auth_sessions (id) on delete cascade,
    expires_at timestamptz  not null,
    used_at    timestamptz
);

create index refresh_tokens_session_id_idx on refresh_tokens (session_id);
