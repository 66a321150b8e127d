package org.chatserver.domain;

import java.util.List;

/** One reaction on one message: how many gave it and who, in the order they reacted. */
public record ReactionSummary(ReactionType type, List<Username> users) {

    public ReactionSummary {
        users = List.copyOf(users);
    }

    public int count() {
        return users.size();
    }
}
