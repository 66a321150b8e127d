package org.chatserver.adapter.rest.message;

import java.util.List;
import org.chatserver.adapter.rest.RestMapperConfig;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.adapter.wire.ReactionItem;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** REST's own answers; the message and reaction items are the shapes the WebSocket sends too. */
@Mapper(config = RestMapperConfig.class)
interface MessageMapper {

    default MessageItem toItem(MessageView view) {
        return MessageItem.of(view);
    }

    default List<MessageItem> toItems(List<MessageView> views) {
        return views.stream().map(MessageItem::of).toList();
    }

    @Mapping(target = "messageId", source = "message.id.value")
    MessageReactionsResponse toReactionsResponse(MessageView view);

    default List<ReactionItem> toReactionItems(List<ReactionSummary> summaries) {
        return ReactionItem.of(summaries);
    }

    default String emoji(ReactionType type) {
        return type == null ? null : type.emoji();
    }
}
