package org.chatserver.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message. It decides who may change it: its author edits it, its author or the room's
 * owner and moderators delete it, owners and moderators pin it. A deleted message stays in its room
 * as a tombstone: no text, no file.
 *
 * @param clientId   the sender's own id for the message, if it sent one: a resend with the same one
 *                   is the same message
 * @param editedAt   when its text last changed, null until then
 * @param replyTo    the message it answers, as it looks now; null when it answers none
 * @param replyCount how many messages (not deleted) answer it
 * @param mentions   whom its text calls ({@link Mentions}); none once deleted
 */
public record Message(MessageId id, RoomId roomId, UserId senderId, Username sender, MessageDraft content,
                      String clientId, Instant createdAt, Instant editedAt, boolean deleted,
                      MessageReference replyTo, int replyCount, Mentions mentions) {

    static final String ONLY_THE_AUTHOR_EDITS = "Only the author of a message can edit it";
    static final String ONLY_AUTHOR_OR_MODERATOR_DELETES =
            "Only the author of a message, or the room's owner or a moderator, can delete it";
    static final String ONLY_MODERATORS_PIN = "Only the room's owner or a moderator can pin or unpin messages";
    static final String DELETED = "This message was deleted";
    static final String NO_REPLY_TO_DELETED = "A deleted message cannot be replied to";

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        if (deleted && !content.equals(MessageDraft.REMOVED)) {
            throw new IllegalArgumentException("a deleted message keeps no text and no file");
        }
        if (!deleted && content.text().isBlank() && content.attachment() == null) {
            // only a tombstone shows nothing
            throw new IllegalArgumentException("a message that is not deleted has text or a file");
        }
        if (replyCount < 0) {
            throw new IllegalArgumentException("replyCount must not be negative");
        }
        mentions = mentions == null ? Mentions.NONE : mentions;
        if (deleted && !mentions.isEmpty()) {
            throw new IllegalArgumentException("a deleted message mentions nobody");
        }
    }

    /** A message mentioning nobody. */
    public Message(MessageId id, RoomId roomId, UserId senderId, Username sender, MessageDraft content,
                   String clientId, Instant createdAt, Instant editedAt, boolean deleted,
                   MessageReference replyTo, int replyCount) {
        this(id, roomId, senderId, sender, content, clientId, createdAt, editedAt, deleted, replyTo, replyCount,
                Mentions.NONE);
    }

    /** The same message calling {@code mentions}: what its (new) text mentions, once looked up. */
    public Message withMentions(Mentions mentions) {
        return new Message(id, roomId, senderId, sender, content, clientId, createdAt, editedAt, deleted, replyTo,
                replyCount, mentions);
    }

    /** A message as it was posted: not edited, not deleted, answering nothing, unanswered. */
    public Message(MessageId id, RoomId roomId, UserId senderId, Username sender, MessageDraft content,
                   String clientId, Instant createdAt) {
        this(id, roomId, senderId, sender, content, clientId, createdAt, null, false, null, 0);
    }

    /**
     * The message with a new text, edited by {@code editor} at {@code now}. Only its author may, not
     * once it is deleted, and, with an edit window, only that long after posting. The text it has already
     * leaves it as it is: this message itself, not marked edited.
     *
     * @param window how long after posting a message may be edited; null: any time
     */
    public Message edit(UserId editor, MessageText text, Instant now, Duration window) {
        if (deleted) {
            throw new RuleViolation.Conflict(DELETED);
        }
        if (!senderId.equals(editor)) {
            throw new RuleViolation.NotPermitted(ONLY_THE_AUTHOR_EDITS);
        }
        if (window != null && now.isAfter(createdAt.plus(window))) {
            throw new RuleViolation.NotPossible("Messages can be edited only within " + describe(window)
                    + " of posting");
        }
        if (content.text().equals(text)) {
            // the same text saved again: nothing changed, so nothing is marked edited, kept or told
            return this;
        }
        MessageDraft edited = content.withText(text);
        if (edited.equals(content)) {
            // a file's caption that shows nothing replaced by another such: still no caption, so no edit either
            return this;
        }
        // the mentions of the old text, until the caller looked up the new one's (withMentions)
        return new Message(id, roomId, senderId, sender, edited, clientId, createdAt, now, false,
                replyTo, replyCount, mentions);
    }

    /**
     * What is left once {@code actor} deleted it: a tombstone without text, file or edit time. Its author
     * may, and the room's owner and moderators (their {@code membership}).
     */
    public Message delete(UserId actor, Optional<Membership> membership) {
        membership.ifPresent(this::requireOfThisRoom);
        if (deleted) {
            throw new RuleViolation.Conflict(DELETED);
        }
        if (!senderId.equals(actor) && membership.map(m -> !m.canModerate()).orElse(true)) {
            throw new RuleViolation.NotPermitted(ONLY_AUTHOR_OR_MODERATOR_DELETES);
        }
        return new Message(id, roomId, senderId, sender, MessageDraft.REMOVED, clientId, createdAt, null, true,
                replyTo, replyCount);
    }

    /** Whether the caller deleting it is someone else than its author (a moderator's deletion). */
    public boolean isModeratedBy(UserId actor) {
        return !senderId.equals(actor);
    }

    /** A deleted message takes no reactions. */
    public void checkReactable() {
        if (deleted) {
            throw new RuleViolation.Conflict(DELETED);
        }
    }

    /** Pinning and unpinning are for the room's owner and moderators, and never of a deleted message. */
    public void checkPinnableBy(Optional<Membership> membership) {
        membership.ifPresent(this::requireOfThisRoom);
        if (membership.map(m -> !m.canModerate()).orElse(true)) {
            throw new RuleViolation.NotPermitted(ONLY_MODERATORS_PIN);
        }
        if (deleted) {
            throw new RuleViolation.Conflict(DELETED);
        }
    }

    /**
     * This message as a reply to it shows it. A new reply must be in the same room (else
     * {@link InvalidValueException} naming {@code reply to}) and the message not deleted.
     */
    public MessageReference acceptReply(RoomId replyRoom) {
        if (!roomId.equals(replyRoom)) {
            throw new InvalidValueException("reply to", "{} must be a message of the same room");
        }
        if (deleted) {
            throw new RuleViolation.Conflict(NO_REPLY_TO_DELETED);
        }
        return asReference();
    }

    /**
     * This message, stored before under the client id of a post to {@code room}, as the answer to that post: a resend
     * of it. A client id is its author's over all rooms, so one used again in another room is no resend but another
     * message, and answering it with this one would lose it without a word ({@link InvalidValueException} naming
     * {@code client id}).
     */
    public Message resentTo(RoomId room) {
        if (!roomId.equals(room)) {
            throw new InvalidValueException("client id", "{} was used for a message of another room: give each message "
                    + "its own");
        }
        return this;
    }

    public MessageReference asReference() {
        return new MessageReference(id, sender, content.text().value());
    }

    private void requireOfThisRoom(Membership membership) {
        if (!membership.roomId().equals(roomId)) {
            throw new IllegalArgumentException("a membership of room " + membership.roomId() + ", not of " + roomId);
        }
    }

    private static String describe(Duration window) {
        long minutes = window.toMinutes();
        if (minutes > 0 && window.equals(Duration.ofMinutes(minutes))) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long seconds = window.toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
