package org.chatserver.adapter.rest.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A partial update: a key left out keeps its value. */
record SettingsRequest(
        @JsonProperty("share_read_receipts")
        @Schema(description = "false: appear in no seen-by list and send no read frames", nullable = true)
        Boolean shareReadReceipts) {
}
