-- What a user needs to recognise a session in the list of their devices (docs/API.md, GET /api/auth/sessions): a short
-- label of the client it began on (never the whole User-Agent) and when it was last used, which is its last refresh,
-- so that requests themselves write nothing. Kept in step with db/migration/sqlite/V23__session_devices.sql.
alter table auth_sessions add column device_label varchar(60);
alter table auth_sessions add column last_used_at timestamptz;

-- sessions begun before: no label (the client's words were not kept), last used at their last refresh, else when begun
update auth_sessions set last_used_at = coalesce(
    (select max(t.used_at) from refresh_tokens t where t.session_id = auth_sessions.id), created_at);

alter table auth_sessions alter column last_used_at set not null;
