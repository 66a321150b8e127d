package org.chatserver.adapter.rest;

import java.util.Locale;
import java.util.Map;
import org.chatserver.domain.InvalidValueException;

/**
 * Unknown keys of a body are ignored (the original server's clients may send anything), except one that is an
 * optional field misspelt where leaving that field out does what the caller did not mean: {@code upto} for
 * mark-read's {@code up_to} would read everything, {@code share_read_receipt} would leave read receipts on.
 */
public final class MisspeltKeys {

    /** Below this many letters a field is only matched exactly (ignoring case and separators): {@code into} is no
     * {@code up_to}. */
    private static final int LETTERS_FOR_A_TYPO = 6;

    private MisspeltKeys() {
    }

    /**
     * Refuses a key of {@code unknown} (the body's keys no field took) that is {@code field} written another way:
     * in other case or separators ({@code upTo}, {@code up-to}), or, for longer names, one letter off (left out,
     * added, replaced, or two swapped: {@code share_read_receipt}, {@code share_read_reciepts}).
     */
    public static void refuse(Map<String, ?> unknown, String field) {
        refuse(unknown, field, LETTERS_FOR_A_TYPO);
    }

    /**
     * As {@link #refuse(Map, String)}, with a short name one letter off refused too ({@code up_too}, {@code p_to},
     * {@code up_t0}): for a field whose absence does what cannot be undone, where a key that merely looks like it is
     * worth a 422 (mark-read without {@code up_to} reads the whole room, and read positions never move back).
     */
    public static void refuseEvenShort(Map<String, ?> unknown, String field) {
        refuse(unknown, field, 0);
    }

    private static void refuse(Map<String, ?> unknown, String field, int lettersForATypo) {
        if (unknown == null) {
            return;
        }
        String wanted = letters(field);
        for (String key : unknown.keySet()) {
            String given = letters(key);
            if (given.equals(wanted) || wanted.length() >= lettersForATypo && oneEditApart(given, wanted)) {
                throw new InvalidValueException(key, "{} is not a field of this request: send " + field);
            }
        }
    }

    private static String letters(String key) {
        return key.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    /** One letter left out, added or replaced, or two neighbours swapped. */
    private static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int start = 0;
        while (start < a.length() && start < b.length() && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        int endA = a.length();
        int endB = b.length();
        while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        int restA = endA - start;
        int restB = endB - start;
        if (restA <= 1 && restB <= 1) {
            return true;
        }
        return restA == 2 && restB == 2 && a.charAt(start) == b.charAt(start + 1)
                && a.charAt(start + 1) == b.charAt(start);
    }
}
