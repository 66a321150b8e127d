package org.chatserver.application.port.in;

import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** The caller behind a valid access token of a live session. */
public record AuthenticatedUser(UserId userId, Username username, SessionId sessionId) {
}
