-- The replies and the attachments of messages (issue 14): indexes of the messages that have one. Kept in step
-- with db/migration/sqlite/V16__partial_indexes.sql.
-- The indexes on reply_to_id and on file_name they replace held an entry for every message, with a null key for
-- a plain post that answers nothing and carries no file: two more index entries to write on every post, and two
-- indexes that grew with every message. The statements that use them look for one value (the replies to a
-- message, the messages that carry a file, and, when a room's deletion deletes its messages, the replies to each),
-- which a row with a null key never matches, so both databases answer them from these indexes.
-- An operator may have built them beforehand without keeping posts waiting (create index concurrently,
-- docs/operations.md#indexes-of-messages): "if not exists" keeps such an index, unless its build was interrupted
-- (PostgreSQL then leaves it invalid) or it is not the index named here, which is dropped and built again.
-- The new indexes are built first, under a lock that keeps posts out but not reads; the old ones are dropped last,
-- which locks the table for reads too, but only until the migration commits.
-- [jooq ignore start]
do $$
declare
    wanted record;
begin
    for wanted in select * from (values
            ('messages_replies_idx', 'USING btree (reply_to_id, id) WHERE (reply_to_id IS NOT NULL)'),
            ('messages_files_idx', 'USING btree (file_name) WHERE (file_name IS NOT NULL)')) as w (name, definition)
    loop
        if exists (select 1 from pg_index i
                   where i.indexrelid = to_regclass(wanted.name)
                     and (not i.indisvalid
                          or pg_get_indexdef(i.indexrelid) not like 'CREATE INDEX %'
                          or right(pg_get_indexdef(i.indexrelid), length(wanted.definition)) <> wanted.definition)) then
            execute format('drop index %I', wanted.name);
        end if;
    end loop;
end
$$;
-- [jooq ignore stop]
create index if not exists messages_replies_idx on messages (reply_to_id, id) where reply_to_id is not null;
create index if not exists messages_files_idx on messages (file_name) where file_name is not null;
drop index if exists messages_reply_to_id_id_idx;
drop index if exists messages_file_name_idx;
