-- The character encoding a text file is in, detected at upload and named in its download's Content-Type (utf-8,
-- windows-1252, ...); null for files that are not text and for text uploaded before, served as utf-8 as it was.
-- Kept in step with db/migration/postgresql/V19__attachment_charset.sql.
alter table attachments add column charset varchar(40);
