package org.chatserver.adapter.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.ReactionType;

/** Values as clients write them (a message type's name, a reaction's emoji), read once, at the edge. */
public final class WireValues {

    private static final String MESSAGE_TYPE = "message_type";
    private static final String REACTION_TYPE = "reaction_type";

    private WireValues() {
    }

    public static String messageType(MessageType type) {
        return type.label();
    }

    /** {@code online}, {@code away} or {@code offline}: members lists, user look-ups and, later, presence frames. */
    public static String presence(PresenceStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A declared {@code message_type}; null or blank when the client left it to the server. Its case and the spaces
     * around it are ignored, as a role's are: {@code IMAGE} was refused while {@code " image"} was taken.
     */
    public static MessageType messageType(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        return MessageType.fromLabel(declared.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidValueException(MESSAGE_TYPE,
                MESSAGE_TYPE + " must be one of " + Arrays.stream(MessageType.values()).map(MessageType::label)
                        .collect(Collectors.joining(", "))));
    }

    /** A {@code reaction_type}: one of the six emoji, with or without the heart's variation selector. */
    public static ReactionType reaction(String emoji) {
        return ReactionType.fromEmoji(emoji).orElseThrow(() -> new InvalidValueException(REACTION_TYPE,
                REACTION_TYPE + " must be one of " + String.join(" ", ReactionType.emojis())));
    }
}
