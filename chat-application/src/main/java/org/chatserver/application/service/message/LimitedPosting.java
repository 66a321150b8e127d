package org.chatserver.application.service.message;

import java.util.Objects;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.service.limit.UserRateLimit;

/**
 * Posting by callers that have no flood limit of their own (REST): each post takes one from the author's
 * {@link UserRateLimit} first, so a refused one stores and publishes nothing. A WebSocket connection posts through
 * {@link PostMessageService} directly: it is limited per connection, as its frames arrive.
 */
public final class LimitedPosting implements PostMessageUseCase {

    private final PostMessageUseCase posting;
    private final UserRateLimit limit;

    public LimitedPosting(PostMessageUseCase posting, UserRateLimit limit) {
        this.posting = Objects.requireNonNull(posting, "posting");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    @Override
    public Posted post(AuthenticatedUser caller, PostMessageCommand command) {
        limit.take(caller.userId());
        return posting.post(caller, command);
    }
}
