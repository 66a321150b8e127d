package org.chatserver.application.service.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.RoomChangesUseCase;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomId;

public final class RoomChangesService implements RoomChangesUseCase {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final ChangeReplay replay;

    public RoomChangesService(MessageRepository messages, ReactionRepository reactions, RoomAccess access) {
        this.messages = messages;
        this.access = access;
        this.replay = new ChangeReplay(messages, reactions);
    }

    @Override
    public ChangePage changes(AuthenticatedUser caller, RoomId roomId, ChangeId since, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("page size", "{} must be between 1 and " + MAX_LIMIT);
        }
        RoomId room = access.visibleRoom(caller, roomId).id();
        if (since != null) {
            since.seenIn(room, messages.roomOfChange(since));
        }
        List<RoomChange> page = messages.changesAfter(room, since, limit + 1);
        boolean more = page.size() > limit;
        List<RoomChange> shown = more ? page.subList(0, limit) : page;
        ChangeId cursor = shown.isEmpty() ? since : shown.getLast().id();
        return new ChangePage(replay.events(shown, since), cursor, more);
    }
}
