-- Rooms, their members, messages and reactions.
-- Kept in step with db/migration/sqlite/V2__rooms_messages.sql; the same repository tests run on both.
-- Parsed by jOOQ's DDLDatabase for code generation (see V1): bounded varchar where a column is indexed.

create table rooms (
    id             bigint generated always as identity primary key,
    name           varchar(64)  not null,
    -- lower-case form of name: clients join rooms by name ignoring case (/ws/chat/general).
    -- Wider than name because lower-casing may lengthen a string.
    canonical_name varchar(255) not null,
    is_private     boolean      not null default false,
    -- null for rooms the server made itself
    created_by     bigint references users (id),
    created_at     timestamptz  not null,
    constraint rooms_canonical_name_key unique (canonical_name)
);

create index rooms_created_at_idx on rooms (created_at, id);

create table room_members (
    room_id              bigint      not null references rooms (id) on delete cascade,
    user_id              bigint      not null references users (id),
    joined_at            timestamptz not null,
    -- no foreign key: a read position is only ever compared with message ids
    last_read_message_id bigint,
    constraint room_members_pkey primary key (room_id, user_id)
);

create index room_members_user_id_idx on room_members (user_id);

create table messages (
    id                bigint generated always as identity primary key,
    room_id           bigint       not null references rooms (id) on delete cascade,
    sender_id         bigint       not null references users (id),
    content           text         not null default '',
    -- MessageType's enum name
    message_type      varchar(32)  not null,
    -- the attachment's stored name; null when the message carries no file
    file_name         varchar(128),
    file_display_name varchar(255),
    file_size         bigint,
    mime_type         varchar(127),
    client_id         varchar(64),
    created_at        timestamptz  not null,
    -- a resend with the same client id is the same message; nulls never collide
    constraint messages_sender_client_id_key unique (sender_id, client_id)
);

-- history pages and "latest message" are seeks on this index
create index messages_room_id_id_idx on messages (room_id, id);

create table reactions (
    message_id    bigint      not null references messages (id) on delete cascade,
    user_id       bigint      not null references users (id),
    -- ReactionType's enum name, not the emoji: clients spell some emoji in more than one way
    reaction_type varchar(16) not null,
    created_at    timestamptz not null,
    constraint reactions_pkey primary key (message_id, user_id)
);

-- [jooq ignore start]
-- The room the clients expect to exist (the iOS app connects to "general"). Not for code generation.
insert into rooms (name, canonical_name, is_private, created_by, created_at)
values ('General', 'general', false, null, date_trunc('second', now()));
-- [jooq ignore stop]
