-- Mentions (issue 11): whom a message calls, who was called by which message, and each member's count
-- of unread mentions. Kept in step with db/migration/postgresql/V14__mentions.sql (the comments are there).

alter table messages add column mentions text;

alter table room_members add column mention_count integer not null default 0;

create table message_mentions (
    user_id    integer not null references users (id),
    message_id integer not null references messages (id) on delete cascade,
    room_id    integer not null references rooms (id) on delete cascade,
    constraint message_mentions_pkey primary key (user_id, message_id)
);

create index message_mentions_user_room_idx on message_mentions (user_id, room_id, message_id);
create index message_mentions_message_idx on message_mentions (message_id);
