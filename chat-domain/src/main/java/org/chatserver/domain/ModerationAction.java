package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a room's audit log: who moderated whom, how, and when. Each kind carries its own
 * detail and nothing else: the new role of a role change, the end of a mute, the message a
 * moderator deleted.
 *
 * @param target     the user acted on
 * @param role       the new role ({@link Kind#ROLE_CHANGED} only), else null
 * @param mutedUntil when the mute ends ({@link Kind#MUTED} only), else null
 * @param message    the deleted message ({@link Kind#MESSAGE_DELETED} only, its author being the target), else null
 */
public record ModerationAction(RoomId roomId, UserId actor, Kind kind, UserId target, Membership.Role role,
                               Instant mutedUntil, MessageId message, Instant at) {

    public enum Kind {
        ROLE_CHANGED,
        MUTED,
        UNMUTED,
        BANNED,
        UNBANNED,
        MEMBER_REMOVED,
        MESSAGE_DELETED
    }

    public ModerationAction {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.ROLE_CHANGED) != (role != null)
                || (kind == Kind.MUTED) != (mutedUntil != null)
                || (kind == Kind.MESSAGE_DELETED) != (message != null)) {
            throw new IllegalArgumentException("a " + kind + " carries its own detail only");
        }
    }

    public static ModerationAction roleChanged(Membership changer, Membership changed, Instant at) {
        return new ModerationAction(changed.roomId(), changer.userId(), Kind.ROLE_CHANGED, changed.userId(),
                changed.role(), null, null, at);
    }

    public static ModerationAction muted(Mute mute) {
        return new ModerationAction(mute.roomId(), mute.mutedBy(), Kind.MUTED, mute.userId(), null, mute.until(),
                null, mute.at());
    }

    public static ModerationAction banned(Ban ban) {
        return new ModerationAction(ban.roomId(), ban.bannedBy(), Kind.BANNED, ban.userId(), null, null, null,
                ban.at());
    }

    /** Unmuted, unbanned or removed: a kind without detail. */
    public static ModerationAction of(Kind kind, Membership actor, UserId target, Instant at) {
        return new ModerationAction(actor.roomId(), actor.userId(), kind, target, null, null, null, at);
    }

    /**
     * A deletion is moderation when someone deletes another's message (an owner or a moderator,
     * as the message allows); authors deleting their own messages are not logged.
     */
    public static Optional<ModerationAction> messageDeleted(Membership deleter, Message message, Instant at) {
        if (deleter.userId().equals(message.senderId())) {
            return Optional.empty();
        }
        return Optional.of(new ModerationAction(message.roomId(), deleter.userId(), Kind.MESSAGE_DELETED,
                message.senderId(), null, null, message.id(), at));
    }
}
