package org.chatserver.application.service.auth;

import java.time.Clock;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.ListSessionsUseCase;
import org.chatserver.application.port.out.auth.SessionStore;

public final class ListSessionsService implements ListSessionsUseCase {

    private final SessionStore sessions;
    private final Clock clock;

    public ListSessionsService(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public List<DeviceSession> sessions(AuthenticatedUser caller) {
        return sessions.liveOf(caller.userId(), clock.instant()).stream()
                .map(s -> new DeviceSession(s.id(), s.device(), s.createdAt(), s.lastUsedAt(),
                        s.id().equals(caller.sessionId())))
                .toList();
    }
}
