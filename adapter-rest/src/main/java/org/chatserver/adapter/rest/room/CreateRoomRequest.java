package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import org.chatserver.domain.InvalidValueException;

/**
 * Body of room creation. Trimming, emptiness and length are the domain's to judge (422 from
 * {@code RoomName}); {@code is_private} is accepted too, as the key the answer uses. Both given and saying different
 * things is refused: taking either one would make a room public that its creator may have meant private.
 */
record CreateRoomRequest(
        @NotNull(message = "name is required") String name,
        @JsonProperty("private") Boolean isPrivate,
        @JsonProperty("is_private") @Schema(description = "the same as private, the key the answer uses")
        Boolean isPrivateAsAnswered) {

    boolean privateRoom() {
        if (isPrivate != null && isPrivateAsAnswered != null && !isPrivate.equals(isPrivateAsAnswered)) {
            throw new InvalidValueException("private", "{} and is_private say different things: send one");
        }
        return Boolean.TRUE.equals(isPrivate) || Boolean.TRUE.equals(isPrivateAsAnswered);
    }
}
