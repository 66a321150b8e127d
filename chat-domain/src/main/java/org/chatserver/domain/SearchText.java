package org.chatserver.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text the way search compares it, so that what people type finds what people wrote: compatibility
 * forms unified (NFKD: full-width letters, ligatures, circled digits; and {@code œ}, {@code æ}), accents and other
 * Latin, Greek and Cyrillic diacritics dropped ({@code Café} is {@code cafe}), Arabic and Hebrew vowel and reading
 * marks too ({@code مَرْحَبًا} is {@code مرحبا}) and the Arabic letters written for one another, case folded ({@code STRASSE}
 * is {@code straße}'s {@code strasse}), emoji variation selectors and zero-width joiners dropped, and
 * every run of white space or control characters one space. Marks that change a word in other
 * scripts (Japanese voicing marks, Indic vowel signs) stay; Hangul stays in syllables.
 *
 * <p>Messages are stored with this form beside their text ({@link #of(MessageDraft)}), and queries are
 * put in the same form ({@link SearchQuery}), so a match is a plain substring test on every database.
 */
public final class SearchText {

    /**
     * Between a message's text and its file name in {@link #of(MessageDraft)}: a control character,
     * which {@link #fold} turns into a space in any query, so no query term can match across the two.
     */
    public static final char FILE_NAME_SEPARATOR = '\u001F';

    private SearchText() {
    }

    /** What a message is searched by: its text and, when it carries a file, the file's name. */
    public static String of(MessageDraft draft) {
        Attachment file = draft.attachment();
        return of(draft.text().value(), file == null ? null : file.displayName());
    }

    /** @param fileName the name a message's file is shown by, null when it carries none */
    public static String of(String text, String fileName) {
        String folded = normalise(text);
        return fileName == null ? folded : folded + FILE_NAME_SEPARATOR + normalise(fileName);
    }

    /**
     * The two-character runs of a message's search text that involve Chinese, Japanese or Korean, as
     * pair tokens ({@link #pairToken}) between {@code |}: what lets a database index find a two-character
     * CJK word, which is shorter than the three characters a trigram index can look up. Empty when
     * there are none.
     */
    public static String pairsOf(String searchText) {
        java.util.LinkedHashSet<String> tokens = new java.util.LinkedHashSet<>();
        int[] codePoints = searchText.codePoints().toArray();
        for (int i = 0; i + 1 < codePoints.length; i++) {
            String pair = new String(codePoints, i, 2);
            if (isPair(pair)) {
                tokens.add(pairToken(pair));
            }
        }
        return tokens.isEmpty() ? "" : "|" + String.join("|", tokens) + "|";
    }

    /** Whether a two-character term is looked up among the {@link #pairsOf pairs}: at least one CJK character, no space. */
    public static boolean isPair(String term) {
        int[] codePoints = term.codePoints().toArray();
        return codePoints.length == 2 && isWordCharacter(codePoints[0]) && isWordCharacter(codePoints[1])
                && (isCjk(codePoints[0]) || isCjk(codePoints[1]));
    }

    /**
     * A pair as stored among the pairs: its two characters and the first again, so that it is three
     * characters long and a trigram index can look it up.
     */
    public static String pairToken(String pair) {
        return pair + new String(Character.toChars(pair.codePointAt(0)));
    }

    private static boolean isWordCharacter(int c) {
        return c != ' ' && c != '|' && c != FILE_NAME_SEPARATOR;
    }

    private static boolean isCjk(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO;
    }

    public static String normalise(String text) {
        return fold(text).text();
    }

    /**
     * The folded text, and for each of its {@code char}s the range of the original text it came
     * from: highlighting finds hits in the folded text and marks them in the original.
     */
    public static Folded fold(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] from = new int[original.length() + 8];
        int[] to = new int[original.length() + 8];
        for (int i = 0; i < original.length(); ) {
            int codePoint = original.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            String piece = foldOne(codePoint);
            if (piece.isEmpty() && !out.isEmpty()) {
                // a dropped accent belongs to the letter before it: a highlight marks both
                to[out.length() - 1] = next;
            }
            for (int k = 0; k < piece.length(); k++) {
                char c = piece.charAt(k);
                if (c == ' ' && (out.isEmpty() || out.charAt(out.length() - 1) == ' ')) {
                    continue;
                }
                if (out.length() == from.length) {
                    from = Arrays.copyOf(from, from.length * 2);
                    to = Arrays.copyOf(to, to.length * 2);
                }
                from[out.length()] = i;
                to[out.length()] = next;
                out.append(c);
            }
            i = next;
        }
        int length = out.length();
        if (length > 0 && out.charAt(length - 1) == ' ') {
            length--;
        }
        return new Folded(out.substring(0, length), Arrays.copyOf(from, length), Arrays.copyOf(to, length));
    }

    /**
     * {@link #fold(int)} of every character of the Basic Multilingual Plane, filled as characters are met: each
     * is folded through two normalisations and two case mappings once per process instead of once per
     * character of every text searched, indexed or highlighted (a third of the search benchmark's allocations
     * before). Two threads folding the same character at once store equal strings.
     */
    private static final String[] FOLDED_BMP = new String[Character.MAX_VALUE + 1];

    private static String foldOne(int codePoint) {
        if (codePoint > Character.MAX_VALUE) {
            return fold(codePoint);
        }
        String folded = FOLDED_BMP[codePoint];
        if (folded == null) {
            folded = fold(codePoint);
            FOLDED_BMP[codePoint] = folded;
        }
        return folded;
    }

    /** Latin letters written as two that no Unicode normalisation takes apart: {@code cœur} is found as {@code coeur}. */
    private static final java.util.Map<Integer, String> LATIN_LIGATURES = java.util.Map.of(
            0x0152, "oe", 0x0153, "oe", 0x00C6, "ae", 0x00E6, "ae");

    /**
     * Arabic-script letters that writers and keyboards use for one another, folded to one, as search engines for
     * Arabic and Persian do: the alif maqsura and the Persian yeh are the yeh ({@code على} is found as {@code علي}),
     * the teh marbuta is the heh it sounds like at the end of a word ({@code مدرسه} finds {@code مدرسة}), the Persian
     * keheh is the kaf.
     */
    private static final java.util.Map<Integer, Integer> ARABIC_LETTER_VARIANTS = java.util.Map.of(
            0x0649, 0x064A, 0x06CC, 0x064A, 0x0629, 0x0647, 0x06A9, 0x0643);

    private static String fold(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || Character.isISOControl(codePoint)) {
            return " ";
        }
        if (codePoint < 0x80) {
            return Character.toString(Character.toLowerCase(codePoint));
        }
        String ligature = LATIN_LIGATURES.get(codePoint);
        if (ligature != null) {
            return ligature;
        }
        String decomposed = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                kept.append(' ');
            } else if (!isDropped(c)) {
                kept.appendCodePoint(ARABIC_LETTER_VARIANTS.getOrDefault(c, c));
            }
        });
        return Normalizer.normalize(kept, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * Diacritics of the Latin, Greek and Cyrillic kind; the vowel and reading marks of Arabic and Hebrew, which
     * writers mostly leave out (the hamza of أ too, so that it is found as ا, and the kashida that only stretches a
     * word); variation selectors; and invisible formatting.
     */
    private static boolean isDropped(int c) {
        return (c >= 0x0300 && c <= 0x036F) // combining diacritical marks
                || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) // their extensions and supplement
                || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) // for symbols; half marks
                || (c >= 0xFE00 && c <= 0xFE0F) // variation selectors: the emoji and text forms of one symbol
                || isArabicMark(c) || isHebrewMark(c)
                || Character.getType(c) == Character.FORMAT; // zero-width joiners and spaces, bidi controls, soft hyphen
    }

    /** Harakat, tanwin, shadda, sukun, the hamza and madda signs, the dagger alif, Quranic marks, the kashida. */
    private static boolean isArabicMark(int c) {
        return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670
                || (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || (c >= 0x06E7 && c <= 0x06E8)
                || (c >= 0x06EA && c <= 0x06ED) || c == 0x0640;
    }

    /** Niqqud and cantillation; not the maqaf, paseq, sof pasuq or nun hafukha, which are punctuation. */
    private static boolean isHebrewMark(int c) {
        return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4
                || c == 0x05C5 || c == 0x05C7;
    }

    /**
     * @param text the folded text
     * @param from for each char of {@code text}, where in the original text the character it came from starts
     * @param to   ... and where it ends
     */
    public record Folded(String text, int[] from, int[] to) {
    }
}
