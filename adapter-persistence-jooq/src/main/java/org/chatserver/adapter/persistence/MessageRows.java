package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.util.Arrays;
import java.util.List;
import org.chatserver.adapter.persistence.generated.tables.records.MessagesRecord;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/** Reading messages with their sender's name: shared by the message and the room repository. */
final class MessageRows {

    private MessageRows() {
    }

    /** Every column but the search text, which only the database's search reads. */
    static final List<Field<?>> COLUMNS = Arrays.stream(MESSAGES.fields())
            .filter(field -> !field.equals(MESSAGES.SEARCH_TEXT))
            .toList();

    static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(COLUMNS)
                .select(USERS.USERNAME)
                .from(MESSAGES)
                .join(USERS).on(USERS.ID.eq(MESSAGES.SENDER_ID));
    }

    static Message toMessage(Record row) {
        MessagesRecord message = row.into(MESSAGES);
        Attachment attachment = message.getFileName() == null ? null
                : new Attachment(message.getFileName(), message.getFileDisplayName(), message.getFileSize(),
                        message.getMimeType());
        var draft = new MessageDraft(new MessageText(message.getContent()), MessageType.valueOf(message.getMessageType()),
                attachment);
        return new Message(new MessageId(message.getId()), new RoomId(message.getRoomId()),
                new UserId(message.getSenderId()), new Username(row.get(USERS.USERNAME)), draft,
                message.getClientId(), message.getCreatedAt());
    }
}
