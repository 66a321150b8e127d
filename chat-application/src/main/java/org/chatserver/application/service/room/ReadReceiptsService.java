package org.chatserver.application.service.room;

import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.ReadReceiptsUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;

public final class ReadReceiptsService implements ReadReceiptsUseCase {

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final RoomAccess access;

    public ReadReceiptsService(RoomRepository rooms, MessageRepository messages, RoomAccess access) {
        this.rooms = rooms;
        this.messages = messages;
        this.access = access;
    }

    @Override
    public List<SeenBy> seenBy(AuthenticatedUser caller, RoomId id, MessageId messageId) {
        RoomAccess.Visit visit = access.visit(caller, id);
        Room room = visit.room();
        Message message = messages.findById(messageId).filter(m -> m.roomId().equals(room.id()))
                .orElseThrow(() -> new NotFoundException(MarkReadService.MESSAGE_NOT_FOUND));
        room.checkReadReceiptsShownTo(visit.membership());
        return rooms.seenBy(room.id(), message.id(), message.senderId(), MAX_SEEN_BY).stream()
                .map(reader -> new SeenBy(reader.username(), reader.readAt()))
                .toList();
    }

    @Override
    public Map<UserId, ReadPosition> readPositions(AuthenticatedUser caller, MembersList list) {
        // the list's room and the membership it was read with: no second visit
        if (!list.room().showsReadReceiptsTo(list.membershipOf(caller.userId()))) {
            return Map.of();
        }
        return rooms.sharedReadPositions(list.room().id(), list.ids());
    }
}
