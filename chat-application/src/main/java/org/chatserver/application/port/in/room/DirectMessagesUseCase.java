package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.Username;

public interface DirectMessagesUseCase {

    /**
     * The direct message of the caller and {@code peer}, opened now if they never wrote to each other:
     * the same room from either side, with both as members. As the caller's room list shows it.
     */
    RoomSummary open(AuthenticatedUser caller, Username peer);
}
