package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.chatserver.adapter.rest.MisspeltKeys;

/**
 * Optional body of mark-read; without it (or without {@code up_to}) everything is read. So a key that is {@code up_to}
 * misspelt ({@code upto}, {@code upTo}, {@code up-to}, or a letter off: {@code up_too}, {@code p_to}, {@code up_t0}) is
 * refused: ignored, it would read everything, which cannot be undone. Other keys are
 * ignored, as in every body (the original endpoint took none, and its clients may send anything).
 */
record MarkReadRequest(
        @JsonProperty("up_to") @Schema(description = "read up to this message of the room, included", example = "42")
        Long upTo,
        @JsonAnySetter @Hidden Map<String, Object> unknown) {

    /** The message to read up to (null: everything), refusing {@code up_to} misspelt. */
    Long checkedUpTo() {
        MisspeltKeys.refuseEvenShort(unknown, "up_to");
        return upTo;
    }
}
