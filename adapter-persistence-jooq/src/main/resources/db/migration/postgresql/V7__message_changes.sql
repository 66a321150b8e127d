-- Messages that live (issue 10): edits with their earlier texts, deletions as tombstones, replies,
-- pins, and each room's ordered log of changes. Kept in step with db/migration/sqlite/V7__message_changes.sql.

-- null until the text is first edited
alter table messages add column edited_at timestamptz;
-- a deleted message keeps its row (and place in the history) with content '' and no file; search
-- indexes follow content, so deleting blanks it in the same transaction
alter table messages add column deleted boolean not null default false;
-- the message this one answers, of the same room
alter table messages add column reply_to_id bigint references messages (id);
-- replies to this message that are not deleted, kept by the repository as replies come and go
alter table messages add column reply_count integer not null default 0;
alter table messages add column pinned_at timestamptz;
alter table messages add column pinned_by bigint references users (id);

-- a thread is paged like a room: a seek on (reply_to_id, id)
create index messages_reply_to_id_id_idx on messages (reply_to_id, id);
create index messages_room_id_pinned_at_idx on messages (room_id, pinned_at);
-- "does any message still carry this file?" when one is deleted
create index messages_file_name_idx on messages (file_name);

-- the earlier texts of edited messages; gone with the message's deletion
create table message_edits (
    id          bigint generated always as identity primary key,
    message_id  bigint      not null references messages (id) on delete cascade,
    content     text        not null,
    -- when an edit replaced this text
    replaced_at timestamptz not null
);

create index message_edits_message_id_id_idx on message_edits (message_id, id);

-- Every change of a room in commit order: appends to it are serialised per room (the room row's
-- lock), so ids grow in commit order within a room. Clients resume from an id (their cursor).
create table room_changes (
    id            bigint generated always as identity primary key,
    room_id       bigint      not null references rooms (id) on delete cascade,
    message_id    bigint      not null references messages (id) on delete cascade,
    -- RoomChange.Kind's enum name
    kind          varchar(32) not null,
    actor_id      bigint      not null references users (id),
    -- ReactionType's enum name, for reaction changes
    reaction_type varchar(16),
    at            timestamptz not null
);

create index room_changes_room_id_id_idx on room_changes (room_id, id);

-- [jooq ignore start]
-- Every message there is was posted: the log starts with those posts, in message id order, so that
-- a client resuming after a message of before this version finds its place in the log.
insert into room_changes (room_id, message_id, kind, actor_id, at)
select room_id, id, 'POSTED', sender_id, created_at from messages order by id;
-- [jooq ignore stop]
