package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

    @Test
    void foldsCaseAccentsAndCompatibilityForms() {
        assertThat(SearchText.normalise("Café CRÈME")).isEqualTo("cafe creme");
        assertThat(SearchText.normalise("Straße")).isEqualTo("strasse");
        assertThat(SearchText.normalise("ＡＢＣ ﬁle ①")).isEqualTo("abc file 1");
        assertThat(SearchText.normalise("  two\n\t lines  ")).isEqualTo("two lines");
        assertThat(SearchText.normalise("❤️ and ❤")).isEqualTo("❤ and ❤");
        assertThat(SearchText.normalise("Ελληνικά")).isEqualTo("ελληνικα");
    }

    /** Writers of Arabic and Hebrew mostly leave the vowel marks out, and a French keyboard may have no œ. */
    @Test
    void foldsArabicAndHebrewVowelMarksArabicLetterVariantsAndLatinLigaturesOfTwoLetters() {
        assertThat(SearchText.normalise("مَرْحَبًا")).isEqualTo(SearchText.normalise("مرحبا")).isEqualTo("مرحبا");
        assertThat(SearchText.normalise("أحمد وإيمان وآمنة")).isEqualTo("احمد وايمان وامنه");
        assertThat(SearchText.normalise("على")).as("the alif maqsura, typed for the yeh").isEqualTo("علي");
        assertThat(SearchText.normalise("مدرسة")).as("the teh marbuta, typed as the heh").isEqualTo("مدرسه");
        assertThat(SearchText.normalise("کتاب فارسی")).as("Persian keheh and yeh").isEqualTo("كتاب فارسي");
        assertThat(SearchText.normalise("ﻋﻠﻰ")).as("presentation forms, as old text has them").isEqualTo("علي");
        assertThat(SearchQuery.parse("مدرسه").excerpt("في المدرسة اليوم", 200).orElseThrow().hits())
                .as("the word as written is marked").containsExactly(new SearchQuery.Excerpt.Hit(5, 10));
        assertThat(SearchText.normalise("مـــرحبا")).as("a word stretched with kashidas").isEqualTo("مرحبا");
        assertThat(SearchText.normalise("שָׁלוֹם")).isEqualTo("שלום");
        assertThat(SearchText.normalise("תל־אביב")).as("the maqaf is punctuation, kept").isEqualTo("תל־אביב");
        assertThat(SearchText.normalise("Cœur ÆGIR")).isEqualTo("coeur aegir");
        assertThat(SearchQuery.parse("coeur").excerpt("Mon cœur!", 200).orElseThrow().text()).isEqualTo("Mon cœur!");
    }

    @Test
    void keepsWhatChangesAWordInOtherScripts() {
        // voicing marks make different kana; Hangul stays in syllables
        assertThat(SearchText.normalise("がき")).isNotEqualTo(SearchText.normalise("かき"));
        assertThat(SearchText.normalise("회의는")).isEqualTo("회의는");
        assertThat(SearchText.normalise("明日の会議")).isEqualTo("明日の会議");
    }

    @Test
    void aMessageIsSearchedByItsTextAndFileName() {
        var draft = new MessageDraft(new MessageText("See the Café menu"), MessageType.TEXT_WITH_DOCUMENT,
                new Attachment("a1.pdf", "Menü 2026.pdf", 10L, "application/pdf"));

        assertThat(SearchText.of(draft)).isEqualTo("see the cafe menu" + SearchText.FILE_NAME_SEPARATOR + "menu 2026.pdf");
    }

    @Test
    void twoCharacterCjkRunsArePairsATrigramIndexCanFind() {
        String pairs = SearchText.pairsOf(SearchText.normalise("明日の会議は10時, ok"));

        assertThat(pairs).startsWith("|明日明|").contains("|会議会|", "|0時0|").doesNotContain("ok", " ");
        assertThat(SearchText.pairsOf("plain english only")).isEmpty();
        assertThat(SearchText.pairsOf("회의 회의")).isEqualTo("|회의회|");
        assertThat(SearchText.isPair("会議")).isTrue();
        assertThat(SearchText.isPair("회의")).isTrue();
        assertThat(SearchText.isPair("ok")).isFalse();
        assertThat(SearchText.isPair("会議は")).isFalse();
        assertThat(SearchText.isPair("会 ")).isFalse();
    }

    @Test
    void readsWordsAndPhrases() {
        assertThat(SearchQuery.parse("Deploy  \"the Café\" deploy*").terms()).containsExactly("the cafe", "deploy");
        assertThat(SearchQuery.parse("c++ -v").terms()).containsExactly("c++", "-v");
        // a term inside another adds nothing
        assertThat(SearchQuery.parse("dep deploy").terms()).containsExactly("deploy");
        assertThat(SearchQuery.parse("\"open phrase").terms()).containsExactly("open phrase");
        assertThat(SearchQuery.parse("会議").terms()).containsExactly("会議");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", " x ", "会", "🚀"})
    void refusesLessThanTwoCharacters(String typed) {
        assertThatThrownBy(() -> SearchQuery.parse(typed))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("search text must be at least 2 characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "* *", "- +", "( )", "\"*\" ~", "\u0301\u0301", "\u00a0\u00a0"})
    void refusesOnlyOperators(String typed) {
        assertThatThrownBy(() -> SearchQuery.parse(typed))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("search text must contain something to look for, not only spaces and operators");
    }

    /** A one-letter search matches nearly everything: the minimum holds for what is searched, not what is typed. */
    @ParameterizedTest
    @ValueSource(strings = {"a*", "\"a\"", "a\u0301", "a\u200b", "a b", "\"会\" *"})
    void refusesALongerQueryWhoseWordsAreEachOneCharacterOnceSearched(String typed) {
        assertThatThrownBy(() -> SearchQuery.parse(typed))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("search text must contain a word or phrase of at least 2 characters"
                        + " (accents, marks and operators aside)");
    }

    @Test
    void aOneCharacterWordBesideALongerOneIsFine() {
        assertThat(SearchQuery.parse("a bc").terms()).containsExactly("bc", "a");
    }

    @Test
    void refusesTooLongAQuery() {
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(201)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("search text must be at most 200 characters long");
        assertThatThrownBy(() -> SearchQuery.parse("a1 a2 a3 a4 a5 a6 a7 a8 a9 b1 b2"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("search text may have at most 10 words or phrases");
    }

    @Test
    void matchesWhenEveryTermIsFound() {
        var query = SearchQuery.parse("cafe deploy");

        assertThat(query.matches("we redeployed the cafe")).isTrue();
        assertThat(query.matches("we redeployed")).isFalse();
    }

    @Test
    void excerptMarksEveryHitInTheOriginalText() {
        var excerpt = SearchQuery.parse("cafe STRASSE").excerpt("Das Café in der Straße, café!", 200).orElseThrow();

        assertThat(excerpt.text()).isEqualTo("Das Café in der Straße, café!");
        assertThat(excerpt.hits()).extracting(hit -> excerpt.text().substring(hit.start(), hit.end()))
                .containsExactly("Café", "Straße", "café");
        assertThat(excerpt.cutStart()).isFalse();
        assertThat(excerpt.cutEnd()).isFalse();
    }

    @Test
    void excerptMarksAccentedLettersWholeAndCjkRuns() {
        var accented = SearchQuery.parse("cafe").excerpt("CAFE\u0301 au lait", 200).orElseThrow();
        assertThat(accented.hits()).extracting(hit -> accented.text().substring(hit.start(), hit.end()))
                .containsExactly("CAFE\u0301");

        var japanese = SearchQuery.parse("会議").excerpt("明日の会議は10時", 200).orElseThrow();
        assertThat(japanese.hits()).containsExactly(new SearchQuery.Excerpt.Hit(3, 5));
    }

    @Test
    void excerptOfALongTextIsAtMostTheLengthAroundTheFirstHit() {
        String text = "a".repeat(500) + " needle " + "b".repeat(500);

        var excerpt = SearchQuery.parse("needle").excerpt(text, 200).orElseThrow();

        assertThat(excerpt.text()).hasSize(200).contains(" needle ");
        assertThat(excerpt.cutStart()).isTrue();
        assertThat(excerpt.cutEnd()).isTrue();
        assertThat(excerpt.hits()).hasSize(1);
        var hit = excerpt.hits().getFirst();
        assertThat(excerpt.text().substring(hit.start(), hit.end())).isEqualTo("needle");
        assertThat(SearchQuery.parse("nothere").excerpt(text, 200)).isEmpty();
        assertThat(List.of(SearchQuery.parse("aaa").excerpt("aaaaa", 200).orElseThrow().hits()))
                .containsExactly(List.of(new SearchQuery.Excerpt.Hit(0, 5)));
    }

    /** A highlight shows whole characters: no half of a family emoji, no accent without its letter, at either end. */
    @Test
    void excerptOfALongTextIsCutBetweenCharactersAsShown() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
        String accented = "e\u0301";
        for (String character : List.of(family, accented)) {
            String text = character.repeat(150) + " needleword " + character.repeat(150);

            var excerpt = SearchQuery.parse("needleword").excerpt(text, 200).orElseThrow();

            assertThat(excerpt.text()).as("the excerpt around the hit").startsWith(character).endsWith(character)
                    .hasSizeLessThanOrEqualTo(200).contains(" needleword ");
            assertThat(excerpt.text().replace(character, "")).isEqualTo(" needleword ");
            var hit = excerpt.hits().getFirst();
            assertThat(excerpt.text().substring(hit.start(), hit.end())).isEqualTo("needleword");
        }
    }

    /** A hit on the first person of a family emoji marks the whole family, not the man and a dangling joiner. */
    @Test
    void aHitInsideAnEmojiSequenceMarksTheWholeSequence() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String text = "emoji " + family + " family";

        var excerpt = SearchQuery.parse("family \uD83D\uDC68").excerpt(text, 200).orElseThrow();

        assertThat(excerpt.hits()).extracting(hit -> excerpt.text().substring(hit.start(), hit.end()))
                .containsExactly(family, "family");
    }
}
