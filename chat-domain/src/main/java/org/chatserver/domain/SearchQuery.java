package org.chatserver.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a user searches for: words and "quoted phrases", each folded to {@link SearchText}'s form. A
 * message matches when its search text contains every term, anywhere: so case and accents do not
 * matter, a word finds longer words it is part of ({@code deploy} finds {@code redeployed}), and any
 * run of Chinese, Japanese or Korean characters is found inside a sentence with no spaces. A term's
 * trailing {@code *} is allowed and changes nothing (every term is a prefix and a substring); terms made
 * only of operator characters ({@value #OPERATORS}) are dropped.
 *
 * @param terms folded, distinct, none inside another, longest first; at least one
 */
public record SearchQuery(List<String> terms) {

    static final String SUBJECT = "search text";
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 200;
    public static final int MAX_TERMS = 10;
    static final String OPERATORS = "\"*()+-|&!^~:";

    public SearchQuery {
        terms = List.copyOf(terms);
        if (terms.isEmpty() || terms.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a query needs at least one term, and no empty ones");
        }
    }

    /** Reads what a user typed; refuses one that is too short, too long, or only operators. */
    public static SearchQuery parse(String typed) {
        String stripped = typed == null ? "" : typed.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < MIN_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_LENGTH + " characters long");
        }
        List<String> terms = new ArrayList<>();
        for (Token token : tokens(stripped)) {
            String term = SearchText.normalise(token.phrase() ? token.text() : withoutTrailingStars(token.text()));
            if (!term.isEmpty() && !onlyOperators(term) && !terms.contains(term)) {
                terms.add(term);
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidValueException(SUBJECT, "{} must contain something to look for, not only spaces and"
                    + " operators (" + OPERATORS + ")");
        }
        // measured as searched: "a*", "\"a\"", an a with a combining accent or a zero-width space are one letter
        if (terms.stream().mapToInt(term -> term.codePointCount(0, term.length())).max().orElse(0) < MIN_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must contain a word or phrase of at least " + MIN_LENGTH
                    + " characters (accents, marks and operators aside)");
        }
        if (terms.size() > MAX_TERMS) {
            throw new InvalidValueException(SUBJECT, "{} may have at most " + MAX_TERMS + " words or phrases");
        }
        // a term inside another adds nothing: every term must be found anyway
        List<String> longestFirst = terms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<String> kept = new ArrayList<>();
        for (String term : longestFirst) {
            if (kept.stream().noneMatch(longer -> longer.contains(term))) {
                kept.add(term);
            }
        }
        return new SearchQuery(kept);
    }

    /** Whether a message with this {@link SearchText} matches: it contains every term. */
    public boolean matches(String searchText) {
        return terms.stream().allMatch(searchText::contains);
    }

    /**
     * The part of {@code text} (the original, not folded) around the first hit, at most {@code max}
     * characters, with every hit inside it; empty when no term occurs in it.
     */
    public Optional<Excerpt> excerpt(String text, int max) {
        SearchText.Folded folded = SearchText.fold(text);
        List<Excerpt.Hit> hits = new ArrayList<>();
        for (String term : terms) {
            for (int at = folded.text().indexOf(term); at >= 0; at = folded.text().indexOf(term, at + 1)) {
                hits.add(new Excerpt.Hit(folded.from()[at], folded.to()[at + term.length() - 1]));
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        UnicodeText.Shown shown = UnicodeText.Shown.of(text);
        // a hit marks whole characters as shown: a mark inside a family emoji or before an accent would split it
        hits.replaceAll(hit -> new Excerpt.Hit(shown.startOf(hit.start()), shown.endOf(hit.end())));
        hits.sort(Comparator.comparingInt(Excerpt.Hit::start));
        List<Excerpt.Hit> merged = new ArrayList<>();
        for (Excerpt.Hit hit : hits) {
            Excerpt.Hit last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && hit.start() <= last.end()) {
                merged.set(merged.size() - 1, new Excerpt.Hit(last.start(), Math.max(last.end(), hit.end())));
            } else {
                merged.add(hit);
            }
        }
        int first = merged.getFirst().start();
        int start = 0;
        int end = text.length();
        if (text.length() > max) {
            // some context before the first hit, the rest after it
            start = Math.max(0, Math.min(first - max / 4, text.length() - max));
            end = start + max;
            // cut between characters as shown (never half a family emoji or an accent without its letter); one
            // longer than the excerpt (a letter under hundreds of marks) is cut between code points
            int shownStart = shown.endOf(start);
            int shownEnd = shown.startOf(end);
            if (shownStart <= first && shownStart < shownEnd) {
                start = shownStart;
            } else if (Character.isLowSurrogate(text.charAt(start))) {
                start++;
            }
            if (shownEnd > first && shownEnd > start) {
                end = shownEnd;
            } else if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end--;
            }
        }
        int from = start;
        int until = end;
        List<Excerpt.Hit> inside = merged.stream()
                .filter(hit -> hit.start() < until && hit.end() > from)
                .map(hit -> new Excerpt.Hit(Math.max(hit.start(), from) - from, Math.min(hit.end(), until) - from))
                .toList();
        return Optional.of(new Excerpt(text.substring(start, end), inside, start > 0, end < text.length()));
    }

    private static String withoutTrailingStars(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '*') {
            end--;
        }
        return token.substring(0, end);
    }

    private static boolean onlyOperators(String term) {
        return term.chars().allMatch(c -> c == ' ' || OPERATORS.indexOf(c) >= 0);
    }

    /** Words split at white space, and phrases between double quotes (an open quote runs to the end). */
    private static List<Token> tokens(String typed) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inPhrase = false;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '"') {
                tokens.add(new Token(current.toString(), inPhrase));
                current.setLength(0);
                inPhrase = !inPhrase;
            } else if (!inPhrase && Character.isWhitespace(c)) {
                tokens.add(new Token(current.toString(), false));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        tokens.add(new Token(current.toString(), inPhrase));
        return tokens;
    }

    private record Token(String text, boolean phrase) {
    }

    /**
     * A piece of a message's text with the hits in it.
     *
     * @param hits   in order, not overlapping, as char offsets into {@code text}
     * @param cutStart whether text before it was left out
     * @param cutEnd   whether text after it was left out
     */
    public record Excerpt(String text, List<Hit> hits, boolean cutStart, boolean cutEnd) {

        public Excerpt {
            hits = List.copyOf(hits);
        }

        /** {@code [start, end)} */
        public record Hit(int start, int end) {
        }
    }
}
