-- Every uploaded file the server keeps, so that messages can only point at files that exist.
-- Kept in step with db/migration/postgresql/V3__attachments.sql; the same repository tests run on both.
-- Ids and timestamps as in V1: AUTOINCREMENT 64-bit rowids, UTC text as jOOQ writes an Instant.

create table attachments (
    id            integer primary key autoincrement,
    -- the stored name, <uuid><ext> or <uuid>-preview.jpg. Compared exactly (case and all, the default
    -- BINARY collation): it is the last segment of the file's URL.
    name          text    not null,
    -- for display only
    original_name text    not null,
    size          integer not null,
    mime_type     text    not null,
    -- AttachmentKind's enum name
    kind          text    not null,
    uploader_id   integer not null references users (id),
    created_at    text    not null,
    -- the stored name of the image preview, when there is one
    preview_name  text,
    constraint attachments_name_key unique (name)
);
