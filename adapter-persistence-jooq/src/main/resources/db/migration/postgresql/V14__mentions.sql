-- Mentions (issue 11): whom a message calls, who was called by which message, and each member's count
-- of unread mentions. Kept in step with db/migration/sqlite/V14__mentions.sql.
-- No row per message and reader: one row per mention, one counter per member and room.

-- the message's mentions as items show them: usernames separated by spaces, "@room" when it calls the
-- room (no username has an "@"); null when it mentions nobody
alter table messages add column mentions text;

-- unread messages mentioning the member: grows when one is posted, falls when one they have not read is
-- deleted or edited to call them no more, recounted from message_mentions when their read position moves
alter table room_members add column mention_count integer not null default 0;

-- one row per member called by a message (its sender never), for their mentions page and recounts
create table message_mentions (
    user_id    bigint not null references users (id),
    message_id bigint not null references messages (id) on delete cascade,
    room_id    bigint not null references rooms (id) on delete cascade,
    constraint message_mentions_pkey primary key (user_id, message_id)
);

-- a recount reads a member's mentions of one room after their read position
create index message_mentions_user_room_idx on message_mentions (user_id, room_id, message_id);
-- forgetting a deleted or edited message's mentions
create index message_mentions_message_idx on message_mentions (message_id);
