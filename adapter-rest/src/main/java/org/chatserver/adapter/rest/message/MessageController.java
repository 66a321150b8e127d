package org.chatserver.adapter.rest.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.mapstruct.factory.Mappers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/messages/{room_id}")
@Tag(name = "messages", description = "A room's history, oldest first in message id order")
public class MessageController {

    static final MessageMapper MAPPER = Mappers.getMapper(MessageMapper.class);
    private static final String DEFAULT_LIMIT = "" + MessageHistoryUseCase.DEFAULT_LIMIT;

    private final MessageHistoryUseCase history;

    public MessageController(MessageHistoryUseCase history) {
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "A page of the room's messages",
            description = "With `after`: the oldest `limit` messages newer than that message id; otherwise the "
                    + "newest `limit` older than `before` (or the newest of all). Never both. `limit` 1 to "
                    + MessageHistoryUseCase.MAX_LIMIT + " (default " + MessageHistoryUseCase.DEFAULT_LIMIT + ").")
    List<MessageItem> page(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestParam(required = false) Long before, @RequestParam(required = false) Long after,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        RoomId room = new RoomId(roomId);
        return MAPPER.toItems(history.page(caller, room, paging(before, after, limit)));
    }

    /** The paging parameters of every message page: history, its alias, threads. */
    static Paging paging(Long before, Long after, int limit) {
        return new Paging(cursor("before", before), cursor("after", after), limit);
    }

    @GetMapping("/recent")
    @Operation(summary = "The newest messages of the room",
            description = "`limit` 1 to " + MessageHistoryUseCase.MAX_LIMIT + " (default "
                    + MessageHistoryUseCase.DEFAULT_LIMIT + ").")
    List<MessageItem> recent(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        RoomId room = new RoomId(roomId);
        return MAPPER.toItems(history.page(caller, room, Paging.newest(limit)));
    }

    /** Named as the client sent it: {@code before} or {@code after}. */
    private static MessageId cursor(String parameter, Long value) {
        return value == null ? null : MessageId.of(parameter, value);
    }
}
