-- What a user needs to recognise a session in the list of their devices (docs/API.md, GET /api/auth/sessions): a short
-- label of the client it began on (never the whole User-Agent) and when it was last used, which is its last refresh,
-- so that requests themselves write nothing. Kept in step with db/migration/postgresql/V23__session_devices.sql.
-- SQLite cannot make an added column NOT NULL without a default: last_used_at is filled below and by every insert.
alter table auth_sessions add column device_label text;
alter table auth_sessions add column last_used_at text;

-- sessions begun before: no label (the client's words were not kept), last used at their last refresh, else when begun
update auth_sessions set last_used_at = coalesce(
    (select max(t.used_at) from refresh_tokens t where t.session_id = auth_sessions.id), created_at);
