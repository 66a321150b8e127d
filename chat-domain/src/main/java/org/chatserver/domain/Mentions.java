package org.chatserver.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a message's text calls: {@code @username} of a member of the message's room, and {@code @room} for every
 * member, which only the room's owner and moderators may use (anyone else's {@code @room} stays text). Someone who is
 * not a member is not called, in any kind of room, so the message does not name them either: its mentions are
 * exactly the people it counts and notifies (and its author, when they name themselves).
 *
 * @param users the members named, in the order the text first names them, each once
 * @param room  whether the message calls every member of the room
 */
public record Mentions(List<Username> users, boolean room) {

    /** The word for "everyone in the room"; it means the room even if a user has that name. */
    public static final String ROOM = "room";
    /** Names looked up per message at most: a text full of {@code @}s costs no more than this. */
    public static final int MAX_NAMES = 50;
    public static final Mentions NONE = new Mentions(List.of(), false);

    /**
     * The letters and digits of that writing that Unicode gives no script of their own (Script=Common): those whose
     * Script_Extensions name only Han, Hiragana or Katakana (Unicode 16; none for the other five). Java's patterns know
     * no Script_Extensions, hence the list: ー (U+30FC) and its halfwidth ｰ (U+FF70), the vertical kana repeat marks
     * 〱–〵 (U+3031–U+3035), the masu mark 〼 (U+303C), 〆 (U+3006), the Han annotation marks ㆒–㆕ (U+3192–U+3195),
     * the parenthesised and circled ideographs ㈠–㈩ and ㊀–㊉ (U+3220–U+3229, U+3280–U+3289) and the counting-rod
     * digits (U+1D360–U+1D371). Not the voiced marks, combining (U+3099, U+309A) or halfwidth (U+FF9E, U+FF9F): each
     * extends the character before it, so after a name it is a mark on its last letter, which names nobody, as an
     * accent does (characters as shown). 々 (U+3005) is Han already. The web client's copy (views/message.js) is the same.
     */
    private static final String SPACELESS_COMMON = "\\x{3006}\\x{3031}-\\x{3035}\\x{303C}\\x{30FC}\\x{3192}-\\x{3195}"
            + "\\x{3220}-\\x{3229}\\x{3280}-\\x{3289}\\x{FF70}\\x{1D360}-\\x{1D371}";

    // "@" not glued to a word of any script before it (letters, marks, digits, connectors, or a username's dot or
    // dash: so e-mail addresses are no mentions, andré@example.com included), then a username's characters, all of
    // them, not glued to a letter, digit or connector after them ("@bobé" is no bob); a mark after them is left to
    // where characters as shown end. Except a letter of a script written without spaces between words, or whose
    // particles and titles are written onto the name (Chinese, Japanese, Korean, Thai, Lao, Khmer, Burmese), and the
    // letters of that writing that belong to no script (SPACELESS_COMMON):
    // "@bob你好", "@bobさん" and "@bob님" are bob, as one writes them
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{N}\\p{Pc}.\\-@])@([A-Za-z0-9_.\\-]++)(?![\\p{L}\\p{N}\\p{Pc}&&[^"
                    + "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsThai}\\p{IsLao}\\p{IsKhmer}"
                    + "\\p{IsMyanmar}" + SPACELESS_COMMON + "]])");

    public Mentions {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
    }

    public boolean isEmpty() {
        return users.isEmpty() && !room;
    }

    /** Whether the message calls this user by name. */
    public boolean names(Username user) {
        return users.stream().anyMatch(u -> u.sameAs(user));
    }

    /**
     * What a text asks for before anyone is looked up: the names after an {@code @}, each once ignoring case, at most
     * {@link #MAX_NAMES}; and whether it says {@code @room}. A name written with dots at its end may mean any of the
     * names it is as written and with fewer dots, down to none ("@bob." at the end of a sentence is bob, or
     * {@code bob.}, since a name may end in dots): all are looked up, and {@link Candidates#resolve} picks one. A name
     * ends where a character as shown ends: "@bob" followed by an accent, a joiner or a variation selector, which
     * would make its last letter another character, names nobody; with the accent on a last dot, the name is what
     * comes before that dot.
     */
    public static Candidates candidates(MessageText text) {
        Map<String, Username> names = new LinkedHashMap<>();
        List<List<String>> written = new ArrayList<>();
        boolean room = false;
        Matcher m = MENTION.matcher(text.value());
        UnicodeText.Shown shown = null;
        while (m.find()) {
            String name = m.group(1);
            if (m.end(1) < text.value().length()) {
                shown = shown == null ? UnicodeText.Shown.of(text.value()) : shown;
                if (!shown.isBoundary(m.end(1))) {
                    // "@bob" and U+0301 shows an accented last letter: a name that is not bob's. A mark on a last dot
                    // ("@bob." and U+0301) leaves the name before that dot
                    if (!name.endsWith(".")) {
                        continue;
                    }
                    name = name.substring(0, name.length() - 1);
                }
            }
            String word = name.replaceAll("\\.+$", "");
            if (word.equalsIgnoreCase(ROOM)) {
                room = true;
                continue;
            }
            List<String> forms = new ArrayList<>();
            for (int end = name.length(); end >= word.length(); end--) {
                String form = name.substring(0, end);
                if (isName(form) && (names.size() < MAX_NAMES || names.containsKey(form.toLowerCase(Locale.ROOT)))) {
                    Username user = new Username(form);
                    names.putIfAbsent(user.canonical(), user);
                    forms.add(user.canonical());
                }
            }
            if (!forms.isEmpty()) {
                written.add(List.copyOf(forms));
            }
        }
        return new Candidates(List.copyOf(names.values()), room, List.copyOf(written));
    }

    private static boolean isName(String word) {
        return word.length() >= Username.MIN_LENGTH && word.length() <= Username.MAX_LENGTH;
    }

    /**
     * The names a text puts after {@code @}, not yet known to be users, and whether it asks for the room.
     *
     * @param written each name as written, in the text's order: the names it may be (canonical forms), longest first;
     *                more than one for a name written with dots at its end
     */
    public record Candidates(List<Username> names, boolean room, List<List<String>> written) {

        /**
         * The mentions these become: each name written is the user of the longest name it may be who is a
         * {@code member} of the room, one of {@code existing}, the users that exist (as stored: their spelling wins);
         * the room only when {@code author} may call it, an owner or moderator of the room. So a name written with
         * dots at its end that is a user's name as written names that user, not the one without the dots, when that
         * user is a member of the room. Otherwise anyone could sign up as {@code bob.} and take every "ask @bob." at
         * the end of a sentence from bob, in every room.
         *
         * @param member whether the user of this name, one of {@code existing}, is a member of the room
         */
        public Mentions resolve(Collection<Username> existing, Optional<Membership> author, Predicate<Username> member) {
            Map<String, Username> members = new HashMap<>();
            existing.stream().filter(member).forEach(user -> members.putIfAbsent(user.canonical(), user));
            Map<String, Username> users = new LinkedHashMap<>();
            for (List<String> forms : written) {
                forms.stream().filter(members::containsKey).findFirst()
                        .ifPresent(named -> users.putIfAbsent(named, members.get(named)));
            }
            return new Mentions(List.copyOf(users.values()), room && author.map(Membership::canModerate).orElse(false));
        }
    }
}
