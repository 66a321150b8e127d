-- Uploads that no message has carried yet are forgotten after a while (chat.uploads.unposted-retention), and how much
-- one user uploaded lately is bounded (chat.uploads.daily-quota). Kept in step with
-- db/migration/sqlite/V25__uploads_awaiting_post.sql.

-- true from the upload until a message first carries the file (set false by the post that carries it, in the post's
-- transaction), as is the preview of an image it carries.
-- New uploads are recorded waiting; the default is for the rows below
alter table attachments add column awaiting_post boolean not null default false;

-- uploads and previews from before this version that no message carries: waiting since they were recorded, so that
-- the first sweep after the upgrade forgets those older than the retention. NOT IN over each column's values once,
-- rather than a look-up per upload (no index covers file_preview_name)
-- [jooq ignore start]
update attachments set awaiting_post = true
where name not in (select file_name from messages where file_name is not null and not deleted)
  and name not in (select file_preview_name from messages where file_preview_name is not null and not deleted);
-- [jooq ignore stop]

-- the sweep's look-up, oldest first: only waiting uploads have an entry, so it stays as small as what waits
create index attachments_awaiting_post_idx on attachments (created_at, name) where awaiting_post;
-- a user's uploads of the last day, for the quota
create index attachments_uploader_created_idx on attachments (uploader_id, created_at);
