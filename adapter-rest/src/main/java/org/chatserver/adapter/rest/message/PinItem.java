package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.port.in.message.PinMessageUseCase.PinnedView;

/** A pinned message: the message item, then who pinned it and when. */
record PinItem(@JsonUnwrapped MessageItem item, @JsonProperty("pinned_by") String pinnedBy,
               @JsonProperty("pinned_at") @Schema(format = "date-time") String pinnedAt) {

    static PinItem of(PinnedView pin) {
        return new PinItem(MessageItem.of(pin.message()), pin.pinnedBy().value(), WireTime.format(pin.pinnedAt()));
    }
}
