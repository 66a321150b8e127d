package org.chatserver.application.port.out.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;

public interface MessageRepository {

    /**
     * Stores a message. Appends to one room are serialised until commit, so within a room ids
     * grow in commit order and {@code previous} is the message right before this one. When the
     * sender already stored a message with the same non-null {@code clientId}, nothing is
     * stored and that message comes back with {@code created = false}.
     */
    default Appended append(RoomId room, UserId sender, MessageDraft draft, String clientId, Instant now) {
        return append(room, sender, draft, null, clientId, now);
    }

    /**
     * As above, for a message that answers {@code replyTo} (null: none), a message of the same room:
     * that message's reply count grows with it.
     */
    default Appended append(RoomId room, UserId sender, MessageDraft draft, MessageId replyTo, String clientId,
                            Instant now) {
        return append(room, sender, draft, Mentions.NONE, replyTo, clientId, now);
    }

    /** As above, for a message whose text calls {@code mentions} (kept with it, and shown with it). */
    Appended append(RoomId room, UserId sender, MessageDraft draft, Mentions mentions, MessageId replyTo,
                    String clientId, Instant now);

    /**
     * Stores several messages to one room, in order, exactly as {@link #append} would one after another in
     * the caller's transaction (ids grow in list order, each names the one before it, a repeated or already
     * stored {@code clientId} of the same sender stores nothing and answers the first message), with fewer
     * statements where the store allows: the group commit of {@code PostMessageService}. One answer per
     * message, in order.
     */
    default List<Appended> appendAll(RoomId room, List<NewMessage> batch, Instant now) {
        return batch.stream()
                .map(m -> append(room, m.sender(), m.draft(), m.mentions(), m.replyTo(), m.clientId(), now))
                .toList();
    }

    Optional<Message> findById(MessageId id);

    /** The message the sender stored with this client id, if any (a client id is the sender's, across rooms). */
    Optional<Message> findByClientId(UserId sender, String clientId);

    /** The messages of these ids that exist, in no particular order: one query for a page of changes. */
    List<Message> findByIds(Collection<MessageId> ids);

    /** The newest {@code limit} messages older than {@code before} (null: of all), oldest first. */
    List<Message> pageBefore(RoomId room, MessageId before, int limit);

    /** The oldest {@code limit} messages newer than {@code after} (null: from the start), oldest first. */
    List<Message> pageAfter(RoomId room, MessageId after, int limit);

    Optional<MessageId> latestId(RoomId room);

    /**
     * Messages of the room with {@code after < id <= upTo} (after null: from the start) not sent by {@code notFrom}
     * and not deleted: what a reader had unread there.
     */
    long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom);

    /**
     * Stores an edit: {@code edited}'s text, type, mentions and edit time replace the stored ones, and the stored
     * text is kept as an earlier version, replaced at {@code edited.editedAt()}. False, storing nothing,
     * when the message was deleted in the meantime (by a transaction that committed after the caller
     * read it).
     */
    boolean storeEdit(Message before, Message edited);

    /** The earlier texts of a message, oldest first; none once it is deleted. */
    List<MessageVersion> versions(MessageId id);

    /**
     * Makes the message the tombstone {@code deleted}: its text (and so what search finds) and file are
     * gone, with its earlier versions and its pin; it no longer counts as a reply of its parent.
     */
    void storeDeletion(Message deleted);

    /** Whether a message that is not deleted still carries the file stored under this name. */
    boolean carriesFile(String fileName);

    /** Every message that carries the file stored under this name shows its size as {@code size} from now on. */
    void recordFileSize(String fileName, long size);

    /** The newest {@code limit} replies to {@code parent} older than {@code before} (null: of all), oldest first. */
    List<Message> repliesBefore(MessageId parent, MessageId before, int limit);

    /** The oldest {@code limit} replies to {@code parent} newer than {@code after} (null: from the start), oldest first. */
    List<Message> repliesAfter(MessageId parent, MessageId after, int limit);

    /** Pins the message (by {@code by}, at {@code now}); false when it was pinned already, or is deleted. */
    boolean pin(MessageId id, UserId by, Instant now);

    /** Unpins the message; false when it was not pinned. */
    boolean unpin(MessageId id);

    /** The room's pinned messages, the newest pin first, at most {@code limit}. */
    List<PinnedMessage> pins(RoomId room, int limit);

    /**
     * {@link #pins}, read to change them: under the room's lock, held until the caller's transaction ends as
     * {@link #recordChange} holds it, so no pin or unpin of the room lands between this read and the caller's commit.
     */
    List<PinnedMessage> pinsToChange(RoomId room, int limit);

    /**
     * Takes the room's lock as {@link #recordChange} does, held until the caller's transaction ends: what the caller
     * reads of the room's messages after it, no other change of the room alters before the caller commits. For a
     * change that depends on what is there now (taking back the reaction a user has).
     */
    void lockToChange(RoomId room);

    /**
     * Adds a change to the room's log. Changes to one room are serialised until commit, as appends
     * are, so within a room change ids grow in commit order; the mark names the room's change before
     * this one.
     */
    RoomChange.Mark recordChange(RoomId room, RoomChange.Kind kind, MessageId message, UserId actor,
                                 ReactionType reaction, Instant now);

    /**
     * A batch of posts as the group commit of {@code PostMessageService} stores them, in the caller's transaction:
     * {@link #appendAll}, and for each message it stored a {@link RoomChange.Kind#POSTED} change by its sender, in
     * order, after the room's last change (as {@link #recordChange} would one after another), with fewer statements
     * where the store allows. One answer per message, in order; a message stored before (a resend) gets no change.
     */
    default List<StoredPost> storePosts(RoomId room, List<NewMessage> batch, Instant now) {
        List<StoredPost> stored = new ArrayList<>(batch.size());
        for (Appended a : appendAll(room, batch, now)) {
            stored.add(new StoredPost(a, a.created()
                    ? recordChange(room, RoomChange.Kind.POSTED, a.message().id(), a.message().senderId(), null, now)
                    : null));
        }
        return stored;
    }

    /** The oldest {@code limit} changes of the room after {@code after} (null: from the start), in order. */
    List<RoomChange> changesAfter(RoomId room, ChangeId after, int limit);

    Optional<ChangeId> latestChange(RoomId room);

    /**
     * {@link #latestChange} of each of these rooms, for a cross-node fan-out that looks now and then whether its
     * watched rooms' logs hold changes no event brought; rooms without a change are left out. A store answers in
     * one statement (or one per some hundreds of rooms) where it can.
     */
    default Map<RoomId, ChangeId> latestChanges(Collection<RoomId> rooms) {
        Map<RoomId, ChangeId> latest = new HashMap<>();
        for (RoomId room : rooms) {
            latestChange(room).ifPresent(change -> latest.put(room, change));
        }
        return latest;
    }

    /** The room whose change this is; empty when there is no such change. */
    Optional<RoomId> roomOfChange(ChangeId change);

    /**
     * The change a client has seen when the last message it has seen is {@code message}: the newest post
     * of the room at or before that message, empty when there is none. Lets a client that resumes by
     * message id (as before the log) resume in the log.
     */
    Optional<ChangeId> changeOfPostAtOrBefore(RoomId room, MessageId message);

    /**
     * A message to store with {@link #appendAll}: what {@link #append} takes besides the room and the time.
     *
     * @param replyTo  the message of the same room it answers, or null
     * @param clientId the sender's own id for it, or null
     */
    record NewMessage(UserId sender, MessageDraft draft, Mentions mentions, MessageId replyTo, String clientId) {

        public NewMessage {
            if (sender == null || draft == null || mentions == null) {
                throw new IllegalArgumentException("a new message needs a sender, a draft and its mentions");
            }
        }
    }

    /** @param previous the room's message before this one, null for the first */
    record Appended(Message message, MessageId previous, boolean created) {
    }

    /** @param mark the post's change in the room's log; null when nothing was stored ({@code appended} not created) */
    record StoredPost(Appended appended, RoomChange.Mark mark) {
    }
}
