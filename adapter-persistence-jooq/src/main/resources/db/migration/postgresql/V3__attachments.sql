-- Every uploaded file the server keeps, so that messages can only point at files that exist.
-- Kept in step with db/migration/sqlite/V3__attachments.sql; the same repository tests run on both.
-- Parsed by jOOQ's DDLDatabase for code generation (see V1): bounded varchar where a column is indexed.

create table attachments (
    id            bigint generated always as identity primary key,
    -- the stored name, <uuid><ext> or <uuid>-preview.jpg; at most StorageKey.MAX_LENGTH characters.
    -- Compared exactly (case and all): it is the last segment of the file's URL.
    name          varchar(200) not null,
    -- for display only. Upload cuts it to 255 characters and names a preview "preview-" + that, hence
    -- the room beyond 255.
    original_name varchar(300) not null,
    size          bigint       not null,
    mime_type     varchar(127) not null,
    -- AttachmentKind's enum name
    kind          varchar(16)  not null,
    uploader_id   bigint       not null references users (id),
    created_at    timestamptz  not null,
    -- the stored name of the image preview, when there is one
    preview_name  varchar(200),
    constraint attachments_name_key unique (name)
);
