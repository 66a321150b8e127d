package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.domain.ReactionType.HEART;
import static org.chatserver.domain.ReactionType.LAUGH;
import static org.chatserver.domain.ReactionType.SAD;
import static org.chatserver.domain.ReactionType.THUMBS_UP;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.message.ReactionRepository.Seen;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReactionRepository} must do. Extend it once per implementation (fake, SQLite, PostgreSQL). */
public abstract class ReactionRepositoryContract {

    private ReactionRepository reactions;
    private UserId alice;
    private UserId bob;
    private UserId carol;
    private MessageId first;
    private MessageId second;

    /** Called once before each test. */
    protected abstract ChatStores newStores();

    @BeforeEach
    void createStores() {
        var stores = newStores();
        reactions = stores.reactions();
        alice = stores.user("alice");
        bob = stores.user("bob");
        carol = stores.user("carol");
        var room = stores.publicRoom("room", T0);
        first = stores.post(room.id(), alice, "first").id();
        second = stores.post(room.id(), bob, "second").id();
    }

    @Test
    void summariesComeInReactionTypeOrderWithUsersInTheOrderTheyReacted() {
        reactions.set(first, carol, HEART, T0.plusSeconds(1));
        reactions.set(first, bob, THUMBS_UP, T0.plusSeconds(2));
        reactions.set(first, alice, THUMBS_UP, T0.plusSeconds(3));
        reactions.set(first, alice, SAD, T0.plusSeconds(3)); // replaces alice's thumbs up

        assertThat(reactions.summaries(List.of(first))).containsOnlyKeys(first);
        assertThat(reactions.summaries(List.of(first)).get(first)).containsExactly(
                summary(THUMBS_UP, "bob"), summary(HEART, "carol"), summary(SAD, "alice"));
    }

    @Test
    void reactionTimeNotCallOrderDecidesAndTiesGoToTheEarlierUser() {
        reactions.set(first, carol, LAUGH, T0.plusSeconds(5));
        reactions.set(first, bob, LAUGH, T0.plusSeconds(1));
        reactions.set(first, alice, LAUGH, T0.plusSeconds(5));

        assertThat(reactions.summaries(List.of(first)).get(first))
                .containsExactly(summary(LAUGH, "bob", "alice", "carol"));
    }

    @Test
    void changingTheReactionCountsAsReactingAnewButRepeatingItDoesNot() {
        reactions.set(first, alice, HEART, T0.plusSeconds(1));
        reactions.set(first, bob, HEART, T0.plusSeconds(2));
        reactions.set(first, carol, LAUGH, T0.plusSeconds(3));

        reactions.set(first, alice, HEART, T0.plusSeconds(4)); // the same again: alice stays first
        reactions.set(first, carol, HEART, T0.plusSeconds(5));

        assertThat(reactions.summaries(List.of(first)).get(first))
                .containsExactly(summary(HEART, "alice", "bob", "carol"));
        assertThat(reactions.reactionsOf(carol, List.of(first))).containsExactly(Map.entry(first, HEART));
    }

    @Test
    void oneReactionPerUserPerMessage() {
        for (var type : ReactionType.values()) {
            reactions.set(first, alice, type, T0);
        }

        assertThat(reactions.summaries(List.of(first)).get(first)).containsExactly(summary(ReactionType.ANGRY, "alice"));
        assertThat(reactions.reactionsOf(alice, List.of(first))).containsExactly(Map.entry(first, ReactionType.ANGRY));
    }

    @Test
    void removedReactionIsGoneAndSecondRemovalFindsNothing() {
        reactions.set(first, alice, HEART, T0);
        reactions.set(first, bob, HEART, T0);

        assertThat(reactions.remove(first, alice)).isTrue();
        assertThat(reactions.remove(first, alice)).isFalse();
        assertThat(reactions.remove(second, bob)).isFalse();
        assertThat(reactions.summaries(List.of(first)).get(first)).containsExactly(summary(HEART, "bob"));

        assertThat(reactions.remove(first, bob)).isTrue();
        assertThat(reactions.summaries(List.of(first, second))).isEmpty();
        assertThat(reactions.reactionsOf(bob, List.of(first))).isEmpty();
    }

    @Test
    void removingAllReactionsOfAMessageLeavesOtherMessagesAlone() {
        reactions.set(first, alice, HEART, T0);
        reactions.set(first, bob, LAUGH, T0);
        reactions.set(second, alice, HEART, T0);

        reactions.removeAll(first);
        reactions.removeAll(first);

        assertThat(reactions.summaries(List.of(first, second))).containsOnlyKeys(second);
        assertThat(reactions.reactionsOf(alice, List.of(first, second))).containsExactly(Map.entry(second, HEART));
    }

    @Test
    void summariesAreGroupedPerMessageAndOnlyForMessagesWithReactions() {
        reactions.set(first, alice, HEART, T0);
        reactions.set(second, alice, THUMBS_UP, T0);
        reactions.set(second, bob, HEART, T0);

        assertThat(reactions.summaries(List.of(first, second, new MessageId(987_654_321L)))).isEqualTo(Map.of(
                first, List.of(summary(HEART, "alice")),
                second, List.of(summary(THUMBS_UP, "alice"), summary(HEART, "bob"))));
        assertThat(reactions.summaries(List.of(second))).containsOnlyKeys(second);
        assertThat(reactions.summaries(List.of())).isEmpty();
    }

    @Test
    void reactionsOfAUserCoverOnlyTheAskedMessagesTheyReactedTo() {
        reactions.set(first, alice, HEART, T0);
        reactions.set(second, alice, LAUGH, T0);
        reactions.set(second, bob, SAD, T0);

        assertThat(reactions.reactionsOf(alice, List.of(first, second)))
                .isEqualTo(Map.of(first, HEART, second, LAUGH));
        assertThat(reactions.reactionsOf(alice, List.of(second))).isEqualTo(Map.of(second, LAUGH));
        assertThat(reactions.reactionsOf(bob, List.of(first, second))).isEqualTo(Map.of(second, SAD));
        assertThat(reactions.reactionsOf(carol, List.of(first, second))).isEmpty();
        assertThat(reactions.reactionsOf(alice, List.of())).isEmpty();
    }

    @Test
    void aViewerSeesEveryonesReactionsAndTheirOwnInOneLook() {
        reactions.set(first, carol, HEART, T0.plusSeconds(1));
        reactions.set(first, bob, THUMBS_UP, T0.plusSeconds(2));
        reactions.set(first, alice, THUMBS_UP, T0.plusSeconds(3));
        reactions.set(second, bob, SAD, T0);
        var firstAsSummarized = List.of(summary(THUMBS_UP, "bob", "alice"), summary(HEART, "carol"));
        var secondAsSummarized = List.of(summary(SAD, "bob"));

        assertThat(reactions.seenBy(alice, List.of(first, second, new MessageId(987_654_321L)))).isEqualTo(Map.of(
                first, new Seen(firstAsSummarized, THUMBS_UP),
                second, new Seen(secondAsSummarized, null)));
        assertThat(reactions.seenBy(bob, List.of(second, first))).isEqualTo(Map.of(
                first, new Seen(firstAsSummarized, THUMBS_UP),
                second, new Seen(secondAsSummarized, SAD)));
        assertThat(reactions.seenBy(carol, List.of(second))).isEqualTo(Map.of(second, new Seen(secondAsSummarized, null)));
        assertThat(reactions.seenBy(carol, List.of())).isEmpty();

        reactions.remove(second, bob);
        assertThat(reactions.seenBy(bob, List.of(first, second))).containsOnlyKeys(first);
    }

    private static ReactionSummary summary(ReactionType type, String... users) {
        return new ReactionSummary(type, Arrays.stream(users).map(Username::new).toList());
    }
}
