package org.chatserver.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat room. Public rooms are open to every user (joining is implicit); private rooms exist
 * only for their members, and only their owner, the creator, manages who those are.
 *
 * <p>Moderation: the owner names moderators; the owner and moderators mute, ban and (private
 * rooms) remove members. Nobody moderates the owner, and a moderator moderates plain members only.
 *
 * <p>Names: a public room holds its name (its {@link RoomName#key()}) against every other room; a
 * private room holds its name only against the rooms its creator can see. So creating a room tells
 * nobody whether a private room they cannot see has that name.
 *
 * <p>A direct message ({@link Kind#DIRECT}) is a private room of exactly two people, both plain members:
 * nobody is added to it, removed from it, or leaves it.
 *
 * @param createdBy null for rooms the server made itself (General) and for direct messages
 */
public record Room(RoomId id, RoomName name, boolean isPrivate, UserId createdBy, Instant createdAt, Kind kind) {

    public enum Kind {
        /** a room people join or are added to */
        ROOM,
        /** a private room of exactly two */
        DIRECT
    }

    /** What every direct message is called; clients show the other person ({@code peer}) instead. */
    public static final RoomName DIRECT_NAME = new RoomName("Direct message");
    static final String DIRECT_MEMBERS_FIXED = "Nobody can be added to or removed from a direct message";
    static final String DIRECT_STAYS = "A direct message cannot be left";

    /** A room people join or are added to. */
    public Room(RoomId id, RoomName name, boolean isPrivate, UserId createdBy, Instant createdAt) {
        this(id, name, isPrivate, createdBy, createdAt, Kind.ROOM);
    }

    public boolean isDirect() {
        return kind == Kind.DIRECT;
    }

    /**
     * Refuses a name someone chooses for a new room when it is {@link #DIRECT_NAME} (in any case or spacing): a
     * room of that name would look like a direct message in a client that shows names, and would clash with
     * the caller's own direct messages.
     */
    public static void checkChoosable(RoomName name) {
        if (name.key().equals(DIRECT_NAME.key())) {
            throw new InvalidValueException(RoomName.SUBJECT, "{} \"" + DIRECT_NAME.value()
                    + "\" is what every direct message is called: choose another");
        }
    }

    /** The two memberships of a direct message, both plain members. */
    public List<Membership> directMembers(DirectPair pair, Instant now) {
        if (!isDirect()) {
            throw new IllegalStateException("room " + id + " is no direct message");
        }
        return List.of(new Membership(id, pair.low(), Membership.Role.MEMBER, now),
                new Membership(id, pair.high(), Membership.Role.MEMBER, now));
    }

    /** What a user is told about a room they may not see, exactly as about one that does not exist. */
    public static final String NOT_FOUND = "Room not found";
    static final String PUBLIC_ROOMS_ARE_OPEN = "Public rooms are open to everyone: members join and leave themselves";
    static final String ONLY_THE_OWNER_MANAGES = "Only the creator of the room can manage its members";
    static final String THE_OWNER_STAYS = "The creator of a private room cannot leave it";
    static final String JOINED_BY_INVITATION = "Private rooms are joined when their creator adds you";
    /** What a banned user is told wherever they meet the ban: joining, posting, watching, and when it happens. */
    public static final String BANNED = "You are banned from this room";
    static final String BANNED_USER = "This user is banned from the room: lift the ban first";
    static final String ONLY_MODERATORS = "Only the owner and moderators of the room can do this";
    static final String ONLY_THE_OWNER_NAMES_ROLES = "Only the owner of the room can change roles";
    static final String THE_OWNERS_ROLE_STAYS = "The owner's role cannot be changed";
    static final String ONE_OWNER = "A room has one owner, its creator";
    static final String NOBODY_MODERATES_THE_OWNER = "Nobody can moderate the owner of the room";
    static final String NOT_ANOTHER_MODERATOR = "A moderator cannot moderate another moderator";
    static final String RECEIPTS_FOR_MEMBERS = "Only members of the room can see who has read its messages";

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        kind = kind == null ? Kind.ROOM : kind;
        if (kind == Kind.DIRECT && (!isPrivate || createdBy != null)) {
            throw new IllegalArgumentException("a direct message is private and made by nobody in particular");
        }
    }

    /**
     * Whether a user with this membership in the room (empty: none) may see it, its history and its
     * live events. Whoever may not must not learn that it exists.
     */
    public boolean isVisibleTo(Optional<Membership> membership) {
        membership.ifPresent(this::requireOwn);
        return !isPrivate || membership.isPresent();
    }

    /**
     * Whether a user with this membership in the room (empty: none) sees its read receipts, who has read how far:
     * its members only. A public room's other readers see its messages and members, not what each member read.
     */
    public boolean showsReadReceiptsTo(Optional<Membership> membership) {
        membership.ifPresent(this::requireOwn);
        return membership.isPresent();
    }

    /** Refuses a user to whom the room does not {@link #showsReadReceiptsTo show its read receipts}. */
    public void checkReadReceiptsShownTo(Optional<Membership> membership) {
        if (!showsReadReceiptsTo(membership)) {
            throw new RuleViolation.NotPermitted(RECEIPTS_FOR_MEMBERS);
        }
    }

    /**
     * Of the rooms of one name a user can see, the one the name means to them: a private room they
     * are in (the oldest, should there be several) before the public one. Nobody can draw a private
     * room's members into a public room by giving it the same name.
     */
    public static Optional<Room> meantBy(List<Room> sameName) {
        return sameName.stream()
                .min(Comparator.comparing((Room room) -> !room.isPrivate()).thenComparing(room -> room.id().value()));
    }

    /**
     * A user joins by themselves: explicitly, or by posting, reading or watching. Anyone may join a
     * public room but whom it banned; a private room only its creator, when creating it.
     *
     * @param ban the user's ban from this room, if any
     */
    public Membership join(UserId user, Optional<Ban> ban, Instant now) {
        if (isPrivate && !isCreatedBy(user)) {
            throw new RuleViolation.NotPermitted(JOINED_BY_INVITATION);
        }
        ban.ifPresent(b -> {
            requireOwn(b.roomId());
            throw new RuleViolation.NotPermitted(BANNED);
        });
        return membershipOf(user, now);
    }

    /** The owner of a private room adds a user who is not banned from it; the new membership. */
    public Membership add(Optional<Membership> manager, UserId user, Optional<Ban> ban, Instant now) {
        checkMembersManagedBy(manager);
        ban.ifPresent(b -> {
            requireOwn(b.roomId());
            throw new RuleViolation.NotPossible(BANNED_USER);
        });
        return membershipOf(user, now);
    }

    /**
     * The owner and moderators of a private room may take members out (removing oneself is
     * leaving, see {@link #checkLeavable}); nobody takes out the owner, and moderators take out
     * plain members only.
     */
    public void checkRemovable(Optional<Membership> manager, Membership member) {
        Membership remover = checkMembersRemovableBy(manager);
        requireOwn(member);
        if (remover.userId().equals(member.userId())) {
            checkLeavable(member);
        } else {
            checkModerates(manager, member.userId(), Optional.of(member));
        }
    }

    /** Who may take members out of a private room at all: its owner and moderators. */
    public Membership checkMembersRemovableBy(Optional<Membership> manager) {
        if (isDirect()) {
            throw new RuleViolation.NotPermitted(DIRECT_MEMBERS_FIXED);
        }
        if (!isPrivate) {
            throw new RuleViolation.NotPossible(PUBLIC_ROOMS_ARE_OPEN);
        }
        return checkModeratedBy(manager);
    }

    /** Owners and moderators keep order in a room; the moderator's membership, or a refusal. */
    public Membership checkModeratedBy(Optional<Membership> moderator) {
        moderator.ifPresent(this::requireOwn);
        return moderator.filter(Membership::canModerate)
                .orElseThrow(() -> new RuleViolation.NotPermitted(ONLY_MODERATORS));
    }

    /**
     * Whether {@code moderator} may mute, ban, remove, or lift a mute or ban of {@code target}:
     * nobody moderates the owner (the creator, member or not), and moderators moderate plain
     * members only.
     *
     * @param membership the target's membership of this room, empty when they are not in it
     */
    public Membership checkModerates(Optional<Membership> moderator, UserId target, Optional<Membership> membership) {
        Membership acting = checkModeratedBy(moderator);
        membership.ifPresent(this::requireOwn);
        if (isCreatedBy(target) || membership.map(Membership::isOwner).orElse(false)) {
            throw new RuleViolation.NotPermitted(NOBODY_MODERATES_THE_OWNER);
        }
        boolean moderatorTarget = membership.map(m -> m.role() == Membership.Role.MODERATOR).orElse(false);
        if (moderatorTarget && !acting.isOwner()) {
            throw new RuleViolation.NotPermitted(NOT_ANOTHER_MODERATOR);
        }
        return acting;
    }

    /** Only the owner names moderators; the check that comes before looking up whom. */
    public void checkRolesManagedBy(Optional<Membership> changer) {
        changer.ifPresent(this::requireOwn);
        if (!changer.map(Membership::isOwner).orElse(false)) {
            throw new RuleViolation.NotPermitted(ONLY_THE_OWNER_NAMES_ROLES);
        }
    }

    /** The owner makes a member a moderator or a moderator a member again; the changed membership. */
    public Membership changeRole(Optional<Membership> changer, Membership member, Membership.Role role) {
        checkRolesManagedBy(changer);
        requireOwn(member);
        if (member.isOwner() || isCreatedBy(member.userId())) {
            throw new RuleViolation.NotPermitted(THE_OWNERS_ROLE_STAYS);
        }
        if (role == Membership.Role.OWNER) {
            throw new RuleViolation.NotPossible(ONE_OWNER);
        }
        return new Membership(id, member.userId(), role, member.joinedAt());
    }

    /** A moderator silences a member for {@code minutes} (1 to {@value Mute#MAX_MINUTES}). */
    public Mute mute(Optional<Membership> moderator, Membership member, int minutes, Instant now) {
        Membership acting = checkModerates(moderator, member.userId(), Optional.of(member));
        Mute.checkMinutes(minutes);
        return new Mute(id, member.userId(), now.plus(Duration.ofMinutes(minutes)), acting.userId(), now);
    }

    /**
     * A moderator bans a user, member or not: a member is taken out at once, and nobody banned
     * joins or is added until the ban is lifted.
     *
     * @param membership the user's membership, empty when they are not in the room
     */
    public Ban ban(Optional<Membership> moderator, UserId user, Optional<Membership> membership, Instant now) {
        Membership acting = checkModerates(moderator, user, membership);
        return new Ban(id, user, acting.userId(), now);
    }

    /** Anyone may leave a public room; the owner of a private room may not, or nobody would manage it. */
    public void checkLeavable(Membership member) {
        requireOwn(member);
        if (isDirect()) {
            throw new RuleViolation.NotPossible(DIRECT_STAYS);
        }
        if (isPrivate && member.isOwner()) {
            throw new RuleViolation.NotPossible(THE_OWNER_STAYS);
        }
    }

    /** Who is in a private room is its owner's to decide; a public room has nobody to decide it. */
    public void checkMembersManagedBy(Optional<Membership> manager) {
        if (isDirect()) {
            throw new RuleViolation.NotPermitted(DIRECT_MEMBERS_FIXED);
        }
        if (!isPrivate) {
            throw new RuleViolation.NotPossible(PUBLIC_ROOMS_ARE_OPEN);
        }
        manager.ifPresent(this::requireOwn);
        if (manager.map(m -> !m.isOwner()).orElse(true)) {
            throw new RuleViolation.NotPermitted(ONLY_THE_OWNER_MANAGES);
        }
    }

    private Membership membershipOf(UserId user, Instant now) {
        return new Membership(id, user, isCreatedBy(user) ? Membership.Role.OWNER : Membership.Role.MEMBER, now);
    }

    private boolean isCreatedBy(UserId user) {
        return user.equals(createdBy);
    }

    private void requireOwn(Membership membership) {
        requireOwn(membership.roomId());
    }

    private void requireOwn(RoomId room) {
        if (!room.equals(id)) {
            throw new IllegalArgumentException("a membership of room " + room + ", not of " + id);
        }
    }
}
