-- Rooms, their members, messages and reactions.
-- Kept in step with db/migration/postgresql/V2__rooms_messages.sql; the same repository tests run on both.
-- Ids and timestamps as in V1: AUTOINCREMENT 64-bit rowids, UTC text as jOOQ writes an Instant.

create table rooms (
    id             integer primary key autoincrement,
    name           text    not null,
    -- lower-case form of name: clients join rooms by name ignoring case (/ws/chat/general)
    canonical_name text    not null,
    is_private     integer not null default 0,
    -- null for rooms the server made itself
    created_by     integer references users (id),
    created_at     text    not null,
    constraint rooms_canonical_name_key unique (canonical_name)
);

create index rooms_created_at_idx on rooms (created_at, id);

create table room_members (
    room_id              integer not null references rooms (id) on delete cascade,
    user_id              integer not null references users (id),
    joined_at            text    not null,
    -- no foreign key: a read position is only ever compared with message ids
    last_read_message_id integer,
    constraint room_members_pkey primary key (room_id, user_id)
);

create index room_members_user_id_idx on room_members (user_id);

create table messages (
    id                integer primary key autoincrement,
    room_id           integer not null references rooms (id) on delete cascade,
    sender_id         integer not null references users (id),
    content           text    not null default '',
    -- MessageType's enum name
    message_type      text    not null,
    -- the attachment's stored name; null when the message carries no file
    file_name         text,
    file_display_name text,
    file_size         integer,
    mime_type         text,
    client_id         text,
    created_at        text    not null,
    -- a resend with the same client id is the same message; nulls never collide
    constraint messages_sender_client_id_key unique (sender_id, client_id)
);

-- history pages and "latest message" are seeks on this index
create index messages_room_id_id_idx on messages (room_id, id);

create table reactions (
    message_id    integer not null references messages (id) on delete cascade,
    user_id       integer not null references users (id),
    -- ReactionType's enum name, not the emoji: clients spell some emoji in more than one way
    reaction_type text    not null,
    created_at    text    not null,
    constraint reactions_pkey primary key (message_id, user_id)
);

-- The room the clients expect to exist (the iOS app connects to "general"); whole seconds, in the
-- text form jOOQ writes and reads for an Instant.
insert into rooms (name, canonical_name, is_private, created_by, created_at)
values ('General', 'general', 0, null, strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'));
