package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.application.contract.ChatStores.member;

import java.util.List;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MentionRepository} must do, with the rooms and messages of the same store. Extend it
 * once per implementation (in-memory fake, SQLite, PostgreSQL).
 */
public abstract class MentionRepositoryContract {

    private ChatStores stores;
    private MentionRepository mentions;
    private UserId alice;
    private UserId bob;
    private UserId carol;
    private UserId dave;
    private Room room;

    protected abstract ChatStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
        mentions = stores.mentions();
        alice = stores.user("alice");
        bob = stores.user("bob");
        carol = stores.user("carol");
        dave = stores.user("dave");
        room = stores.privateRoom("team", alice, T0);
        for (UserId user : List.of(alice, bob, carol)) {
            stores.rooms().addMember(member(room.id(), user, T0));
        }
    }

    private Message post(UserId sender, String text, Mentions named) {
        return stores.messages().append(room.id(), sender, ChatStores.text(text), named, null, null, T0).message();
    }

    private long count(RoomId in, UserId user) {
        return stores.rooms().listVisibleTo(user, 50).stream().filter(o -> o.room().id().equals(in))
                .mapToLong(RoomOverview::mentionCount).findFirst().orElseThrow();
    }

    private List<MessageId> of(UserId user, MessageId before) {
        return mentions.mentionsOf(user, before, 50).stream().map(Message::id).toList();
    }

    @Test
    void aMessageKeepsWhomItMentions() {
        Mentions named = new Mentions(List.of(new Username("bob"), new Username("dave")), true);
        Message message = post(alice, "@bob @dave @room", named);

        assertThat(stores.messages().findById(message.id()).orElseThrow().mentions()).isEqualTo(named);
        assertThat(stores.messages().pageBefore(room.id(), null, 10).getFirst().mentions()).isEqualTo(named);
        assertThat(post(alice, "nobody", Mentions.NONE).mentions()).isEqualTo(Mentions.NONE);
    }

    @Test
    void recordingCountsMembersOnlyNeverTheSenderOnce() {
        Message message = post(alice, "@bob @dave", Mentions.NONE);

        List<RoomMember> called = mentions.record(message, List.of(alice, bob, dave, bob), false);

        assertThat(called).extracting(RoomMember::userId).containsExactly(bob);
        assertThat(called).extracting(RoomMember::username).containsExactly(new Username("bob"));
        assertThat(count(room.id(), bob)).isEqualTo(1);
        assertThat(count(room.id(), alice)).isZero();
        assertThat(count(room.id(), carol)).isZero();
        assertThat(of(bob, null)).containsExactly(message.id());
        assertThat(of(dave, null)).isEmpty();
    }

    @Test
    void everyoneIsEveryMemberButTheSender() {
        Message message = post(bob, "@room", Mentions.NONE);

        assertThat(mentions.record(message, List.of(), true)).extracting(RoomMember::userId)
                .containsExactlyInAnyOrder(alice, carol);
        assertThat(count(room.id(), alice)).isEqualTo(1);
        assertThat(count(room.id(), carol)).isEqualTo(1);
        assertThat(count(room.id(), bob)).isZero();
    }

    @Test
    void aMessageAlreadyReadIsListedButNotCounted() {
        Message message = post(alice, "@bob", Mentions.NONE);
        stores.rooms().advanceLastRead(room.id(), bob, message.id(), T0);

        mentions.record(message, List.of(bob), false);

        assertThat(count(room.id(), bob)).isZero();
        assertThat(of(bob, null)).containsExactly(message.id());
    }

    @Test
    void recountFollowsTheReadPosition() {
        Message first = post(alice, "@bob 1", Mentions.NONE);
        mentions.record(first, List.of(bob), false);
        Message second = post(alice, "@bob 2", Mentions.NONE);
        mentions.record(second, List.of(bob), false);
        assertThat(count(room.id(), bob)).isEqualTo(2);

        stores.rooms().advanceLastRead(room.id(), bob, first.id(), T0);
        mentions.recount(room.id(), bob);
        assertThat(count(room.id(), bob)).isEqualTo(1);

        stores.rooms().advanceLastRead(room.id(), bob, second.id(), T0);
        mentions.recount(room.id(), bob);
        assertThat(count(room.id(), bob)).isZero();
    }

    @Test
    void forgettingUncountsOnlyWhoHadNotReadIt() {
        Message message = post(alice, "@bob @carol", Mentions.NONE);
        mentions.record(message, List.of(bob, carol), false);
        Message later = post(alice, "@carol", Mentions.NONE);
        mentions.record(later, List.of(carol), false);
        stores.rooms().advanceLastRead(room.id(), bob, message.id(), T0);
        mentions.recount(room.id(), bob);

        mentions.forget(message.id());

        assertThat(count(room.id(), bob)).isZero();
        assertThat(count(room.id(), carol)).isEqualTo(1);
        assertThat(of(bob, null)).isEmpty();
        assertThat(of(carol, null)).containsExactly(later.id());
    }

    @Test
    void pagesGoNewestFirstAcrossRoomsBeforeAnId() {
        Room other = stores.publicRoom("hall", T0);
        stores.rooms().addMember(member(other.id(), alice, T0));
        stores.rooms().addMember(member(other.id(), bob, T0));
        Message one = post(alice, "@bob 1", Mentions.NONE);
        mentions.record(one, List.of(bob), false);
        Message two = stores.messages().append(other.id(), alice, ChatStores.text("@bob 2"), Mentions.NONE, null,
                null, T0).message();
        mentions.record(two, List.of(bob), false);
        Message three = post(alice, "@bob 3", Mentions.NONE);
        mentions.record(three, List.of(bob), false);

        assertThat(of(bob, null)).containsExactly(three.id(), two.id(), one.id());
        assertThat(of(bob, three.id())).containsExactly(two.id(), one.id());
        assertThat(mentions.mentionsOf(bob, null, 2)).extracting(Message::id).containsExactly(three.id(), two.id());
        assertThat(count(other.id(), bob)).isEqualTo(1);
    }

    @Test
    void aRoomLeftOrAMessageDeletedIsNoLongerListed() {
        Message message = post(alice, "@bob", Mentions.NONE);
        mentions.record(message, List.of(bob, carol), false);

        stores.rooms().removeMember(room.id(), bob);
        stores.messages().storeDeletion(message.delete(alice, java.util.Optional.of(
                new Membership(room.id(), alice, Membership.Role.OWNER, T0))));

        assertThat(of(bob, null)).isEmpty();
        assertThat(of(carol, null)).isEmpty();
        assertThat(stores.messages().findById(message.id()).orElseThrow().mentions()).isEqualTo(Mentions.NONE);
    }

    @Test
    void anEditStoresTheNewTextsMentions() {
        Message message = post(alice, "@bob", new Mentions(List.of(new Username("bob")), false));
        Message edited = message.edit(alice, new org.chatserver.domain.MessageText("@carol"), T0.plusSeconds(1), null)
                .withMentions(new Mentions(List.of(new Username("carol")), false));

        assertThat(stores.messages().storeEdit(message, edited)).isTrue();

        assertThat(stores.messages().findById(message.id()).orElseThrow().mentions().users())
                .containsExactly(new Username("carol"));
    }
}
