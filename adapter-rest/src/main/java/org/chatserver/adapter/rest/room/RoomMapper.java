package org.chatserver.adapter.rest.room;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chatserver.adapter.rest.RestMapperConfig;
import org.chatserver.adapter.wire.RoomListItem;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.Membership;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = RestMapperConfig.class)
interface RoomMapper {

    @Mapping(target = "id", source = "id.value")
    @Mapping(target = "name", source = "name.value")
    @Mapping(target = "isPrivate", expression = "java(room.isPrivate())")
    RoomResponse toResponse(Room room);

    /** The shape {@code /ws/user} sends too: one home, in adapter-wire. */
    default RoomListItem toListItem(RoomSummary summary) {
        return RoomListItem.of(summary);
    }

    default List<RoomListItem> toListItems(List<RoomSummary> summaries) {
        return summaries.stream().map(RoomListItem::of).toList();
    }

    @Mapping(target = "userId", source = "member.userId.value")
    @Mapping(target = "username", source = "member.username")
    @Mapping(target = "joinedAt", source = "member.joinedAt")
    @Mapping(target = "role", source = "member.role")
    @Mapping(target = "lastReadMessageId", source = "read.lastRead.value")
    @Mapping(target = "readAt", source = "read.readAt")
    @Mapping(target = "status", source = "presence.status")
    @Mapping(target = "lastSeen", source = "presence.lastSeen")
    @Mapping(target = "mutedUntil", source = "mutedUntil")
    MemberResponse toMemberResponse(RoomMember member, ReadPosition read, UserPresence presence, Instant mutedUntil);

    @Mapping(target = "userId", source = "userId.value")
    RoleResponse toRoleResponse(RoomMember member);

    /**
     * @param reads      the read positions that may be shown, by member
     * @param presences  the presences that may be shown, by member (null status and last_seen for the others)
     * @param mutedUntil the ends of the mutes that may be shown, by member
     */
    default List<MemberResponse> toMemberResponses(List<RoomMember> members, Map<UserId, ReadPosition> reads,
                                                   Map<UserId, UserPresence> presences,
                                                   Map<UserId, Instant> mutedUntil) {
        return members.stream().map(m -> toMemberResponse(m, reads.get(m.userId()),
                presences.get(m.userId()), mutedUntil.get(m.userId()))).toList();
    }

    default String status(PresenceStatus status) {
        return status == null ? null : WireValues.presence(status);
    }

    default String username(Username username) {
        return username.value();
    }

    /** Roles in the clients' words: {@code owner}, {@code moderator}, {@code member}; null for none. */
    default String role(Membership.Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    @Mapping(target = "entryId", source = "id")
    @Mapping(target = "action", source = "action.kind")
    @Mapping(target = "role", source = "action.role")
    @Mapping(target = "mutedUntil", source = "action.mutedUntil")
    @Mapping(target = "messageId", source = "action.message.value")
    @Mapping(target = "timestamp", source = "action.at")
    AuditItem toAuditItem(AuditEntry entry);

    List<AuditItem> toAuditItems(List<AuditEntry> entries);

    default String action(ModerationAction.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
