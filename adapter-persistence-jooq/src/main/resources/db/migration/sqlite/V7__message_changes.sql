-- Messages that live (issue 10): edits with their earlier texts, deletions as tombstones, replies,
-- pins, and each room's ordered log of changes. Kept in step with db/migration/postgresql/V7__message_changes.sql.

-- null until the text is first edited
alter table messages add column edited_at text;
-- a deleted message keeps its row (and place in the history) with content '' and no file; search
-- indexes follow content, so deleting blanks it in the same transaction
alter table messages add column deleted integer not null default 0;
-- the message this one answers, of the same room
alter table messages add column reply_to_id integer references messages (id);
-- replies to this message that are not deleted, kept by the repository as replies come and go
alter table messages add column reply_count integer not null default 0;
alter table messages add column pinned_at text;
alter table messages add column pinned_by integer references users (id);

-- a thread is paged like a room: a seek on (reply_to_id, id)
create index messages_reply_to_id_id_idx on messages (reply_to_id, id);
create index messages_room_id_pinned_at_idx on messages (room_id, pinned_at);
-- "does any message still carry this file?" when one is deleted
create index messages_file_name_idx on messages (file_name);

-- the earlier texts of edited messages; gone with the message's deletion
create table message_edits (
    id          integer primary key autoincrement,
    message_id  integer not null references messages (id) on delete cascade,
    content     text    not null,
    -- when an edit replaced this text
    replaced_at text    not null
);

create index message_edits_message_id_id_idx on message_edits (message_id, id);

-- Every change of a room in commit order: writers are serialised (IMMEDIATE transactions), so ids
-- grow in commit order within a room. Clients resume from an id (their cursor).
create table room_changes (
    id            integer primary key autoincrement,
    room_id       integer not null references rooms (id) on delete cascade,
    message_id    integer not null references messages (id) on delete cascade,
    -- RoomChange.Kind's enum name
    kind          text    not null,
    actor_id      integer not null references users (id),
    -- ReactionType's enum name, for reaction changes
    reaction_type text,
    at            text    not null
);

create index room_changes_room_id_id_idx on room_changes (room_id, id);

-- Every message there is was posted: the log starts with those posts, in message id order, so that
-- a client resuming after a message of before this version finds its place in the log.
insert into room_changes (room_id, message_id, kind, actor_id, at)
select room_id, id, 'POSTED', sender_id, created_at from messages order by id;
