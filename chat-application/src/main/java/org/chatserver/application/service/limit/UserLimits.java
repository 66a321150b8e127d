package org.chatserver.application.service.limit;

import java.time.Clock;
import org.chatserver.application.port.out.auth.ThrottleStore;

/**
 * The per-user limits of the chat: posts over REST, and rooms opened (created, or direct messages opened anew) from
 * one budget. Both are kept in the login throttle's {@link ThrottleStore}, under keys of their own.
 */
public record UserLimits(UserRateLimit restPosts, UserRateLimit rooms) {

    static final String POSTS_WAIT = "Too many messages in a short time: wait %s, then post again";
    static final String ROOMS_WAIT = "Too many new rooms in a short time: wait %s, then try again";

    /** A null policy turns its limit off: nothing is counted, the store is not asked. */
    public static UserLimits of(ThrottleStore store, Clock clock, UserRateLimit.Policy restPosts,
                                UserRateLimit.Policy rooms) {
        return new UserLimits(restPosts == null ? UserRateLimit.unlimited(store, clock)
                        : new UserRateLimit("p:", POSTS_WAIT, restPosts, store, clock),
                rooms == null ? UserRateLimit.unlimited(store, clock)
                        : new UserRateLimit("r:", ROOMS_WAIT, rooms, store, clock));
    }
}
