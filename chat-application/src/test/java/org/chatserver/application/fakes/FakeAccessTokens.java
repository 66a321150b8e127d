package org.chatserver.application.fakes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chatserver.application.port.out.auth.AccessTokens;

/** Remembers what it issued; anything else is a forgery. */
public final class FakeAccessTokens implements AccessTokens {

    private final Map<String, AccessTokenClaims> issued = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    @Override
    public String issue(AccessTokenClaims claims) {
        String token = "access-" + counter.incrementAndGet() + "-" + claims.sessionId();
        issued.put(token, claims);
        return token;
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token, Instant now) {
        return Optional.ofNullable(token == null ? null : issued.get(token))
                .filter(c -> now.isBefore(c.expiresAt()));
    }
}
