package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.application.contract.ChatStores.T0_MILLIS;
import static org.chatserver.application.contract.ChatStores.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.out.message.MessageRepository.Appended;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.application.port.out.message.MessageRepository.StoredPost;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageRepository} must do. Extend it once per implementation (in-memory fake, SQLite,
 * PostgreSQL). Instants are kept to the millisecond, as in {@link UserRepositoryContract}.
 */
public abstract class MessageRepositoryContract {

    private static final int THREADS = 8;

    private ChatStores stores;
    private MessageRepository messages;
    private UserId alice;
    private UserId bob;
    private Room room;
    private Room other;

    /** Called once before each test. */
    protected abstract ChatStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
        messages = stores.messages();
        alice = stores.user("alice");
        bob = stores.user("bob");
        room = stores.publicRoom("room", T0);
        other = stores.publicRoom("other", T0);
    }

    @Test
    void appendedMessageIsFoundById() {
        var appended = messages.append(room.id(), alice, text("hello"), "c-1", T0);

        var message = appended.message();
        assertThat(appended.created()).isTrue();
        assertThat(appended.previous()).isNull();
        assertThat(message.id().value()).isPositive();
        assertThat(message.roomId()).isEqualTo(room.id());
        assertThat(message.senderId()).isEqualTo(alice);
        assertThat(message.sender()).isEqualTo(new Username("alice"));
        assertThat(message.content()).isEqualTo(text("hello"));
        assertThat(message.clientId()).isEqualTo("c-1");
        assertThat(message.createdAt()).isEqualTo(T0_MILLIS);
        assertThat(messages.findById(message.id())).contains(message);
        assertThat(messages.findById(new MessageId(987_654_321L))).isEmpty();
    }

    @Test
    void idsGrowAndEachMessageNamesThePreviousOneOfItsOwnRoom() {
        List<Appended> inRoom = new ArrayList<>();
        List<Appended> inOther = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inRoom.add(messages.append(room.id(), alice, text("r" + i), null, T0));
            inOther.add(messages.append(other.id(), bob, text("o" + i), null, T0));
            if (i % 2 == 0) {
                inRoom.add(messages.append(room.id(), bob, text("r" + i + "b"), null, T0));
            }
        }

        assertThat(inRoom).extracting(a -> a.message().id()).isSorted();
        assertThat(inOther).extracting(a -> a.message().id()).isSorted();
        assertChain(inRoom);
        assertChain(inOther);
    }

    @Test
    void resendWithTheSameClientIdIsTheSameMessage() {
        var first = messages.append(room.id(), alice, text("hello"), "c-1", T0);
        messages.append(room.id(), bob, text("in between"), null, T0);

        var again = messages.append(room.id(), alice, text("hello, edited"), "c-1", T0.plusSeconds(5));

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(messages.pageAfter(room.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("hello", "in between");
    }

    @Test
    void aMessageIsFoundByItsSendersClientId() {
        var fromAlice = messages.append(room.id(), alice, text("from alice"), "same", T0);
        var fromBob = messages.append(room.id(), bob, text("from bob"), "same", T0);

        assertThat(messages.findByClientId(alice, "same")).contains(fromAlice.message());
        assertThat(messages.findByClientId(bob, "same")).contains(fromBob.message());
        assertThat(messages.findByClientId(alice, "other")).isEmpty();
    }

    @Test
    void clientIdsBelongToTheirSender() {
        var fromAlice = messages.append(room.id(), alice, text("from alice"), "same", T0);

        var fromBob = messages.append(room.id(), bob, text("from bob"), "same", T0);
        var withoutId = messages.append(room.id(), alice, text("no id"), null, T0);
        var withoutIdAgain = messages.append(room.id(), alice, text("no id"), null, T0);

        assertThat(fromBob.created()).isTrue();
        assertThat(fromBob.message().id()).isNotEqualTo(fromAlice.message().id());
        assertThat(fromBob.previous()).isEqualTo(fromAlice.message().id());
        assertThat(withoutIdAgain.created()).isTrue();
        assertThat(withoutIdAgain.message().id()).isNotEqualTo(withoutId.message().id());
        assertThat(messages.pageAfter(room.id(), null, 10)).hasSize(4);
    }

    @Test
    void appendByAnUnknownSenderIsRefusedAndStoresNothing() {
        assertThatThrownBy(() -> messages.append(room.id(), new UserId(987_654_321L), text("ghost"), null, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("987654321");

        assertThat(messages.latestId(room.id())).isEmpty();
    }

    @Test
    void pagesBeforeACursorAreTheNewestOlderMessagesOldestFirst() {
        var all = postTen();

        assertThat(messages.pageBefore(room.id(), null, 3)).containsExactlyElementsOf(all.subList(7, 10));
        assertThat(messages.pageBefore(room.id(), all.get(5).id(), 3)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(messages.pageBefore(room.id(), all.get(2).id(), 5)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(messages.pageBefore(room.id(), all.get(0).id(), 5)).isEmpty();
        assertThat(messages.pageBefore(room.id(), null, 50)).containsExactlyElementsOf(all);
        assertThat(messages.pageBefore(room.id(), all.get(5).id(), 0)).isEmpty();
    }

    @Test
    void pagesAfterACursorAreTheOldestNewerMessagesOldestFirst() {
        var all = postTen();

        assertThat(messages.pageAfter(room.id(), null, 3)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(messages.pageAfter(room.id(), all.get(2).id(), 3)).containsExactlyElementsOf(all.subList(3, 6));
        assertThat(messages.pageAfter(room.id(), all.get(7).id(), 5)).containsExactlyElementsOf(all.subList(8, 10));
        assertThat(messages.pageAfter(room.id(), all.get(9).id(), 5)).isEmpty();
        assertThat(messages.pageAfter(room.id(), null, 50)).containsExactlyElementsOf(all);
        assertThat(messages.pageAfter(room.id(), all.get(2).id(), 0)).isEmpty();
    }

    @Test
    void emptyRoomHasNoPagesAndNoLatestMessage() {
        postTen();
        var empty = stores.publicRoom("empty", T0);

        assertThat(messages.pageBefore(empty.id(), null, 10)).isEmpty();
        assertThat(messages.pageAfter(empty.id(), null, 10)).isEmpty();
        assertThat(messages.latestId(empty.id())).isEmpty();
    }

    @Test
    void latestIdIsTheNewestMessageOfTheRoom() {
        var all = postTen();
        var elsewhere = stores.post(other.id(), bob, "newest elsewhere");

        assertThat(messages.latestId(room.id())).contains(all.getLast().id());
        assertThat(messages.latestId(other.id())).contains(elsewhere.id());
    }

    @Test
    void countBetweenCountsOthersMessagesInTheHalfOpenRange() {
        var all = postTen(); // alice sent the even ones, bob the odd ones

        assertThat(messages.countBetween(room.id(), null, all.get(9).id(), alice)).isEqualTo(5);
        assertThat(messages.countBetween(room.id(), null, all.get(9).id(), bob)).isEqualTo(5);
        assertThat(messages.countBetween(room.id(), all.get(0).id(), all.get(3).id(), alice)).isEqualTo(2);
        assertThat(messages.countBetween(room.id(), all.get(1).id(), all.get(3).id(), alice)).isEqualTo(1);
        assertThat(messages.countBetween(room.id(), all.get(3).id(), all.get(3).id(), alice)).isZero();
        assertThat(messages.countBetween(room.id(), all.get(5).id(), all.get(3).id(), alice)).isZero();
        assertThat(messages.countBetween(other.id(), null, all.get(9).id(), alice)).isEqualTo(1);
    }

    /** What marking read counts: the messages a reader had unread, so not a deleted one (unread counts skip them). */
    @Test
    void countBetweenLeavesDeletedMessagesOut() {
        var all = postTen(); // alice sent the even ones, bob the odd ones
        messages.storeDeletion(all.get(3).delete(bob, java.util.Optional.empty()));

        assertThat(messages.countBetween(room.id(), null, all.get(9).id(), alice)).isEqualTo(4);
        assertThat(messages.countBetween(room.id(), all.get(3).id(), all.get(9).id(), alice)).isEqualTo(3);
    }

    @Test
    void attachmentsAndMessageTypesRoundTrip() {
        List<MessageDraft> drafts = new ArrayList<>();
        for (var type : MessageType.values()) {
            if (type == MessageType.TEXT) {
                continue;
            }
            // an image carries the preview the server made of it
            var attachment = new Attachment("f-" + type.label() + ".bin", "Holiday " + type.label() + ".bin",
                    1_234_567_890_123L, "application/x-" + type.label().replace('_', '-'),
                    type.label().endsWith("image") ? "f-" + type.label() + "-preview.jpg" : null);
            drafts.add(new MessageDraft(new MessageText(type.hasText() ? "caption ✓" : ""), type, attachment));
        }
        drafts.add(new MessageDraft(MessageText.EMPTY, MessageType.DOCUMENT, new Attachment("bare.pdf", null, null, null)));
        drafts.add(new MessageDraft(new MessageText("a".repeat(MessageText.MAX_LENGTH)), MessageType.TEXT, null));
        drafts.add(new MessageDraft(new MessageText("  spaced\nlines  😀 "), MessageType.TEXT, null));

        List<Message> stored = new ArrayList<>();
        for (var draft : drafts) {
            stored.add(messages.append(room.id(), alice, draft, null, T0).message());
        }

        assertThat(stored).extracting(Message::content).containsExactlyElementsOf(drafts);
        assertThat(messages.pageAfter(room.id(), null, 50)).extracting(Message::content).containsExactlyElementsOf(drafts);
        var bare = messages.findById(stored.get(drafts.size() - 3).id()).orElseThrow().content().attachment();
        assertThat(bare).isEqualTo(new Attachment("bare.pdf", "bare.pdf", null, null));
    }

    @Test
    void timestampsRoundTripToTheMillisecond() {
        var early = messages.append(room.id(), alice, text("early"), null, Instant.parse("1999-12-31T23:59:59Z")).message();
        var precise = messages.append(room.id(), alice, text("precise"), null, T0).message();

        assertThat(messages.findById(early.id()).orElseThrow().createdAt()).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(precise.createdAt()).isEqualTo(T0_MILLIS);
        assertThat(messages.findById(precise.id()).orElseThrow().createdAt()).isEqualTo(T0_MILLIS);
    }

    // ---- edits, deletions, replies, pins (issue 10) ----

    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    @Test
    void aNewMessageIsNeitherEditedNorDeletedNorAReplyNorAnswered() {
        var message = stores.post(room.id(), alice, "hello");

        assertThat(message.editedAt()).isNull();
        assertThat(message.deleted()).isFalse();
        assertThat(message.replyTo()).isNull();
        assertThat(message.replyCount()).isZero();
        assertThat(messages.findById(message.id())).contains(message);
        assertThat(messages.versions(message.id())).isEmpty();
    }

    @Test
    void anEditReplacesTheTextAndKeepsTheEarlierOnesOldestFirst() {
        var message = stores.post(room.id(), alice, "helo");
        var first = message.edit(alice, new MessageText("hello"), T1, null);
        messages.storeEdit(message, first);
        var second = first.edit(alice, new MessageText("hello, world"), T2, null);
        messages.storeEdit(first, second);

        var stored = messages.findById(message.id()).orElseThrow();
        assertThat(stored.content()).isEqualTo(text("hello, world"));
        assertThat(stored.editedAt()).isEqualTo(T2.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(stored.createdAt()).isEqualTo(message.createdAt());
        assertThat(messages.versions(message.id())).containsExactly(
                new MessageVersion(new MessageText("helo"), T1.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
                new MessageVersion(new MessageText("hello"), T2.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(messages.pageAfter(room.id(), null, 10)).containsExactly(stored);
    }

    @Test
    void anEditOfAFileMessageKeepsTheFileAndFollowsWithTheType() {
        var photo = new Attachment("p.jpg", "Holiday.jpg", 10L, "image/jpeg", "p-preview.jpg");
        var message = messages.append(room.id(), alice, new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, photo),
                null, T0).message();
        messages.storeEdit(message, message.edit(alice, new MessageText("look"), T1, null));

        assertThat(messages.findById(message.id()).orElseThrow().content())
                .isEqualTo(new MessageDraft(new MessageText("look"), MessageType.TEXT_WITH_IMAGE, photo));
    }

    @Test
    void aDeletedMessageIsATombstoneWithoutTextFileVersionsOrPin() {
        var photo = new Attachment("p.jpg", "Holiday.jpg", 10L, "image/jpeg", "p-preview.jpg");
        var message = messages.append(room.id(), alice,
                new MessageDraft(new MessageText("look"), MessageType.TEXT_WITH_IMAGE, photo), null, T0).message();
        messages.storeEdit(message, message.edit(alice, new MessageText("look!"), T1, null));
        messages.pin(message.id(), bob, T1);
        assertThat(messages.carriesFile("p.jpg")).isTrue();

        var tombstone = messages.findById(message.id()).orElseThrow().delete(alice, java.util.Optional.empty());
        messages.storeDeletion(tombstone);

        var stored = messages.findById(message.id()).orElseThrow();
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.content()).isEqualTo(MessageDraft.REMOVED);
        assertThat(stored.editedAt()).isNull();
        assertThat(stored.sender()).isEqualTo(new Username("alice"));
        assertThat(messages.versions(message.id())).isEmpty();
        assertThat(messages.pins(room.id(), 10)).isEmpty();
        assertThat(messages.carriesFile("p.jpg")).isFalse();
        assertThat(messages.storeEdit(message, message.edit(alice, new MessageText("late"), T2, null)))
                .as("an edit read before the deletion").isFalse();
        assertThat(messages.pin(message.id(), bob, T2)).isFalse();
        assertThat(messages.findById(message.id()).orElseThrow()).isEqualTo(stored);
        assertThat(messages.pageAfter(room.id(), null, 10)).containsExactly(stored);
    }

    @Test
    void aFileIsCarriedWhileAnyMessageNotDeletedCarriesIt() {
        var photo = new Attachment("p.jpg", null, 10L, "image/jpeg");
        var draft = new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, photo);
        var one = messages.append(room.id(), alice, draft, null, T0).message();
        var two = messages.append(other.id(), bob, draft, null, T0).message();

        messages.storeDeletion(one.delete(alice, java.util.Optional.empty()));
        assertThat(messages.carriesFile("p.jpg")).isTrue();
        messages.storeDeletion(two.delete(bob, java.util.Optional.empty()));
        assertThat(messages.carriesFile("p.jpg")).isFalse();
        assertThat(messages.carriesFile("never.jpg")).isFalse();
    }

    @Test
    void aFilesNewStoredSizeIsWhatEveryMessageCarryingItShowsAndOnlyThose() {
        var photo = new Attachment("p.jpg", "Holiday.jpg", 10_000L, "image/jpeg", "p-preview.jpg");
        var other = new Attachment("q.jpg", null, 10_000L, "image/jpeg");
        var one = messages.append(room.id(), alice,
                new MessageDraft(new MessageText("look"), MessageType.TEXT_WITH_IMAGE, photo), null, T0).message();
        var two = messages.append(room.id(), bob, new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, photo),
                null, T1).message();
        var three = messages.append(room.id(), bob, new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, other),
                null, T1).message();

        messages.recordFileSize("p.jpg", 9_200L);

        assertThat(messages.findById(one.id()).orElseThrow().content().attachment())
                .isEqualTo(new Attachment("p.jpg", "Holiday.jpg", 9_200L, "image/jpeg", "p-preview.jpg"));
        assertThat(messages.findById(two.id()).orElseThrow().content().attachment().size()).isEqualTo(9_200L);
        assertThat(messages.findById(three.id()).orElseThrow().content().attachment().size()).isEqualTo(10_000L);
        assertThat(messages.findById(one.id()).orElseThrow().content().text()).isEqualTo(new MessageText("look"));
    }

    @Test
    void aReplyShowsItsParentAsItIsNowAndTheParentCountsItsLiveReplies() {
        var parent = stores.post(room.id(), alice, "x".repeat(150));
        var reply = messages.append(room.id(), bob, text("yes"), parent.id(), null, T0).message();
        var another = messages.append(room.id(), alice, text("and?"), parent.id(), null, T0).message();

        assertThat(reply.replyTo()).isEqualTo(new MessageReference(parent.id(), new Username("alice"), "x".repeat(100)));
        assertThat(messages.findById(parent.id()).orElseThrow().replyCount()).isEqualTo(2);

        messages.storeDeletion(another.delete(alice, java.util.Optional.empty()));
        assertThat(messages.findById(parent.id()).orElseThrow().replyCount()).as("a deleted reply").isEqualTo(1);

        messages.storeDeletion(messages.findById(parent.id()).orElseThrow().delete(alice, java.util.Optional.empty()));
        assertThat(messages.findById(reply.id()).orElseThrow().replyTo())
                .isEqualTo(new MessageReference(parent.id(), new Username("alice"), ""));
    }

    @Test
    void repliesArePagedLikeTheRoomWithOnlyTheRepliesToThatMessage() {
        var parent = stores.post(room.id(), alice, "question");
        var elsewhere = stores.post(room.id(), alice, "another question");
        List<Message> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(messages.append(room.id(), bob, text("r" + i), parent.id(), null, T0).message());
            messages.append(room.id(), bob, text("not " + i), elsewhere.id(), null, T0);
            stores.post(room.id(), alice, "chatter " + i);
        }

        assertThat(messages.repliesBefore(parent.id(), null, 2)).containsExactlyElementsOf(replies.subList(3, 5));
        assertThat(messages.repliesBefore(parent.id(), replies.get(3).id(), 2))
                .containsExactlyElementsOf(replies.subList(1, 3));
        assertThat(messages.repliesAfter(parent.id(), null, 2)).containsExactlyElementsOf(replies.subList(0, 2));
        assertThat(messages.repliesAfter(parent.id(), replies.get(3).id(), 10)).containsExactly(replies.get(4));
        assertThat(messages.repliesAfter(replies.get(0).id(), null, 10)).isEmpty();
    }

    @Test
    void pinsComeNewestPinFirstAndEachMessageIsPinnedOnce() {
        var first = stores.post(room.id(), alice, "first");
        var second = stores.post(room.id(), alice, "second");
        var elsewhere = stores.post(other.id(), alice, "elsewhere");

        assertThat(messages.pin(second.id(), bob, T1)).isTrue();
        assertThat(messages.pin(first.id(), alice, T2)).isTrue();
        assertThat(messages.pin(first.id(), bob, T2.plusSeconds(1))).as("pinned already").isFalse();
        messages.pin(elsewhere.id(), bob, T2);

        assertThat(messages.pins(room.id(), 10)).containsExactly(
                new PinnedMessage(first, new Username("alice"), T2.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
                new PinnedMessage(second, new Username("bob"), T1.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(messages.pins(room.id(), 1)).extracting(p -> p.message().id()).containsExactly(first.id());

        assertThat(messages.unpin(first.id())).isTrue();
        assertThat(messages.unpin(first.id())).isFalse();
        assertThat(messages.pins(room.id(), 10)).extracting(p -> p.message().id()).containsExactly(second.id());
    }

    // ---- the change log ----

    @Test
    void changesOfARoomComeInOrderEachNamingTheOneBefore() {
        var m1 = stores.post(room.id(), alice, "one");
        var m2 = stores.post(room.id(), bob, "two");
        var posted = messages.recordChange(room.id(), RoomChange.Kind.POSTED, m1.id(), alice, null, T0);
        messages.recordChange(other.id(), RoomChange.Kind.POSTED, stores.post(other.id(), bob, "x").id(), bob, null, T0);
        var reacted = messages.recordChange(room.id(), RoomChange.Kind.REACTION_ADDED, m1.id(), bob,
                ReactionType.HEART, T1);
        var edited = messages.recordChange(room.id(), RoomChange.Kind.EDITED, m1.id(), alice, null, T2);
        var pinned = messages.recordChange(room.id(), RoomChange.Kind.PINNED, m2.id(), bob, null, T2);

        assertThat(posted.previous()).isNull();
        assertThat(reacted.previous()).isEqualTo(posted.id());
        assertThat(edited.previous()).isEqualTo(reacted.id());
        assertThat(pinned.previous()).isEqualTo(edited.id());
        assertThat(messages.latestChange(room.id())).contains(pinned.id());

        var all = messages.changesAfter(room.id(), null, 10);
        assertThat(all).extracting(RoomChange::id).containsExactly(posted.id(), reacted.id(), edited.id(), pinned.id());
        assertThat(all.get(1)).isEqualTo(new RoomChange(reacted.id(), room.id(), RoomChange.Kind.REACTION_ADDED, m1.id(),
                bob, new Username("bob"), ReactionType.HEART, T1.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(messages.changesAfter(room.id(), reacted.id(), 1)).extracting(RoomChange::id)
                .containsExactly(edited.id());
        assertThat(messages.changesAfter(room.id(), pinned.id(), 10)).isEmpty();
    }

    @Test
    void messagesAreFoundByTheirIdsTogether() {
        var one = stores.post(room.id(), alice, "one");
        var two = stores.post(other.id(), bob, "two");
        var reply = messages.append(room.id(), bob, text("re"), one.id(), null, T0).message();

        assertThat(messages.findByIds(List.of(one.id(), two.id(), reply.id(), one.id(), new MessageId(987_654_321L))))
                .containsExactlyInAnyOrder(messages.findById(one.id()).orElseThrow(), two, reply);
        assertThat(messages.findByIds(List.of())).isEmpty();
    }

    @Test
    void theLatestChangesOfManyRoomsAreLookedUpTogether() {
        var one = stores.post(room.id(), alice, "one");
        messages.recordChange(room.id(), RoomChange.Kind.POSTED, one.id(), alice, null, T0);
        var newest = messages.recordChange(room.id(), RoomChange.Kind.EDITED, one.id(), alice, null, T1);
        var elsewhere = messages.recordChange(other.id(), RoomChange.Kind.POSTED,
                stores.post(other.id(), bob, "x").id(), bob, null, T1);
        // more rooms than a store may name in one statement, most of them without any change (or not there at all)
        List<RoomId> asked = new ArrayList<>(List.of(room.id(), other.id()));
        for (long i = 1; i <= 1_200; i++) {
            asked.add(new RoomId(900_000_000L + i));
        }

        assertThat(messages.latestChanges(asked)).isEqualTo(Map.of(room.id(), newest.id(), other.id(), elsewhere.id()));
        assertThat(messages.latestChanges(List.of())).isEmpty();
    }

    @Test
    void aRoomWithoutChangesHasNoLatestChange() {
        assertThat(messages.latestChange(room.id())).isEmpty();
        assertThat(messages.changesAfter(room.id(), null, 10)).isEmpty();
        assertThat(messages.changeOfPostAtOrBefore(room.id(), new MessageId(1))).isEmpty();
    }

    @Test
    void aChangeKnowsItsRoom() {
        var m1 = stores.post(room.id(), alice, "one");
        var c1 = messages.recordChange(room.id(), RoomChange.Kind.POSTED, m1.id(), alice, null, T0);
        var m2 = stores.post(other.id(), alice, "two");
        var c2 = messages.recordChange(other.id(), RoomChange.Kind.POSTED, m2.id(), alice, null, T0);

        assertThat(messages.roomOfChange(c1.id())).contains(room.id());
        assertThat(messages.roomOfChange(c2.id())).contains(other.id());
        assertThat(messages.roomOfChange(new ChangeId(c2.id().value() + 1000))).isEmpty();
    }

    @Test
    void theChangeOfAPostAtOrBeforeAMessageIsWhereAClientResumingByMessageIdResumes() {
        var m1 = stores.post(room.id(), alice, "one");
        var c1 = messages.recordChange(room.id(), RoomChange.Kind.POSTED, m1.id(), alice, null, T0);
        messages.recordChange(room.id(), RoomChange.Kind.EDITED, m1.id(), alice, null, T0);
        var m2 = stores.post(room.id(), alice, "two");
        var c2 = messages.recordChange(room.id(), RoomChange.Kind.POSTED, m2.id(), alice, null, T0);

        assertThat(messages.changeOfPostAtOrBefore(room.id(), m1.id())).contains(c1.id());
        assertThat(messages.changeOfPostAtOrBefore(room.id(), new MessageId(m2.id().value() - 1))).contains(c1.id());
        assertThat(messages.changeOfPostAtOrBefore(room.id(), new MessageId(m2.id().value() + 100))).contains(c2.id());
        assertThat(messages.changeOfPostAtOrBefore(other.id(), m2.id())).isEmpty();
    }

    @Test
    void concurrentChangesToOneRoomFormAGapFreeChain() throws Exception {
        var target = stores.post(room.id(), alice, "target");
        List<RoomChange.Mark> marks = java.util.Collections.synchronizedList(new ArrayList<>());
        inParallel(t -> {
            for (int i = 0; i < 10; i++) {
                marks.add(stores.transactions().inTransaction(() -> messages.recordChange(room.id(),
                        RoomChange.Kind.EDITED, target.id(), alice, null, T0)));
            }
            return List.of();
        });

        var sorted = marks.stream().sorted(Comparator.comparing(RoomChange.Mark::id)).toList();
        assertThat(sorted).hasSize(THREADS * 10);
        assertThat(sorted.getFirst().previous()).isNull();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).previous()).isEqualTo(sorted.get(i - 1).id());
        }
    }

    @Test
    void concurrentAppendsToOneRoomFormAGapFreeChain() throws Exception {
        int perThread = 10;
        List<UserId> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            senders.add(stores.user("sender" + t));
        }
        stores.post(room.id(), alice, "before the rush");

        var appended = inParallel(t -> {
            List<Appended> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                int n = i;
                // the shape of posting: join on first post, then append, in one transaction
                mine.add(stores.transactions().inTransaction(() -> {
                    stores.rooms().addMember(ChatStores.member(room.id(), senders.get(t), T0));
                    return messages.append(room.id(), senders.get(t), text("m" + t + "-" + n), null, T0);
                }));
            }
            return mine;
        });

        assertThat(appended).hasSize(THREADS * perThread).allMatch(Appended::created);
        var all = new ArrayList<Appended>();
        all.add(new Appended(messages.pageAfter(room.id(), null, 1).getFirst(), null, true));
        all.addAll(appended);
        assertChain(all);
        assertThat(messages.pageAfter(room.id(), null, 1000)).hasSize(THREADS * perThread + 1);
    }

    @Test
    void concurrentResendsOfOneClientIdStoreOneMessage() throws Exception {
        // half of them to another room, where the first room's serialisation does not hold them off
        var appended = inParallel(t -> List.of(stores.transactions().inTransaction(() ->
                messages.append((t % 2 == 0 ? room : other).id(), alice, text("once"), "dup", T0))));

        assertThat(appended).filteredOn(Appended::created).hasSize(1);
        assertThat(appended).extracting(a -> a.message().id()).containsOnly(appended.getFirst().message().id());
        assertThat(messages.pageAfter(room.id(), null, 10).size() + messages.pageAfter(other.id(), null, 10).size())
                .isEqualTo(1);
    }

    @Test
    void appendAllStoresABatchInOrderEachNamingTheOneBefore() {
        var before = messages.append(room.id(), alice, text("before"), null, T0);

        var batch = messages.appendAll(room.id(), List.of(
                new NewMessage(alice, text("one"), Mentions.NONE, null, "a-1"),
                new NewMessage(bob, text("two"), Mentions.NONE, before.message().id(), null),
                new NewMessage(alice, text("three"), Mentions.NONE, null, null)), T0);

        assertThat(batch).allMatch(Appended::created);
        assertThat(batch).extracting(a -> a.message().content().text().value()).containsExactly("one", "two", "three");
        assertThat(batch).extracting(a -> a.message().senderId()).containsExactly(alice, bob, alice);
        assertThat(batch.getFirst().message().clientId()).isEqualTo("a-1");
        assertThat(batch.get(1).message().replyTo().id()).isEqualTo(before.message().id());
        var all = new ArrayList<Appended>();
        all.add(before);
        all.addAll(batch);
        assertChain(all);
        assertThat(messages.pageAfter(room.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("before", "one", "two", "three");
        assertThat(messages.findById(before.message().id()).orElseThrow().replyCount()).isEqualTo(1);
        assertThat(messages.appendAll(room.id(), List.of(), T0)).isEmpty();
    }

    @Test
    void appendAllAnswersResendsInAndBeforeTheBatchWithTheFirstMessage() {
        var stored = messages.append(room.id(), alice, text("stored"), "c-1", T0);

        var batch = messages.appendAll(room.id(), List.of(
                new NewMessage(alice, text("stored, sent again"), Mentions.NONE, null, "c-1"),
                new NewMessage(bob, text("new"), Mentions.NONE, null, "c-1"),
                new NewMessage(bob, text("new, sent twice"), Mentions.NONE, null, "c-1"),
                new NewMessage(alice, text("last"), Mentions.NONE, null, "c-2")), T0);

        assertThat(batch).extracting(Appended::created).containsExactly(false, true, false, true);
        assertThat(batch.getFirst().message()).isEqualTo(stored.message());
        assertThat(batch.get(2).message()).isEqualTo(batch.get(1).message());
        assertThat(batch.get(1).previous()).isEqualTo(stored.message().id());
        assertThat(batch.get(3).previous()).isEqualTo(batch.get(1).message().id());
        assertThat(messages.pageAfter(room.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("stored", "new", "last");
    }

    @Test
    void storePostsLogsEachNewPostInOrderAfterTheRoomsLastChange() {
        var first = messages.append(room.id(), alice, text("first"), "c-1", T0);
        var edit = messages.recordChange(room.id(), RoomChange.Kind.EDITED, first.message().id(), alice, null, T0);

        var stored = messages.storePosts(room.id(), List.of(
                new NewMessage(bob, text("a"), Mentions.NONE, null, null),
                new NewMessage(alice, text("first, sent again"), Mentions.NONE, null, "c-1"),
                new NewMessage(alice, text("b"), Mentions.NONE, null, "c-2")), T0);

        assertThat(stored).extracting(s -> s.appended().created()).containsExactly(true, false, true);
        assertThat(stored.get(1).appended().message()).isEqualTo(first.message());
        assertThat(stored.get(1).mark()).as("a resend logs nothing").isNull();
        var a = stored.getFirst();
        var b = stored.get(2);
        assertThat(a.appended().previous()).isEqualTo(first.message().id());
        assertThat(b.appended().previous()).isEqualTo(a.appended().message().id());
        assertThat(a.mark().previous()).isEqualTo(edit.id());
        assertThat(b.mark().previous()).isEqualTo(a.mark().id());
        assertThat(messages.changesAfter(room.id(), edit.id(), 10))
                .extracting(RoomChange::id, RoomChange::kind, RoomChange::messageId, RoomChange::actorId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(a.mark().id(), RoomChange.Kind.POSTED,
                                a.appended().message().id(), bob),
                        org.assertj.core.groups.Tuple.tuple(b.mark().id(), RoomChange.Kind.POSTED,
                                b.appended().message().id(), alice));
        assertThat(messages.latestChange(room.id())).contains(b.mark().id());
        assertThat(messages.pageAfter(room.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("first", "a", "b");
        assertThat(messages.storePosts(room.id(), List.of(), T0)).isEmpty();
    }

    @Test
    void aBatchWithAReplyAndAResendOfItsParentAnswersBothAsTheBatchLeavesThem() {
        var first = messages.append(room.id(), alice, text("first"), "c-1", T0);

        var stored = messages.storePosts(room.id(), List.of(
                new NewMessage(bob, text("yes"), Mentions.NONE, first.message().id(), null),
                new NewMessage(alice, text("first, sent again"), Mentions.NONE, null, "c-1")), T0);

        var reply = stored.getFirst().appended().message();
        assertThat(reply.sender()).isEqualTo(new Username("bob"));
        assertThat(reply.replyTo()).as("the reply, as stored in the batch")
                .isEqualTo(new MessageReference(first.message().id(), new Username("alice"), "first"));
        var parent = messages.findById(first.message().id()).orElseThrow();
        assertThat(parent.replyCount()).isEqualTo(1);
        assertThat(stored.get(1).appended().message()).as("the resend, answered with its first copy as counted")
                .isEqualTo(parent);
    }

    @Test
    void aBatchOfResendsOnlyLogsNothing() {
        var first = messages.append(room.id(), alice, text("first"), "c-1", T0);
        var posted = messages.recordChange(room.id(), RoomChange.Kind.POSTED, first.message().id(), alice, null, T0);

        var stored = messages.storePosts(room.id(), List.of(
                new NewMessage(alice, text("first, sent again"), Mentions.NONE, null, "c-1")), T0);

        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.appended().created()).isFalse();
            assertThat(s.mark()).isNull();
        });
        assertThat(messages.latestChange(room.id())).contains(posted.id());
    }

    @Test
    void concurrentBatchesToOneRoomFormAGapFreeChainOfMessagesAndChanges() throws Exception {
        int batches = 5;
        int perBatch = 4;
        List<RoomChange.Mark> marks = new CopyOnWriteArrayList<>();
        var appended = inParallel(t -> {
            List<Appended> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<NewMessage> batch = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    batch.add(new NewMessage(i % 2 == 0 ? alice : bob, text("m" + t + "-" + b + "-" + i), Mentions.NONE,
                            null, i == 0 ? "c-" + t + "-" + b : null));
                }
                var stored = stores.transactions().inTransaction(() -> messages.storePosts(room.id(), batch, T0));
                stored.forEach(s -> marks.add(s.mark()));
                mine.addAll(stored.stream().map(StoredPost::appended).toList());
            }
            return mine;
        });

        assertThat(appended).hasSize(THREADS * batches * perBatch).allMatch(Appended::created);
        assertChain(appended);
        var changes = messages.changesAfter(room.id(), null, 1000);
        assertThat(changes).extracting(RoomChange::messageId)
                .containsExactlyElementsOf(messages.pageAfter(room.id(), null, 1000).stream().map(Message::id).toList());
        var byId = marks.stream().sorted(Comparator.comparing(RoomChange.Mark::id)).toList();
        assertThat(byId).extracting(RoomChange.Mark::id).containsExactlyElementsOf(changes.stream().map(RoomChange::id).toList());
        assertThat(byId.getFirst().previous()).isNull();
        for (int i = 1; i < byId.size(); i++) {
            assertThat(byId.get(i).previous()).as("the change before change " + byId.get(i).id())
                    .isEqualTo(byId.get(i - 1).id());
        }
    }

    /** Appends alternately by alice and bob to {@code room}, with one message to {@code other} in between. */
    private List<Message> postTen() {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(stores.post(room.id(), i % 2 == 0 ? alice : bob, "m" + i, T0.plusSeconds(i)));
            if (i == 4) {
                stores.post(other.id(), bob, "elsewhere");
            }
        }
        return all;
    }

    private interface Worker {
        List<Appended> run(int thread) throws Exception;
    }

    private static List<Appended> inParallel(Worker worker) throws Exception {
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Appended>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<Appended>> task = () -> {
                    start.await();
                    return worker.run(thread);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<Appended> all = new ArrayList<>();
            for (var result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** In id order, each message names the one before it as previous, and the first names none. */
    private static void assertChain(List<Appended> appended) {
        var sorted = appended.stream().sorted(Comparator.comparing(a -> a.message().id())).toList();
        assertThat(sorted.stream().map(a -> a.message().id()).distinct()).hasSize(appended.size());
        assertThat(sorted.getFirst().previous()).isNull();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).previous()).as("previous of message %s", sorted.get(i).message().id())
                    .isEqualTo(sorted.get(i - 1).message().id());
        }
    }
}
