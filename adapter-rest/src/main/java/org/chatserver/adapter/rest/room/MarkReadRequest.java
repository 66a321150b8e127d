package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.chatserver.domain.InvalidValueException;

/**
 * Optional body of mark-read; without it (or without {@code up_to}) everything is read. So a key it does not know is
 * refused, not ignored as in other bodies: a misspelt {@code upto} would read everything.
 */
record MarkReadRequest(
        @JsonProperty("up_to") @Schema(description = "read up to this message of the room, included", example = "42")
        Long upTo,
        @JsonAnySetter @Hidden Map<String, Object> unknown) {

    /** The message to read up to (null: everything), refusing a key this body does not have. */
    Long checkedUpTo() {
        if (unknown != null && !unknown.isEmpty()) {
            throw new InvalidValueException(unknown.keySet().iterator().next(), "{} is not a field of this request");
        }
        return upTo;
    }
}
