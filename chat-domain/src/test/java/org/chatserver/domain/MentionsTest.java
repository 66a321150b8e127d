package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MentionsTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final Username ALICE = new Username("Alice");
    private static final Username BOB = new Username("bob.k");
    private static final java.util.function.Predicate<Username> EVERYONE_A_MEMBER = name -> true;

    private static Mentions.Candidates in(String text) {
        return Mentions.candidates(new MessageText(text));
    }

    private static Optional<Membership> as(Membership.Role role) {
        return Optional.of(new Membership(ROOM, new UserId(7), role, Instant.EPOCH));
    }

    @Test
    void namesAfterAnAtAreCandidatesEachOnceIgnoringCase() {
        assertThat(in("hi @alice and @ALICE, @bob.k. see @al").names())
                .extracting(Username::value).containsExactly("alice", "bob.k.", "bob.k");
    }

    /** A name may end in dots; at the end of a sentence the dot is usually the sentence's. */
    @Test
    void aNameWrittenWithDotsAtItsEndIsTheUserOfThatNameOrElseTheOneWithout() {
        Username bob = new Username("bob");
        Username dots = new Username("...");
        Username dotA = new Username(".a.");
        Username bobDot = new Username("bob.");

        assertThat(in("thanks @bob.").resolve(List.of(bob), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).users())
                .as("only bob exists").containsExactly(bob);
        assertThat(in("hey @... and @.a.").resolve(List.of(dots, dotA), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).users())
                .containsExactly(dots, dotA);
        assertThat(in("thanks @bob.").resolve(List.of(bob, bobDot), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).users())
                .as("both exist: the name as written").containsExactly(bobDot);
        assertThat(in("@bob and @bob.").resolve(List.of(bob, bobDot), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).users())
                .as("each written").containsExactlyInAnyOrder(bob, bobDot);
    }

    /** Signing up as "bob." does not take the "ask @bob." at the end of a sentence from bob in rooms bob. is not in. */
    @Test
    void aNameWithDotsNamesItsUserOnlyWhenTheyAreInTheRoomWhileTheOneWithoutExists() {
        Username bob = new Username("bob");
        Username bobDot = new Username("bob.");

        assertThat(in("ask @bob.").resolve(List.of(bob, bobDot), as(Membership.Role.MEMBER), bobDot::sameAs).users())
                .as("bob. is in the room").containsExactly(bobDot);
        assertThat(in("ask @bob.").resolve(List.of(bob, bobDot), as(Membership.Role.MEMBER), bob::sameAs).users())
                .as("only bob is in the room").containsExactly(bob);
        assertThat(in("ask @bob.").resolve(List.of(bob, bobDot), as(Membership.Role.MEMBER), name -> false).users())
                .as("neither is in the room").isEmpty();
        assertThat(in("ask @bob.").resolve(List.of(bobDot), as(Membership.Role.MEMBER), bobDot::sameAs).users())
                .as("only bob. exists").containsExactly(bobDot);
    }

    /** Only members are called, so only members are named: in a group room and in a direct message alike. */
    @Test
    void aUserWhoIsNotAMemberOfTheRoomIsNotNamed() {
        Username carol = new Username("carol");

        Mentions mentions = in("@Alice ask @carol").resolve(List.of(ALICE, carol), as(Membership.Role.MEMBER),
                ALICE::sameAs);

        assertThat(mentions.users()).containsExactly(ALICE);
        assertThat(mentions.names(carol)).isFalse();
    }

    @Test
    void anAtGluedToAWordIsNoMention() {
        assertThat(in("write to mail@alice.example or a@@bob").names()).isEmpty();
    }

    /** A word is a word in any script: andré@gmail.com is an address, not a call to a user named gmail.com. */
    @Test
    void anAtGluedToAWordOfAnyScriptIsNoMention() {
        assertThat(in("andré@gmail.com Иван@bob 中文@bob ß@bob ａｂ@bob ٣@bob x\u0301@bob").names()).isEmpty();
        assertThat(in("(@bob) «@alice» 中文 @carol").names()).extracting(Username::value)
                .containsExactly("bob", "alice", "carol");
    }

    /**
     * A name ends where a character as shown ends: "@bob" with an accent, a joiner or a variation selector after its
     * last letter shows a name that is not bob's; at the end of the text, or before a new character, it is bob.
     */
    @Test
    void aNameWhoseLastLetterGoesOnAsOneCharacterIsNoMention() {
        assertThat(in("@bob\u0301 @alice\u200D\uD83D\uDC4D @carol\uFE0F @room\u0308").names()).isEmpty();
        assertThat(in("@bob\u0301").room()).isFalse();
        assertThat(in("@room\u0308").room()).isFalse();
        assertThat(in("@bob \u0301 @alice\uD83D\uDC4D @dave").names()).extracting(Username::value)
                .as("a mark on its own after a space, an emoji, the end of the text")
                .containsExactly("bob", "alice", "dave");
        assertThat(in("thanks @bob.\u0301").names()).extracting(Username::value)
                .as("the accent is on the dot: bob's name ends before it").containsExactly("bob");
    }

    /**
     * A name glued to a letter, digit or connector is a longer word, not the name: "@bobé" and "@bobж" name nobody,
     * as "@bob.k" does not name bob. Punctuation, a space, an emoji or the end of the text ends it; so does a letter of
     * a script written without spaces between words, or with its particles and titles written onto the name.
     */
    @Test
    void aNameGluedToALetterOrDigitIsNoMention() {
        assertThat(in("@bob\u00E9 @bob\u0436 @bob\u00DF @bob\u0661 @bob\u00B2 @bob\u203F @bob.\u00E9 @bob-\u05D0 @bob.k\u00E9")
                .names()).isEmpty();
        assertThat(in("@room\u00E9").room()).isFalse();
        assertThat(in("@ann, @ben! (@cat) @dan's @eve\u2019s @fay\uD83D\uDE00 @gus: @hal? @ian \u65E5 @jon.").names())
                .extracting(Username::value)
                .containsExactly("ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ian", "jon.", "jon");
    }

    /** Chinese, Japanese and Korean write onto a name what other scripts write after a space. */
    @Test
    void aNameFollowedByALetterOfAScriptWrittenWithoutSpacesIsTheName() {
        assertThat(in("@ann\u4F60\u597D @ben\u3055\u3093 @cat\u30C1\u30E3\u30F3 @dan\uB2D8 @eve\u0E04\u0E23\u0E31\u0E1A").names())
                .extracting(Username::value)
                .as("@ann你好 @benさん @catチャン @dan님 @eveครับ").containsExactly("ann", "ben", "cat", "dan", "eve");
    }

    /**
     * Some letters of that writing belong to no script in Unicode (Script=Common): the prolonged sound mark and its
     * halfwidth form, the kana repeat marks, the masu mark, 〆, Han annotation and counting-rod numbers. They are read as
     * their scripts' letters; a Common letter of other writing still glues (a modifier apostrophe), and a voiced mark,
     * combining or halfwidth, is a mark on the name's last letter.
     */
    @Test
    void aNameFollowedByALetterOfThatWritingThatUnicodeGivesNoScriptIsTheName() {
        assertThat(in("@ann\u30FC @ben\uFF70 @eve\u3031 @fay\u3035 @gus\u303C @hal\u3006 @ian\u3192 @jon\u3229 "
                + "@kim\u3280 @lee\uD834\uDF60 @max\uD834\uDF71 @ned\u3005").names())
                .extracting(Username::value)
                .as("@annー @benｰ @eve〱 @fay〵 @gus〼 @hal〆 @ian㆒ @jon㈩ @kim㊀ @lee𝍠 @max𝍱 @ned々")
                .containsExactly("ann", "ben", "eve", "fay", "gus", "hal", "ian", "jon", "kim", "lee", "max", "ned");
        assertThat(in("@bob\u02BC @bob\u3099 @bob\u309A @bob\uFF9E @bob\uFF9F @bob\u02B0").names())
                .as("@bobʼ, voiced marks on the b, @bobʰ").isEmpty();
    }

    /**
     * Every name a written name with dots at its end may be, as written and with fewer dots down to none, is looked
     * up; the longest of them whose user is a member of the room is named.
     */
    @Test
    void aNameWrittenWithSeveralDotsAtItsEndIsTheLongestOfItsNamesThatIsAMember() {
        Username dot = new Username("dot");
        Username dotDot = new Username("dot.");
        Username dotDotDot = new Username("dot..");

        assertThat(in("ask @dot..").names()).extracting(Username::value).containsExactly("dot..", "dot.", "dot");
        assertThat(in("ask @dot..").resolve(List.of(dot), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).users())
                .as("only dot exists").containsExactly(dot);
        assertThat(in("ask @dot..").resolve(List.of(dot, dotDot), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER)
                .users()).as("dot. exists too").containsExactly(dotDot);
        assertThat(in("ask @dot..").resolve(List.of(dot, dotDot, dotDotDot), as(Membership.Role.MEMBER),
                name -> !name.sameAs(dotDotDot)).users()).as("dot.. is not in the room").containsExactly(dotDot);
        assertThat(in("ask @dot..").resolve(List.of(dot, dotDot), as(Membership.Role.MEMBER), dot::sameAs).users())
                .as("only dot is in the room").containsExactly(dot);
        assertThat(in("@dot.. and @dot").resolve(List.of(dot, dotDot), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER)
                .users()).as("each written").containsExactly(dotDot, dot);
        assertThat(in("thanks @dot..\u0301").resolve(List.of(dot, dotDot, dotDotDot), as(Membership.Role.MEMBER),
                EVERYONE_A_MEMBER).users()).as("the accent is on the last dot").containsExactly(dotDot);
    }

    @Test
    void onlyExistingUsersAreMentionedAsTheySpellThemselves() {
        Mentions mentions = in("@ALICE @nobody @bob.k").resolve(List.of(ALICE, BOB), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER);

        assertThat(mentions.users()).containsExactly(ALICE, BOB);
        assertThat(mentions.room()).isFalse();
    }

    @Test
    void theRoomIsCalledByItsOwnerAndModeratorsOnly() {
        assertThat(in("@room look").resolve(List.of(), as(Membership.Role.OWNER), EVERYONE_A_MEMBER).room()).isTrue();
        assertThat(in("@Room look").resolve(List.of(), as(Membership.Role.MODERATOR), EVERYONE_A_MEMBER).room()).isTrue();
        assertThat(in("@room look").resolve(List.of(), as(Membership.Role.MEMBER), EVERYONE_A_MEMBER).room()).isFalse();
        assertThat(in("@room look").resolve(List.of(), Optional.empty(), EVERYONE_A_MEMBER).room()).isFalse();
    }

    @Test
    void aTextFullOfNamesCostsAtMostMaxNamesLookUps() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Mentions.MAX_NAMES + 10; i++) {
            text.append("@user").append(i).append(' ');
        }
        assertThat(in(text.toString()).names()).hasSize(Mentions.MAX_NAMES);
    }

    @Test
    void aDeletedMessageMentionsNobody() {
        Message message = new Message(new MessageId(1), ROOM, new UserId(7), ALICE,
                new MessageDraft(new MessageText("@bob.k hi"), MessageType.TEXT, null), null, Instant.EPOCH)
                .withMentions(new Mentions(List.of(BOB), false));

        assertThat(message.delete(new UserId(7), Optional.empty()).mentions()).isEqualTo(Mentions.NONE);
        assertThat(message.edit(new UserId(7), new MessageText("hi"), Instant.EPOCH, null).mentions().users())
                .containsExactly(BOB);
    }
}
