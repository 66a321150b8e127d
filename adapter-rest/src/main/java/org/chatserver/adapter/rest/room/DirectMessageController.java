package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.chatserver.adapter.wire.RoomListItem;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.DirectMessagesUseCase;
import org.chatserver.domain.Username;
import org.mapstruct.factory.Mappers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "rooms", description = "Rooms the caller can see")
public class DirectMessageController {

    private static final RoomMapper MAPPER = Mappers.getMapper(RoomMapper.class);

    private final DirectMessagesUseCase directMessages;

    public DirectMessageController(DirectMessagesUseCase directMessages) {
        this.directMessages = directMessages;
    }

    @PostMapping(path = "/api/dms", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open the direct message with a user",
            description = "A private room of exactly the caller and `username`, the same room on every call from "
                    + "either side; answered as the room list shows it (`kind` `dm`, `peer`). 404 `User not found`; "
                    + "400 for yourself.")
    RoomListItem open(AuthenticatedUser caller, @Valid @RequestBody DirectMessageRequest body) {
        return MAPPER.toListItem(directMessages.open(caller, new Username(body.username())));
    }
}
