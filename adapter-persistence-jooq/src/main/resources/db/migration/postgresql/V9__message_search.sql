-- Search (issue 12): every message keeps its search text beside its text, written by the repository with
-- the domain's SearchText (folded case, accents and compatibility forms; text and file name), so that the
-- fake, SQLite and PostgreSQL compare the very same strings. A match is "search_text contains every term",
-- a LIKE '%term%' that pg_trgm's GIN index answers for terms of three characters or more, in any script.
-- Kept in step with db/migration/sqlite/V9__message_search.sql. V13 (Java) fills it for existing messages.
--
-- Whatever changes messages.content (or its file) must write search_text and search_pairs in the same
-- statement (JooqMessageRepository's searchText / searchPairs); the index then follows in the same transaction.

alter table messages add column search_text text not null default '';
-- the two-character runs involving Chinese, Japanese or Korean (SearchText.pairsOf), each written as three
-- characters (the pair and its first again) so that a trigram index finds a two-character word too
alter table messages add column search_pairs text not null default '';

-- [jooq ignore start]
-- pg_trgm is in stock PostgreSQL (contrib) and trusted: the migrating user needs only CREATE on the
-- database (docs/operations.md). Installed in public, where it outlives any one schema, unless it is
-- already installed elsewhere; the operator class is named by that schema, whatever the search_path.
do $$
declare
    trgm_schema text;
begin
    select n.nspname into trgm_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm';
    if trgm_schema is null then
        begin
            create extension pg_trgm with schema public;
            trgm_schema := 'public';
        exception
            when invalid_schema_name then
                create extension pg_trgm;
                trgm_schema := current_schema();
            when insufficient_privilege then
                raise exception 'search needs the pg_trgm extension, which this database user may not create: '
                    'have an administrator run "create extension pg_trgm;" in this database, then start again '
                    '(docs/operations.md, "Search index")';
        end;
    end if;
    execute format('create index messages_search_text_idx on messages using gin (search_text %I.gin_trgm_ops)',
                   trgm_schema);
    execute format('create index messages_search_pairs_idx on messages using gin (search_pairs %I.gin_trgm_ops)',
                   trgm_schema);
end
$$;
-- [jooq ignore stop]
