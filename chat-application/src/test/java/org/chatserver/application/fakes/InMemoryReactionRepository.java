package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Thread-safe in-memory {@link ReactionRepository}. */
public final class InMemoryReactionRepository implements ReactionRepository {

    /** Users of one reaction come by reaction time, then user id, as the database orders them. */
    private static final Comparator<Map.Entry<UserId, Reaction>> REACTION_ORDER =
            Comparator.comparing((Map.Entry<UserId, Reaction> e) -> e.getValue().at())
                    .thenComparing(e -> e.getKey().value());

    private final UserRepository users;
    /** per message: user id to reaction */
    private final Map<MessageId, Map<UserId, Reaction>> reactions = new HashMap<>();

    public InMemoryReactionRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized void set(MessageId message, UserId user, ReactionType type, Instant now) {
        Map<UserId, Reaction> byUser = reactions.computeIfAbsent(message, m -> new HashMap<>());
        Reaction before = byUser.get(user);
        // repeating the same reaction keeps its place; a different one counts as reacting anew
        if (before == null || before.type() != type) {
            byUser.put(user, new Reaction(type, now.truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    @Override
    public synchronized boolean remove(MessageId message, UserId user) {
        Map<UserId, Reaction> byUser = reactions.get(message);
        return byUser != null && byUser.remove(user) != null;
    }

    @Override
    public synchronized void removeAll(MessageId message) {
        reactions.remove(message);
    }

    @Override
    public synchronized Map<MessageId, List<ReactionSummary>> summaries(Collection<MessageId> messages) {
        Map<MessageId, List<ReactionSummary>> result = new HashMap<>();
        for (MessageId message : messages) {
            Map<ReactionType, List<Username>> grouped = new EnumMap<>(ReactionType.class);
            reactions.getOrDefault(message, Map.of()).entrySet().stream().sorted(REACTION_ORDER).forEach(e ->
                    grouped.computeIfAbsent(e.getValue().type(), t -> new ArrayList<>())
                            .add(users.findById(e.getKey()).orElseThrow().username()));
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
            Reaction reaction = reactions.getOrDefault(message, Map.of()).get(user);
            if (reaction != null) {
                result.put(message, reaction.type());
            }
        }
        return result;
    }

    @Override
    public synchronized Map<MessageId, Seen> seenBy(UserId viewer, Collection<MessageId> messages) {
        Map<MessageId, ReactionType> own = reactionsOf(viewer, messages);
        Map<MessageId, Seen> result = new HashMap<>();
        summaries(messages).forEach((message, summaries) -> result.put(message, new Seen(summaries, own.get(message))));
        return result;
    }

    private record Reaction(ReactionType type, Instant at) {
    }
}
