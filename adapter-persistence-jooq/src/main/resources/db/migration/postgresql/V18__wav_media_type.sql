-- A WAV file is audio/wav, the name browsers and iOS know, since 2026-12-06; uploads before were recorded with
-- Tika's name, audio/vnd.wave, which the download's Content-Type and the messages' mime_type then said. Kept in
-- step with db/migration/sqlite/V18__wav_media_type.sql.
-- [jooq ignore start]
update attachments set mime_type = 'audio/wav' where mime_type = 'audio/vnd.wave';
update messages set mime_type = 'audio/wav' where mime_type = 'audio/vnd.wave';
-- [jooq ignore stop]
