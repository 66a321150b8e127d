package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.service.room.UnreadTally.Outcome;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** The counts a stream keeps of one room, at the edges the stream tests do not reach. */
class UnreadTallyTest {

    private static final UserId BOB = new UserId(2);
    private static final Username BOB_NAME = new Username("bob");
    private final UnreadTally tally = new UnreadTally(BOB, BOB_NAME);

    private static Message fromAlice(long id, boolean mentionsBob) {
        return new Message(new MessageId(id), new RoomId(1), new UserId(1), new Username("alice"),
                new MessageDraft(new MessageText("m" + id), MessageType.TEXT, null), null, Instant.EPOCH, null, false,
                null, 0, mentionsBob ? new Mentions(List.of(BOB_NAME), false) : Mentions.NONE);
    }

    @Test
    void beyondTheMessagesItRemembersTheOldestIsFoldedIntoTheBasisStillCountedAndItsChangeAsksTheStore() {
        tally.rebase(null, new MessageId(10), 3, 0);
        long first = 11;
        long last = first + UnreadTally.MAX_TRACKED;
        for (long id = first; id <= last; id++) {
            assertThat(tally.posted(fromAlice(id, id == first))).isEqualTo(Outcome.CHANGED);
        }

        assertThat(tally.unread()).isEqualTo(3 + UnreadTally.MAX_TRACKED + 1);
        assertThat(tally.mentions()).isEqualTo(1);
        assertThat(tally.deleted(new MessageId(first))).as("folded: which ones mention bob is the store's to say")
                .isEqualTo(Outcome.RECOUNT);
        assertThat(tally.deleted(new MessageId(last))).isEqualTo(Outcome.CHANGED);
        assertThat(tally.unread()).isEqualTo(3 + UnreadTally.MAX_TRACKED);
    }

    @Test
    void aBasisTakenBeforeADeliveredMessageWasDeletedAsksTheStoreAgain() {
        tally.rebase(null, null, 0, 0);
        tally.posted(fromAlice(5, true));
        assertThat(tally.deleted(new MessageId(5))).isEqualTo(Outcome.CHANGED);

        // a read's counts taken while message 5 was there still count it: they are stale
        assertThat(tally.rebase(new MessageId(4), new MessageId(5), 1, 1)).isTrue();
        assertThat(tally.rebase(new MessageId(5), new MessageId(5), 0, 0)).as("nothing changed since").isFalse();
    }

    @Test
    void countsTakenBeforeTheOnesInHandAreNotTakenAndTheStoreIsAskedWhenTheyKnowOfANewerRead() {
        tally.rebase(new MessageId(10), new MessageId(20), 4, 1);
        tally.posted(fromAlice(21, false));

        assertThat(tally.rebase(new MessageId(10), new MessageId(15), 2, 0)).as("nothing new in them").isFalse();
        assertThat(tally.unread()).isEqualTo(5);
        assertThat(tally.mentions()).isEqualTo(1);
        assertThat(tally.rebase(new MessageId(12), new MessageId(15), 1, 0)).as("a read the counts in hand miss")
                .isTrue();
        assertThat(tally.unread()).isEqualTo(5);

        tally.rebase(new MessageId(21), new MessageId(21), 0, 0);
        assertThat(tally.unread()).isZero();
        assertThat(tally.rebase(new MessageId(20), new MessageId(21), 1, 0)).as("an earlier read of the same messages")
                .isFalse();
        assertThat(tally.unread()).isZero();
    }

    @Test
    void theUsersOwnMessagesAndMessagesAtOrBeforeTheReadPositionNeverCount() {
        tally.rebase(new MessageId(8), new MessageId(8), 0, 0);
        Message own = new Message(new MessageId(9), new RoomId(1), BOB, BOB_NAME,
                new MessageDraft(new MessageText("mine"), MessageType.TEXT, null), null, Instant.EPOCH);

        assertThat(tally.posted(own)).isEqualTo(Outcome.UNCHANGED);
        assertThat(tally.posted(fromAlice(7, true))).isEqualTo(Outcome.UNCHANGED);
        assertThat(tally.edited(fromAlice(7, true))).isEqualTo(Outcome.UNCHANGED);
        assertThat(tally.deleted(new MessageId(7))).isEqualTo(Outcome.UNCHANGED);
        assertThat(tally.unread()).isZero();
    }
}
