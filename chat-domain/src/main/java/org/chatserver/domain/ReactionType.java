package org.chatserver.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The six reactions the clients offer. One per user per message. */
public enum ReactionType {
    THUMBS_UP("👍"), HEART("❤️"), LAUGH("😂"), WOW("😮"), SAD("😢"), ANGRY("😡");

    private final String emoji;

    ReactionType(String emoji) {
        this.emoji = emoji;
    }

    public String emoji() {
        return emoji;
    }

    public static Optional<ReactionType> fromEmoji(String value) {
        if (value == null) {
            return Optional.empty();
        }
        // clients differ on the variation selector after the heart: accept both spellings
        String normalized = value.strip().replace("\uFE0F", "");
        return Arrays.stream(values())
                .filter(t -> t.emoji.replace("\uFE0F", "").equals(normalized))
                .findFirst();
    }

    public static List<String> emojis() {
        return Arrays.stream(values()).map(ReactionType::emoji).toList();
    }
}
