package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.chatserver.adapter.wire.RoomListItem;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.MarkReadUseCase;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.mapstruct.factory.Mappers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms")
@Tag(name = "rooms", description = "Rooms the caller can see")
public class RoomController {

    static final RoomMapper MAPPER = Mappers.getMapper(RoomMapper.class);
    private static final String DEFAULT_LIST_LIMIT = "100";

    private final ManageRoomsUseCase rooms;
    private final MarkReadUseCase markRead;

    public RoomController(ManageRoomsUseCase rooms, MarkReadUseCase markRead) {
        this.rooms = rooms;
        this.markRead = markRead;
    }

    @GetMapping
    @Operation(summary = "Public rooms and the caller's private rooms, newest first",
            description = "`limit` 1 to " + ManageRoomsUseCase.MAX_LIST + " (default " + DEFAULT_LIST_LIMIT
                    + "). `unread_count` counts messages of others after the caller's read position, "
                    + "which starts where the room stood when the caller joined it.")
    List<RoomListItem> list(AuthenticatedUser caller,
            @RequestParam(defaultValue = DEFAULT_LIST_LIMIT) int limit) {
        return MAPPER.toListItems(rooms.list(caller, limit));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a room, with the caller as its first member",
            description = "The name is trimmed, 1 to 64 characters, not digits only. "
                    + "409 `Room name already exists` (names are unique ignoring case); 422 for a bad name.")
    RoomResponse create(AuthenticatedUser caller, @Valid @RequestBody CreateRoomRequest body) {
        CreateRoomCommand command = new CreateRoomCommand(new RoomName(body.name()), body.privateRoom());
        return MAPPER.toResponse(rooms.create(caller, command));
    }

    @GetMapping("/{room_id}")
    @Operation(summary = "One room", description = "404 `Room not found`, also for a private room the caller is not in.")
    RoomResponse get(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        return MAPPER.toResponse(rooms.get(caller, new RoomId(roomId)));
    }

    @GetMapping("/{room_id}/me")
    @Operation(summary = "Where the caller stands in a room",
            description = "`member`, `role` (owner, moderator or member; null when not a member) and `banned`: a "
                    + "public room's banned reader may read it but not join it. 404 `Room not found` as for the room.")
    StandingResponse standing(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        ManageRoomsUseCase.Standing standing = rooms.standing(caller, new RoomId(roomId));
        return new StandingResponse(standing.role().isPresent(), MAPPER.role(standing.role().orElse(null)),
                standing.banned());
    }

    @PostMapping(path = "/{room_id}/mark-read", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark the room read, entirely or up to a message",
            description = "Without a body, or without `up_to`: every message. With `{\"up_to\": <message_id>}`: up to "
                    + "that message of the room, included (404 `Message not found` otherwise). The read position "
                    + "never moves backward. Joins a public room the caller was not in yet.")
    MarkReadResponse markRead(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestBody(required = false) MarkReadRequest body) {
        Long upTo = body == null ? null : body.checkedUpTo();
        return MarkReadResponse.of(markRead.markRead(caller, new RoomId(roomId),
                upTo == null ? null : MessageId.of("up_to", upTo)));
    }
}
