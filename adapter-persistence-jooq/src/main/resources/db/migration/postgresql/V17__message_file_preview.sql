-- A message carries the preview the server made of its image (docs/API.md `preview_url`), so that clients
-- show the small file inline and fetch the whole one only when it is opened. Kept in step with
-- db/migration/sqlite/V17__message_file_preview.sql.
alter table messages add column file_preview_name varchar(200);

-- messages posted before: the preview their upload recorded, where there is one
-- [jooq ignore start]
update messages set file_preview_name = (select a.preview_name from attachments a where a.name = messages.file_name)
where file_name is not null;
-- [jooq ignore stop]
