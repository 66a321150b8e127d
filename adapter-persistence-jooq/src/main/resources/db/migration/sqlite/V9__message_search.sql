-- Search (issue 12): every message keeps its search text beside its text, written by the repository with
-- the domain's SearchText (folded case, accents and compatibility forms; text and file name), so that the
-- fake, SQLite and PostgreSQL compare the very same strings. A match is "search_text contains every term".
-- Kept in step with db/migration/postgresql/V9__message_search.sql. V13 (Java) fills it for existing messages.
--
-- Whatever changes messages.content (or its file) must write search_text and search_pairs in the same
-- statement (JooqMessageRepository's searchText / searchPairs); the triggers below carry them into the
-- index in the same transaction.

alter table messages add column search_text text not null default '';
-- the two-character runs involving Chinese, Japanese or Korean (SearchText.pairsOf), each written as three
-- characters (the pair and its first again) so that the trigram index finds a two-character word too
alter table messages add column search_pairs text not null default '';

-- FTS5's trigram tokenizer finds any substring of three characters or more, in any script, and two-character
-- CJK words through their pairs; other short terms are checked on the rows it finds, or on the messages
-- themselves. The text is folded already, so the
-- tokenizer must not fold again (case_sensitive 1): what it finds is exactly what instr() would.
-- External content: the index holds no second copy of the text.
create virtual table messages_search using fts5(
    search_text,
    search_pairs,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'trigram case_sensitive 1'
);

insert into messages_search (messages_search) values ('rebuild');

create trigger messages_search_insert after insert on messages begin
    insert into messages_search (rowid, search_text, search_pairs) values (new.id, new.search_text, new.search_pairs);
end;

create trigger messages_search_delete after delete on messages begin
    insert into messages_search (messages_search, rowid, search_text, search_pairs)
    values ('delete', old.id, old.search_text, old.search_pairs);
end;

create trigger messages_search_update after update of search_text, search_pairs on messages begin
    insert into messages_search (messages_search, rowid, search_text, search_pairs)
    values ('delete', old.id, old.search_text, old.search_pairs);
    insert into messages_search (rowid, search_text, search_pairs) values (new.id, new.search_text, new.search_pairs);
end;
