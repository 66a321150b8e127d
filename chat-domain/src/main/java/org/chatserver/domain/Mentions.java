package org.chatserver.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    // "@" not glued to a word of any script before it (letters, marks, digits, connectors, or a username's dot or
    // dash: so e-mail addresses are no mentions, andré@example.com included), then a username's characters
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}\\p{Pc}.\\-@])@([A-Za-z0-9_.\\-]+)");

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
     * {@link #MAX_NAMES}; and whether it says {@code @room}. A name written with dots at its end is looked up both as
     * written and without them: "@bob." at the end of a sentence names bob, and names {@code bob.} (a name may end
     * in dots) when there is such a user. A name ends where a character as shown ends: "@bob" followed by an accent, a
     * joiner or a variation selector, which would make its last letter another character, names nobody.
     */
    public static Candidates candidates(MessageText text) {
        Map<String, Username> names = new LinkedHashMap<>();
        Map<String, String> withoutDots = new HashMap<>();
        Set<String> writtenAsSuch = new HashSet<>();
        boolean room = false;
        Matcher m = MENTION.matcher(text.value());
        UnicodeText.Shown shown = null;
        while (m.find()) {
            String written = m.group(1);
            String word = written.replaceAll("\\.+$", "");
            if (m.end(1) < text.value().length()) {
                shown = shown == null ? UnicodeText.Shown.of(text.value()) : shown;
                if (!shown.isBoundary(m.end(1))) {
                    // "@bob" and U+0301 shows an accented last letter: a name that is not bob's. Dots with a mark
                    // on the last ("@bob." and U+0301) still end the name without them where a character begins
                    if (word.equals(written) || !shown.isBoundary(m.start(1) + word.length())) {
                        continue;
                    }
                    written = word;
                }
            }
            if (word.equalsIgnoreCase(ROOM)) {
                room = true;
                continue;
            }
            Username plain = isName(word) ? new Username(word) : null;
            if (!written.equals(word) && isName(written) && names.size() < MAX_NAMES) {
                Username dotted = new Username(written);
                names.putIfAbsent(dotted.canonical(), dotted);
                if (plain != null) {
                    withoutDots.put(dotted.canonical(), plain.canonical());
                }
            }
            if (plain != null && names.size() < MAX_NAMES) {
                names.putIfAbsent(plain.canonical(), plain);
                if (written.equals(word)) {
                    writtenAsSuch.add(plain.canonical());
                }
            }
        }
        return new Candidates(List.copyOf(names.values()), room, Map.copyOf(withoutDots), Set.copyOf(writtenAsSuch));
    }

    private static boolean isName(String word) {
        return word.length() >= Username.MIN_LENGTH && word.length() <= Username.MAX_LENGTH;
    }

    /**
     * The names a text puts after {@code @}, not yet known to be users, and whether it asks for the room.
     *
     * @param withoutDots   for a name written with dots at its end, the same name without them (canonical forms)
     * @param writtenAsSuch the names also written without dots after them (canonical forms)
     */
    public record Candidates(List<Username> names, boolean room, Map<String, String> withoutDots,
                             Set<String> writtenAsSuch) {

        /**
         * The mentions these become: those of {@code existing}, the users that exist (as stored: their spelling
         * wins), who are a {@code member} of the room, and the room only when {@code author} may call it, an owner or
         * moderator of the room. A name written with dots at its end that is a user's name as written names that
         * user, not the one without the dots, when that user is a {@code member} of the room or the one without the
         * dots does not exist. Otherwise anyone could sign up as {@code bob.} and take every "ask @bob." at the end of
         * a sentence from bob, in every room.
         *
         * @param member whether the user of this name, one of {@code existing}, is a member of the room
         */
        public Mentions resolve(Collection<Username> existing, Optional<Membership> author, Predicate<Username> member) {
            Set<String> notMeant = new HashSet<>();
            for (Username name : names) {
                String plain = withoutDots.get(name.canonical());
                if (plain == null || writtenAsSuch.contains(plain)) {
                    continue;
                }
                existing.stream().filter(name::sameAs).findFirst().ifPresent(dotted -> {
                    boolean plainExists = existing.stream().anyMatch(user -> user.canonical().equals(plain));
                    if (!plainExists || member.test(dotted)) {
                        notMeant.add(plain);
                    } else {
                        notMeant.add(name.canonical());
                    }
                });
            }
            List<Username> users = new ArrayList<>();
            for (Username name : names) {
                if (!notMeant.contains(name.canonical())) {
                    existing.stream().filter(name::sameAs).findFirst().filter(member).ifPresent(users::add);
                }
            }
            return new Mentions(users, room && author.map(Membership::canModerate).orElse(false));
        }
    }
}
