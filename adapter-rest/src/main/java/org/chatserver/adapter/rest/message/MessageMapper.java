package org.chatserver.adapter.rest.message;

import java.util.List;
import org.chatserver.adapter.rest.RestMapperConfig;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Username;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

@Mapper(config = RestMapperConfig.class)
interface MessageMapper {

    @Mapping(target = "messageId", source = "message.id.value")
    @Mapping(target = "roomId", source = "message.roomId.value")
    @Mapping(target = "sender", source = "message.sender")
    @Mapping(target = "message", source = "message.content.text.value")
    @Mapping(target = "messageType", source = "message.content.type")
    @Mapping(target = "fileUrl", source = "message.content.attachment", qualifiedByName = "fileUrl")
    @Mapping(target = "fileName", source = "message.content.attachment.displayName")
    @Mapping(target = "fileSize", source = "message.content.attachment.size")
    @Mapping(target = "mimeType", source = "message.content.attachment.mimeType")
    @Mapping(target = "timestamp", source = "message.createdAt")
    MessageItem toItem(MessageView view);

    List<MessageItem> toItems(List<MessageView> views);

    @Mapping(target = "messageId", source = "message.id.value")
    MessageReactionsResponse toReactionsResponse(MessageView view);

    List<ReactionItem> toReactionItems(List<ReactionSummary> summaries);

    default ReactionItem toReactionItem(ReactionSummary summary) {
        // count() is derived, not a record component, so MapStruct would not see it
        return new ReactionItem(summary.type().emoji(), summary.count(),
                summary.users().stream().map(Username::value).toList());
    }

    @Named("fileUrl")
    default String fileUrl(Attachment attachment) {
        return attachment == null ? null : attachment.url();
    }

    default String emoji(ReactionType type) {
        return type == null ? null : type.emoji();
    }

    default String wireName(MessageType type) {
        return type.wireName();
    }

    default String username(Username username) {
        return username.value();
    }
}
