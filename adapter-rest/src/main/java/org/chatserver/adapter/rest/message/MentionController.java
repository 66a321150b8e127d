package org.chatserver.adapter.rest.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MentionsUseCase;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "mentions", description = "Messages that call the caller by @username or @room")
public class MentionController {

    private static final String DEFAULT_LIMIT = "" + MessageHistoryUseCase.DEFAULT_LIMIT;

    private final MentionsUseCase mentions;

    public MentionController(MentionsUseCase mentions) {
        this.mentions = mentions;
    }

    @GetMapping("/api/mentions")
    @Operation(summary = "The caller's mentions, newest first",
            description = "Messages of every room the caller is a member of that mention them, newest first; the "
                    + "next page with `before` = the last item's `message_id`. Read or not: the room list's "
                    + "`mention_count` counts the unread ones. Deleted messages mention nobody. `limit` 1 to "
                    + MessageHistoryUseCase.MAX_LIMIT + " (default " + MessageHistoryUseCase.DEFAULT_LIMIT + ").")
    List<MessageItem> mentions(AuthenticatedUser caller, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        return MessageController.MAPPER.toItems(mentions.mentions(caller, MessageController.paging(before, null, limit)));
    }
}
