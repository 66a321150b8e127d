package org.chatserver.loadgen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The text of the search scenario's messages, the same for the same seq on every run: English chat with
 * a few common words at known rates, French with accents, Chinese, Japanese and Korean sentences, code
 * and URLs, and rare tags ({@code zx<n>q}, each in about one message of 100,000). No quotes,
 * backslashes or control characters (frames are written without escaping).
 */
final class SearchCorpus {

    /** Distinct rare tags; a tenth of the messages carries one. */
    static final int RARE_TAGS = 10_000;

    /** Everyday words that contain none of the queried words or substrings. */
    private static final List<String> WORDS = List.of("we", "should", "look", "at", "this", "tomorrow", "today",
            "please", "check", "the", "build", "server", "logs", "again", "after", "lunch", "thanks", "sure",
            "sounds", "good", "can", "you", "review", "my", "branch", "ticket", "is", "done", "waiting", "for",
            "answer", "from", "ops", "team", "will", "ask", "about", "it", "later", "new", "version", "ready",
            "test", "failed", "on", "main", "fixed", "typo", "in", "docs", "back", "in", "ten", "minutes", "who",
            "owns", "that", "service", "numbers", "look", "fine", "now", "customer", "called", "twice", "budget",
            "plan", "slides", "draft", "shared", "folder", "calendar", "invite", "sent", "room", "booked", "rain",
            "outside", "train", "late", "working", "home", "weekend", "holiday", "photos", "cake", "office",
            "birthday", "music", "quiet", "please", "mute", "call", "link", "broken", "works", "for", "me");
    private static final List<String> JAPANESE = List.of("明日の会議は%d時からです", "会議室を予約しました",
            "資料を明日までに送ります", "明日は在宅勤務です");
    private static final List<String> CHINESE = List.of("我们明天开会讨论预算", "预算已经批准了", "请把文件发给我",
            "下午三点开会");
    private static final List<String> KOREAN = List.of("내일 회의는 취소되었습니다", "회의록을 공유했습니다",
            "점심 먹으러 가요", "보고서를 확인해 주세요");
    private static final List<String> FRENCH = List.of("on se retrouve au café", "la réunion est à l'hôtel",
            "très bien, à demain", "le déjeuner était délicieux");

    private SearchCorpus() {
    }

    /** The text of message {@code seq}, led by a space (it follows the load generator's payload). */
    static String text(long seq) {
        SplittableRandom random = new SplittableRandom(seq * 0x9E3779B97F4A7C15L + 12345);
        StringBuilder text = new StringBuilder(160);
        int kind = random.nextInt(100);
        if (kind < 4) {
            text.append(' ').append(String.format(JAPANESE.get(random.nextInt(JAPANESE.size())), 9 + random.nextInt(9)));
        } else if (kind < 7) {
            text.append(' ').append(CHINESE.get(random.nextInt(CHINESE.size())));
        } else if (kind < 10) {
            text.append(' ').append(KOREAN.get(random.nextInt(KOREAN.size())));
        } else if (kind < 13) {
            text.append(" run foo").append(random.nextInt(100)).append(".bar(baz) => qux; grep -rn TODO src/");
        } else if (kind < 16) {
            text.append(" see https://example.com/docs/page").append(random.nextInt(1000)).append("?lang=en#top");
        } else if (kind < 21) {
            text.append(' ').append(FRENCH.get(random.nextInt(FRENCH.size())));
        }
        int words = 4 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            text.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
        }
        // the common words, at known rates
        if (random.nextInt(100) < 10) {
            text.append(" meeting");
        }
        int deploy = random.nextInt(100);
        if (deploy < 8) {
            text.append(deploy < 3 ? " deploy" : deploy < 6 ? " redeployed" : " deployment");
        }
        if (random.nextInt(100) < 5) {
            text.append(" coffee");
        }
        if (random.nextInt(10) == 0) {
            text.append(' ').append(rareTag(random.nextInt(RARE_TAGS)));
        }
        return text.toString();
    }

    static String rareTag(int n) {
        return "zx" + n + "q";
    }

    /** What the scenario asks, by kind. */
    enum Kind {
        COMMON(List.of("meeting", "deploy", "coffee")),
        RARE(List.of()),
        CJK(List.of("会議", "明日", "회의", "预算")),
        SUBSTRING(List.of("eploy", "offe", "eetin"));

        private final List<String> queries;

        Kind(List<String> queries) {
            this.queries = queries;
        }

        String query(long i, SplittableRandom random) {
            return this == RARE ? rareTag(random.nextInt(RARE_TAGS)) : queries.get((int) (i % queries.size()));
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
