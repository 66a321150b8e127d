-- Moderation (issue 10): who is muted or banned in a room, and each room's audit log of moderation.
-- Kept in step with db/migration/sqlite/V8__moderation.sql; the same repository tests run on both.
-- Roles live in room_members.role since V4 ('owner', 'moderator', 'member').

-- One mute per member and room; a new mute replaces it. Kept when the member leaves, so that leaving
-- and joining again does not end it; an ended mute is simply no longer in force.
create table room_mutes (
    room_id     bigint      not null references rooms (id) on delete cascade,
    user_id     bigint      not null references users (id),
    muted_until timestamptz not null,
    muted_by    bigint      not null references users (id),
    muted_at    timestamptz not null,
    constraint room_mutes_pkey primary key (room_id, user_id)
);

create table room_bans (
    room_id   bigint      not null references rooms (id) on delete cascade,
    user_id   bigint      not null references users (id),
    banned_by bigint      not null references users (id),
    banned_at timestamptz not null,
    constraint room_bans_pkey primary key (room_id, user_id)
);

-- ModerationAction: each kind fills its own detail column (role, muted_until or message_id), the others stay null.
create table room_audit (
    id          bigint generated always as identity primary key,
    room_id     bigint      not null references rooms (id) on delete cascade,
    actor_id    bigint      not null references users (id),
    -- ModerationAction.Kind's enum name
    action      varchar(32) not null,
    target_id   bigint      not null references users (id),
    role        varchar(16),
    muted_until timestamptz,
    -- no foreign key: a deleted message stays as a tombstone, and the entry outlives whatever happens to it
    message_id  bigint,
    created_at  timestamptz not null
);

-- pages of a room's log, newest first, are seeks on this index
create index room_audit_room_id_id_idx on room_audit (room_id, id);
