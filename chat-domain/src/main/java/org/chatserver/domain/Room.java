package org.chatserver.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat room. Public rooms are open to every user (joining is implicit); private rooms exist
 * only for their members, and only their owner, the creator, manages who those are.
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
     * public room; a private room only its creator, when creating it.
     */
    public Membership join(UserId user, Instant now) {
        if (isPrivate && !isCreatedBy(user)) {
            throw new RuleViolation.NotPermitted(JOINED_BY_INVITATION);
        }
        return membershipOf(user, now);
    }

    /** The owner of a private room adds a user; the new membership. */
    public Membership add(Optional<Membership> manager, UserId user, Instant now) {
        checkMembersManagedBy(manager);
        return membershipOf(user, now);
    }

    /** The owner of a private room may take out anyone but themselves. */
    public void checkRemovable(Optional<Membership> manager, Membership member) {
        checkMembersManagedBy(manager);
        checkLeavable(member);
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
        if (!membership.roomId().equals(id)) {
            throw new IllegalArgumentException("a membership of room " + membership.roomId() + ", not of " + id);
        }
    }
}
