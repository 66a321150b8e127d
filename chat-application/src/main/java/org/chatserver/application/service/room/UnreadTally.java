package org.chatserver.application.service.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * One user's unread and mention counts of one room as a stream ({@link WatchUserService}) keeps them
 * between reads of the store, without a query per message and without a row per message and reader.
 *
 * <p>A <em>basis</em> is the counts as the store gave them (the room list at connect, a read's
 * counts, a recount), with the user's read position then and the room's newest message then: every
 * message up to it is in the basis, none after it. Others' messages delivered after it are counted
 * one by one and remembered (their id, and whether they mention the user) until a later basis covers
 * them. That memory is what makes the counts exact:
 * <ul>
 * <li>a basis taken before a message was delivered but applied after it (a read racing a post: the
 *     read's counts were taken, the post committed and was delivered, then the read's counts arrived)
 *     keeps counting the delivered messages it does not cover;</li>
 * <li>a delivered message deleted, or edited to mention the user or no longer to, moves the counts
 *     at once, with nothing read;</li>
 * <li>a message the basis covers, deleted or edited while it is after the read position, asks for a
 *     {@link Outcome#RECOUNT recount} (one query of the room's counts), since which messages the
 *     basis counted is not known here. The common case, a message changed soon after it was posted,
 *     is a delivered one.</li>
 * </ul>
 * Counts that arrive after counts taken later than them (two reads' events, or a read's and a
 * recount's, crossing on the way) are not taken: they would drop what was counted since; when they
 * carry a read position the counts in hand do not know, the store is asked again.
 *
 * <p>At most {@value #MAX_TRACKED} delivered messages are remembered: past that the oldest is folded
 * into the basis (still counted; a change of it asks for a recount). The counts can then be off only
 * when a basis arrives that was taken before more than {@value #MAX_TRACKED} later messages were
 * delivered, until the next read, recount or connection.
 *
 * <p>Not thread-safe: its stream calls it under its lock.
 */
final class UnreadTally {

    /** Delivered messages remembered beyond the basis. */
    static final int MAX_TRACKED = 256;
    /** Delivered messages whose count moved since the basis, remembered to check the next basis. */
    private static final int MAX_ADJUSTED = 32;

    /** What a delivered change did to the counts. */
    enum Outcome {
        UNCHANGED,
        CHANGED,
        /** The change may have moved counts that only the store knows: read them again. */
        RECOUNT
    }

    private final UserId user;
    private final Username username;
    private long baseUnread;
    private long baseMentions;
    /** The user's read position at the basis. */
    private MessageId readPosition;
    /** The newest message the basis covers (and delivered messages folded into it). */
    private MessageId covered;
    /** Others' messages delivered after the basis, not deleted since: whether each mentions the user. */
    private final NavigableMap<MessageId, Boolean> delivered = new TreeMap<>();
    private long deliveredMentions;
    /** The newest message counted or covered: a post at or below it is not counted again. */
    private MessageId countedUpTo;
    /** Delivered messages whose count a deletion or edit moved since the basis. */
    private final List<MessageId> adjusted = new ArrayList<>();
    private boolean adjustedOverflow;

    UnreadTally(UserId user, Username username) {
        this.user = user;
        this.username = username;
    }

    long unread() {
        return baseUnread + delivered.size();
    }

    long mentions() {
        return baseMentions + deliveredMentions;
    }

    /**
     * Counts from the store: the user's read position then, the room's newest message then (null:
     * none), and the counts up to it. Delivered messages after it stay counted. Whether the store
     * should be asked again: a delivered message the basis covers was deleted or edited meanwhile, and
     * the basis may have been taken before that.
     */
    boolean rebase(MessageId lastRead, MessageId latest, long unread, long mentions) {
        if (olderThanTheBasis(lastRead, latest)) {
            // taken before the counts in hand (they arrived out of order): taking them would drop what
            // was counted since; the store is asked only when they know of a read the others do not
            return lastRead != null && isAfter(lastRead, readPosition);
        }
        boolean stale = adjustedOverflow
                || adjusted.stream().anyMatch(id -> isAfter(id, lastRead) && latest != null && id.compareTo(latest) <= 0);
        adjusted.clear();
        adjustedOverflow = false;
        baseUnread = unread;
        baseMentions = mentions;
        readPosition = lastRead;
        covered = latest;
        if (latest != null) {
            Map<MessageId, Boolean> now = delivered.headMap(latest, true);
            deliveredMentions -= now.values().stream().filter(Boolean::booleanValue).count();
            now.clear();
            countedUpTo = newer(countedUpTo, latest);
        }
        return stale;
    }

    /**
     * Counts taken before the basis in hand: they cover fewer messages, or as many with an earlier read
     * position. (Folding delivered messages moves what the basis covers too; counts taken between are
     * then refused as well, and a read they carry is fetched again.)
     */
    private boolean olderThanTheBasis(MessageId lastRead, MessageId latest) {
        if (covered == null) {
            return false;
        }
        int order = latest == null ? -1 : latest.compareTo(covered);
        return order < 0 || order == 0 && readPosition != null
                && (lastRead == null || lastRead.compareTo(readPosition) < 0);
    }

    Outcome posted(Message message) {
        MessageId id = message.id();
        if (message.senderId().equals(user) || message.deleted()
                || countedUpTo != null && id.compareTo(countedUpTo) <= 0) {
            return Outcome.UNCHANGED;
        }
        countedUpTo = id;
        if (!isAfter(id, readPosition)) {
            // read already (a read up to a message the stream had not delivered yet)
            return Outcome.UNCHANGED;
        }
        boolean mentioned = mentionsUser(message);
        delivered.put(id, mentioned);
        if (mentioned) {
            deliveredMentions++;
        }
        if (delivered.size() > MAX_TRACKED) {
            var oldest = delivered.pollFirstEntry();
            baseUnread++;
            if (oldest.getValue()) {
                deliveredMentions--;
                baseMentions++;
            }
            covered = newer(covered, oldest.getKey());
        }
        return Outcome.CHANGED;
    }

    Outcome deleted(MessageId id) {
        Boolean mentioned = delivered.remove(id);
        if (mentioned != null) {
            if (mentioned) {
                deliveredMentions--;
            }
            adjusted(id);
            return Outcome.CHANGED;
        }
        return coversUnread(id) && baseUnread > 0 ? Outcome.RECOUNT : Outcome.UNCHANGED;
    }

    Outcome edited(Message message) {
        if (message.senderId().equals(user) || message.deleted()) {
            return Outcome.UNCHANGED;
        }
        MessageId id = message.id();
        boolean mentioned = mentionsUser(message);
        Boolean before = delivered.get(id);
        if (before != null) {
            if (before == mentioned) {
                return Outcome.UNCHANGED;
            }
            delivered.put(id, mentioned);
            deliveredMentions += mentioned ? 1 : -1;
            adjusted(id);
            return Outcome.CHANGED;
        }
        // a mention added, or perhaps one taken away: which covered messages mention the user is not known here
        return coversUnread(id) && (mentioned || baseMentions > 0) ? Outcome.RECOUNT : Outcome.UNCHANGED;
    }

    private boolean mentionsUser(Message message) {
        return message.mentions().room() || message.mentions().names(username);
    }

    /** The basis covers the message, and it is after the read position: the basis counted it if it counts. */
    private boolean coversUnread(MessageId id) {
        return covered != null && id.compareTo(covered) <= 0 && isAfter(id, readPosition);
    }

    private void adjusted(MessageId id) {
        if (adjusted.size() < MAX_ADJUSTED) {
            adjusted.add(id);
        } else {
            adjustedOverflow = true;
        }
    }

    private static boolean isAfter(MessageId id, MessageId position) {
        return position == null || id.compareTo(position) > 0;
    }

    private static MessageId newer(MessageId a, MessageId b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }
}
