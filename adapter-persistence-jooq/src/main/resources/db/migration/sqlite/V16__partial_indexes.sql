-- The replies and the attachments of messages (issue 14): indexes of the messages that have one. Kept in step
-- with db/migration/postgresql/V16__partial_indexes.sql.
-- The indexes on reply_to_id and on file_name they replace held an entry for every message, with a null key for
-- a plain post that answers nothing and carries no file: two more index entries to write on every post, and two
-- indexes that grew with every message. The statements that use them look for one value (the replies to a
-- message, the messages that carry a file, and, when a room's deletion deletes its messages, the replies to each),
-- which a row with a null key never matches, so both databases answer them from these indexes.
-- "if not exists" and the order as on PostgreSQL, where an operator may have built them beforehand.
create index if not exists messages_replies_idx on messages (reply_to_id, id) where reply_to_id is not null;
create index if not exists messages_files_idx on messages (file_name) where file_name is not null;
drop index if exists messages_reply_to_id_id_idx;
drop index if exists messages_file_name_idx;
