package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.ReadReceiptsUseCase;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{room_id}/messages/{message_id}")
@Tag(name = "read receipts", description = "Who has seen what")
public class ReadReceiptController {

    private final ReadReceiptsUseCase receipts;

    public ReadReceiptController(ReadReceiptsUseCase receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/seen-by")
    @Operation(summary = "Members who have read the message",
            description = "Members whose read position covers the message, in the order they read it, at most "
                    + ReadReceiptsUseCase.MAX_SEEN_BY + "; the sender and members who turned read receipts off "
                    + "are left out. 404 `Room not found`, `Message not found` (also for a message of another room); "
                    + "403 `Only members of the room can see who has read its messages` for a public room's reader "
                    + "who is not a member.")
    List<SeenByItem> seenBy(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId) {
        return receipts.seenBy(caller, new RoomId(roomId), new MessageId(messageId)).stream()
                .map(seen -> new SeenByItem(seen.username().value(), WireTime.format(seen.readAt())))
                .toList();
    }
}
