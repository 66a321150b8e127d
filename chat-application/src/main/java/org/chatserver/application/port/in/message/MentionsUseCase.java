package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;

public interface MentionsUseCase {

    /**
     * The messages that mention the caller, across the rooms they are a member of, newest first:
     * older than {@code paging.before()} (null: the newest), at most {@code paging.limit()}. Deleted
     * messages mention nobody; a page after a message ({@code paging.after()}) is not offered.
     */
    List<MessageView> mentions(AuthenticatedUser caller, Paging paging);
}
