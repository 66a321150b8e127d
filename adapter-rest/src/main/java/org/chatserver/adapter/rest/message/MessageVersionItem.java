package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.domain.MessageVersion;

/**
 * An earlier text of an edited message.
 *
 * @param editedAt when the edit that replaced this text was made
 */
record MessageVersionItem(String content,
                          @JsonProperty("edited_at") @Schema(format = "date-time") String editedAt) {

    static MessageVersionItem of(MessageVersion version) {
        return new MessageVersionItem(version.text().value(), WireTime.format(version.replacedAt()));
    }
}
