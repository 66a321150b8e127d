package org.chatserver.adapter.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** The real moderation service in {@link InMemoryChat}'s current world, behind the use case the controller sees. */
final class InMemoryModeration implements ModerateRoomUseCase {

    private final InMemoryChat chat;

    InMemoryModeration(InMemoryChat chat) {
        this.chat = chat;
    }

    @Override
    public RoomMember changeRole(AuthenticatedUser caller, ChangeRole command) {
        return chat.moderation().changeRole(caller, command);
    }

    @Override
    public Muted mute(AuthenticatedUser caller, MuteMember command) {
        return chat.moderation().mute(caller, command);
    }

    @Override
    public Username unmute(AuthenticatedUser caller, RoomId room, Username member) {
        return chat.moderation().unmute(caller, room, member);
    }

    @Override
    public Username ban(AuthenticatedUser caller, RoomId room, Username user) {
        return chat.moderation().ban(caller, room, user);
    }

    @Override
    public Username unban(AuthenticatedUser caller, RoomId room, Username user) {
        return chat.moderation().unban(caller, room, user);
    }

    @Override
    public Map<UserId, Instant> mutedUntil(AuthenticatedUser caller, MembersList list) {
        return chat.moderation().mutedUntil(caller, list);
    }

    @Override
    public List<AuditEntry> audit(AuthenticatedUser caller, AuditPage page) {
        return chat.moderation().audit(caller, page);
    }

    /** Lets the world's clock run on, e.g. past the end of a mute. */
    void advance(Duration time) {
        chat.clock().advance(time);
    }
}
