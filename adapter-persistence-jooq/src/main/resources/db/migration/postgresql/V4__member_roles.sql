-- A member's role in a room: 'owner' (the room's creator) or 'member' (Membership.Role, lower case).
-- Kept in step with db/migration/sqlite/V4__member_roles.sql.

alter table room_members add column role varchar(16) not null default 'member';

-- [jooq ignore start]
-- Until now the creator was the owner by being the creator; that is now recorded with the membership.
update room_members set role = 'owner'
where exists (select 1 from rooms where rooms.id = room_members.room_id and rooms.created_by = room_members.user_id);
-- [jooq ignore stop]
