package org.chatserver.application.service.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.notification.OfflineNotices;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;

/**
 * What posting and editing do about mentions: look up whom a text names ({@link Mentions} decides
 * what counts), record the mentions of the stored message (which moves the mentioned members'
 * counters), and after commit tell those mentioned who are offline. In a direct message the other
 * one is told of every message (one notice, not a mention besides).
 */
public final class Mentioning {

    private final UserRepository users;
    private final MentionRepository mentions;
    private final OfflineNotices notices;
    private final RoomRepository rooms;

    public Mentioning(UserRepository users, MentionRepository mentions, RoomRepository rooms, OfflineNotices notices) {
        this.rooms = rooms;
        this.users = users;
        this.mentions = mentions;
        this.notices = notices;
    }

    /**
     * Whom a text in {@code room} calls: the members of the room it names (any kind of room: a direct message names
     * nobody outside the pair), the room if its author may call the room.
     */
    public Resolved resolve(MessageText text, RoomId room, Optional<Membership> author) {
        Mentions.Candidates candidates = Mentions.candidates(text);
        List<User> found = new ArrayList<>();
        for (var name : candidates.names()) {
            users.findByUsername(name).ifPresent(found::add);
        }
        // one look-up for all those named
        Set<UserId> members = found.isEmpty() ? Set.of()
                : rooms.memberships(room, found.stream().map(User::id).toList()).keySet();
        Mentions resolved = candidates.resolve(found.stream().map(User::username).toList(), author,
                name -> found.stream().anyMatch(user -> user.username().sameAs(name) && members.contains(user.id())));
        return new Resolved(resolved, found.stream()
                .filter(u -> resolved.names(u.username()))
                .map(User::id).toList());
    }

    /** Records the stored message's mentions (in the transaction that stored it); the members called. */
    public List<RoomMember> record(Message stored, Resolved resolved) {
        if (resolved.mentions().isEmpty()) {
            return List.of();
        }
        return mentions.record(stored, resolved.ids(), resolved.mentions().room());
    }

    /** Forgets what the message mentioned before (an edit), in the transaction that changes it. */
    public void forget(Message before) {
        if (!before.mentions().isEmpty()) {
            mentions.forget(before.id());
        }
    }

    /** Who is to be told of a new message whatever it says: in a direct message, the other one. */
    public List<RoomMember> addressees(Room room, UserId author) {
        if (!room.isDirect()) {
            return List.of();
        }
        return rooms.members(room.id(), 2).stream().filter(m -> !m.userId().equals(author)).toList();
    }

    /** After commit: a notice to each member called who is offline. */
    public void notifyOffline(Message message, List<RoomMember> called) {
        notifyOffline(message, called, Notice.Kind.MENTION);
    }

    /** After commit: a notice of this kind to each of {@code recipients} who is offline. */
    public void notifyOffline(Message message, List<RoomMember> recipients, Notice.Kind kind) {
        notices.sendToOffline(recipients.stream()
                .map(m -> new Notice(kind, m.userId(), m.username(), message.roomId(), message.id(),
                        message.sender(), message.content().text().value(), message.createdAt()))
                .toList());
    }

    /** @param ids the users of {@code mentions.users()} */
    public record Resolved(Mentions mentions, List<UserId> ids) {

        public Resolved {
            ids = List.copyOf(ids);
        }
    }
}
