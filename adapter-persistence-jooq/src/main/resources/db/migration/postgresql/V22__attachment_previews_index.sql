-- Which upload a preview belongs to (AttachmentRepository.findByPreview): a client may post a preview's URL as a
-- message's own file, and deleting that message must not delete the preview while a message still carries its image.
-- Only uploads with a preview (images) have an entry. Kept in step with db/migration/sqlite/V22__attachment_previews_index.sql.
create index attachments_preview_name_idx on attachments (preview_name) where preview_name is not null;
