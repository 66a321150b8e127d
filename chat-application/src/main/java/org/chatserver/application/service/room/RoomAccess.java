package org.chatserver.application.service.room;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.Ban;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mute;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;

/**
 * Loads a room with the caller's membership, so that the room can decide what the caller may do
 * ({@link Room#isVisibleTo}, {@link Room#join}, ...). A room the caller may not see is not found,
 * exactly like a missing one, so its existence does not leak.
 */
public final class RoomAccess {

    private static final int KNOWN_ROOMS = 10_000;

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final Map<RoomId, Room> known = new ConcurrentHashMap<>();

    public RoomAccess(RoomRepository rooms, MessageRepository messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    /** A room the caller can see, and their membership in it (empty for a public room they have not joined). */
    public record Visit(Room room, Optional<Membership> membership) {
    }

    /** The room and the caller's membership; {@link NotFoundException} when it is missing or hidden from them. */
    public Visit visit(AuthenticatedUser caller, RoomId id) {
        return find(caller, id).orElseThrow(() -> new NotFoundException(Room.NOT_FOUND));
    }

    /** As {@link #visit}, empty instead of a refusal. */
    public Optional<Visit> find(AuthenticatedUser caller, RoomId id) {
        return room(id).flatMap(room -> visibleOnly(caller, room));
    }

    public Room visibleRoom(AuthenticatedUser caller, RoomId id) {
        return visit(caller, id).room();
    }

    public Room requireVisible(AuthenticatedUser caller, Room room) {
        return visibleOnly(caller, room).orElseThrow(() -> new NotFoundException(Room.NOT_FOUND)).room();
    }

    /**
     * A membership the caller has, with the news of it to publish after commit when it began just now.
     *
     * @param added empty when they were a member already
     */
    public record Joined(Membership membership, Optional<UserEvent.RoomAdded> added) {
    }

    /**
     * The caller's membership, joining the room first if they are not in it yet (a public room, by
     * posting, reading or watching it). Call in a transaction.
     */
    public Joined join(Visit visit, UserId user, Instant now) {
        if (visit.membership().isPresent()) {
            return new Joined(visit.membership().get(), Optional.empty());
        }
        Membership joined = visit.room().join(user, rooms.findBan(visit.room().id(), user), now);
        return new Joined(joined, admit(joined));
    }

    /**
     * Makes the user a member if they are not one yet; the news of it to publish after commit, empty when they
     * were one already. Call in a transaction.
     */
    public Optional<UserEvent.RoomAdded> ensureMember(Room room, UserId user, Instant now) {
        return rooms.membership(room.id(), user).isEmpty()
                ? admit(room.join(user, rooms.findBan(room.id(), user), now))
                : Optional.empty();
    }

    /** The user's membership of the room, empty when they are not in it. */
    public Optional<Membership> membership(RoomId room, UserId user) {
        return rooms.membership(room, user);
    }

    /** Whether the user is muted in the room at {@code now}: their posts would be refused. */
    public boolean isMuted(RoomId room, UserId user, Instant now) {
        return rooms.findMute(room, user).filter(mute -> mute.isActiveAt(now)).isPresent();
    }

    /** Refuses the post of a member who is muted in the room. Call in the posting transaction. */
    public void checkMayPost(RoomId room, UserId user, Instant now) {
        rooms.findMute(room, user).ifPresent(mute -> mute.checkMayPost(now));
    }

    /**
     * Refuses a user banned from a room they can see (a public room), as posting to it, joining it or changing its
     * messages does; nothing for a room they cannot see, which is not found for them. Call in a transaction.
     */
    public void refuseIfBanned(AuthenticatedUser caller, RoomId room) {
        find(caller, room).ifPresent(visit -> checkMayChange(room, caller.userId()));
    }

    /**
     * Refuses a change to a message of the room (an edit, a reaction) by a user banned from it: a public room's
     * history stays readable to them, and that is all. Call in the changing transaction.
     */
    public void checkMayChange(RoomId room, UserId user) {
        rooms.findBan(room, user).ifPresent(Ban::refuseChange);
    }

    /**
     * The standing of several authors in one room, read with one look-up of their memberships and one of
     * their mutes instead of two a post (a batch of posts to a busy room). Call in the posting transaction
     * and use within it; not thread-safe.
     */
    public Authors authors(RoomId room, Collection<UserId> users) {
        return new Authors(room(room), rooms.memberships(room, users), rooms.findMutes(room, users));
    }

    /** What {@link #visit}, {@link #checkMayPost} and {@link #join} decide, for authors read together. */
    public final class Authors {
        private final Optional<Room> room;
        private final Map<UserId, Membership> memberships;
        private final Map<UserId, Mute> mutes;

        private Authors(Optional<Room> room, Map<UserId, Membership> memberships, Map<UserId, Mute> mutes) {
            this.room = room;
            this.memberships = new HashMap<>(memberships);
            this.mutes = mutes;
        }

        /** As {@link RoomAccess#visit}: the room and the author's membership, or not found. */
        public Visit visit(AuthenticatedUser author) {
            return room.flatMap(found -> visitIfVisible(found, Optional.ofNullable(memberships.get(author.userId()))))
                    .orElseThrow(() -> new NotFoundException(Room.NOT_FOUND));
        }

        /** As {@link RoomAccess#checkMayPost}. */
        public void checkMayPost(UserId author, Instant now) {
            Mute mute = mutes.get(author);
            if (mute != null) {
                mute.checkMayPost(now);
            }
        }

        /** As {@link RoomAccess#join}; the author's next post of the batch finds them a member. */
        public Joined join(Visit visit, UserId author, Instant now) {
            Joined joined = RoomAccess.this.join(visit, author, now);
            memberships.put(author, joined.membership());
            return joined;
        }
    }

    /**
     * Stores a new membership. A new member starts with everything before them read, so unread
     * counts never have to count a whole history. The news of it to publish after commit, with where the
     * room's change log stands (in this transaction, before anything it posts: every change committed
     * after it comes later in the log, so the member's streams carry all of them); empty when they were a
     * member already.
     */
    public Optional<UserEvent.RoomAdded> admit(Membership membership) {
        if (!rooms.addMember(membership)) {
            return Optional.empty();
        }
        messages.latestId(membership.roomId())
                .ifPresent(latest -> rooms.advanceLastRead(membership.roomId(), membership.userId(), latest,
                        membership.joinedAt()));
        return Optional.of(new UserEvent.RoomAdded(membership.userId(), membership.roomId(),
                new UserEvent.RoomAdded.Since(messages.latestChange(membership.roomId()).orElse(null))));
    }

    private Optional<Visit> visibleOnly(AuthenticatedUser caller, Room room) {
        return visitIfVisible(room, rooms.membership(room.id(), caller.userId()));
    }

    /** The one rule of who sees a room, for one caller or for the authors of a batch. */
    private static Optional<Visit> visitIfVisible(Room room, Optional<Membership> membership) {
        return room.isVisibleTo(membership) ? Optional.of(new Visit(room, membership)) : Optional.empty();
    }

    /**
     * A room by id, remembered: rooms never change once created (there is no rename or delete),
     * and every message posted looks its room up. Bounded; past the bound it starts over.
     */
    private Optional<Room> room(RoomId id) {
        Room room = known.get(id);
        if (room == null) {
            Optional<Room> found = rooms.findById(id);
            if (found.isEmpty()) {
                return found;
            }
            room = found.get();
            if (known.size() >= KNOWN_ROOMS) {
                known.clear();
            }
            known.put(id, room);
        }
        return Optional.of(room);
    }
}
