package org.chatserver.application.contract;

import java.time.Instant;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * The chat repositories of one implementation over one fresh, empty store (no rooms, no users), and a
 * way to run work in that store's transactions. Shared by the room, message and reaction contracts,
 * which need each other's data (a message needs a room and a sender).
 */
public record ChatStores(UserRepository users, RoomRepository rooms, MessageRepository messages,
                         ReactionRepository reactions, Transactions transactions, MentionRepository mentions) {

    static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456789Z");
    static final Instant T0_MILLIS = Instant.parse("2026-11-02T10:15:30.123Z");

    UserId user(String name) {
        return users.create(new Username(name), new PasswordHash("hash-of-" + name), T0).orElseThrow().id();
    }

    Room publicRoom(String name, Instant createdAt) {
        return rooms.create(new RoomName(name), false, null, createdAt).orElseThrow();
    }

    Room privateRoom(String name, UserId owner, Instant createdAt) {
        return rooms.create(new RoomName(name), true, owner, createdAt).orElseThrow();
    }

    Message post(RoomId room, UserId sender, String text) {
        return post(room, sender, text, T0);
    }

    Message post(RoomId room, UserId sender, String text, Instant now) {
        return messages.append(room, sender, text(text), null, now).message();
    }

    /** An ordinary member's membership, as joining or being added gives it. */
    static Membership member(RoomId room, UserId user, Instant joinedAt) {
        return new Membership(room, user, Membership.Role.MEMBER, joinedAt);
    }

    static MessageDraft text(String text) {
        return new MessageDraft(new MessageText(text), MessageType.TEXT, null);
    }
}
