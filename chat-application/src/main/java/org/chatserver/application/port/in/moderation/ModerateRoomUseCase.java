package org.chatserver.application.port.in.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mute;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Keeping order in a room: the owner names moderators; the owner and moderators mute and ban
 * members and lift mutes and bans; they read the room's audit log of all of it. The room decides
 * who may do what to whom; every action is logged in its own transaction.
 */
public interface ModerateRoomUseCase {

    /** The member with their new role. */
    RoomMember changeRole(AuthenticatedUser caller, ChangeRole command);

    /**
     * The mute as stored (until when the member may not post) and the member's name as registered. A new
     * mute replaces an earlier one.
     */
    Muted mute(AuthenticatedUser caller, MuteMember command);

    /** Ends a mute before its time; {@code NotFoundException} when the user is not muted. The name as registered. */
    Username unmute(AuthenticatedUser caller, RoomId room, Username member);

    /**
     * Takes the user out of the room at once (their open connections to it close, on every node) and
     * keeps them out until {@link #unban}. Banning twice is fine. The name as registered.
     */
    Username ban(AuthenticatedUser caller, RoomId room, Username user);

    /** Lifts a ban; {@code NotFoundException} when the user is not banned. The name as registered. */
    Username unban(AuthenticatedUser caller, RoomId room, Username user);

    /**
     * When the mutes in force of those on the caller's members list end: all of them for the room's owner and
     * moderators, who mute and unmute; for anyone else their own only (who else is muted is, like the audit
     * log, the moderators' business; a list someone else read shows the caller no more). Users not muted are not
     * in the map.
     */
    Map<UserId, Instant> mutedUntil(AuthenticatedUser caller, MembersList list);

    /** The room's audit log, newest first. */
    List<AuditEntry> audit(AuthenticatedUser caller, AuditPage page);

    /** @param role what the member becomes: {@code MODERATOR} or {@code MEMBER} */
    record ChangeRole(RoomId room, Username member, Membership.Role role) {
    }

    /** A mute and its member's name as registered (a moderator may type it in any case). */
    record Muted(Username member, Mute mute) {
    }

    record MuteMember(RoomId room, Username member, int minutes) {
    }

    /** @param before an entry id: only older entries; null for the newest */
    record AuditPage(RoomId room, Long before, int limit) {

        public static final int DEFAULT_LIMIT = 50;
        public static final int MAX_LIMIT = 100;

        public AuditPage {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("page size", "{} must be between 1 and " + MAX_LIMIT);
            }
            if (before != null && before < 1) {
                throw new InvalidValueException("page position", "{} must be a positive entry id");
            }
        }
    }
}
