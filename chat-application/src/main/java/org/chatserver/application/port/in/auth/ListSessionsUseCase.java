package org.chatserver.application.port.in.auth;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.SessionId;

public interface ListSessionsUseCase {

    /**
     * The caller's sessions that still work (not ended, their refresh token not expired), the one used last first, so
     * that they can recognise a device they no longer have and end it ({@link LogOutUseCase#logOutSession}).
     */
    List<DeviceSession> sessions(AuthenticatedUser caller);

    /**
     * One session as its user sees it. {@code device} is null when the client could not be told (or the session began
     * before devices were named); {@code current} marks the caller's own.
     */
    record DeviceSession(SessionId id, DeviceLabel device, Instant createdAt, Instant lastUsedAt, boolean current) {
    }
}
