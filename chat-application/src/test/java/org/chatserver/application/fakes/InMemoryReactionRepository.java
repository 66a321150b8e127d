package org.chatserver.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.out.ReactionRepository;
import org.chatserver.application.port.out.UserRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Thread-safe in-memory {@link ReactionRepository}. */
public final class InMemoryReactionRepository implements ReactionRepository {

    private final UserRepository users;
    /** per message: user id to reaction, in the order the reactions were given */
    private final Map<MessageId, LinkedHashMap<UserId, ReactionType>> reactions = new HashMap<>();

    public InMemoryReactionRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized void set(MessageId message, UserId user, ReactionType type, Instant now) {
        LinkedHashMap<UserId, ReactionType> byUser = reactions.computeIfAbsent(message, m -> new LinkedHashMap<>());
        if (byUser.get(user) != type) {
            byUser.remove(user);
            byUser.put(user, type);
        }
    }

    @Override
    public synchronized boolean remove(MessageId message, UserId user) {
        LinkedHashMap<UserId, ReactionType> byUser = reactions.get(message);
        return byUser != null && byUser.remove(user) != null;
    }

    @Override
    public synchronized Map<MessageId, List<ReactionSummary>> summaries(Collection<MessageId> messages) {
        Map<MessageId, List<ReactionSummary>> result = new HashMap<>();
        for (MessageId message : messages) {
            LinkedHashMap<UserId, ReactionType> byUser = reactions.getOrDefault(message, new LinkedHashMap<>());
            Map<ReactionType, List<Username>> grouped = new EnumMap<>(ReactionType.class);
            byUser.forEach((user, type) -> grouped.computeIfAbsent(type, t -> new ArrayList<>())
                    .add(users.findById(user).orElseThrow().username()));
            if (!grouped.isEmpty()) {
                result.put(message, grouped.entrySet().stream()
                        .map(e -> new ReactionSummary(e.getKey(), e.getValue())).toList());
            }
        }
        return result;
    }

    @Override
    public synchronized Map<MessageId, ReactionType> reactionsOf(UserId user, Collection<MessageId> messages) {
        Map<MessageId, ReactionType> result = new HashMap<>();
        for (MessageId message : messages) {
            ReactionType type = reactions.getOrDefault(message, new LinkedHashMap<>()).get(user);
            if (type != null) {
                result.put(message, type);
            }
        }
        return result;
    }
}
