package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/**
 * Body of room creation. Trimming, emptiness and length are the domain's to judge (422 from
 * {@code RoomName}); {@code is_private} is accepted too, as the key the answer uses.
 */
record CreateRoomRequest(
        @NotNull(message = "name is required") String name,
        @JsonProperty("private") @JsonAlias("is_private") Boolean isPrivate) {

    boolean privateRoom() {
        return Boolean.TRUE.equals(isPrivate);
    }
}
