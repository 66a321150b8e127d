package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** The broadcast is the shared message item (adapter-wire's MessageItem, as REST sends it) after its type. */
class MessageFrameTest {

    @Test
    void theMessageFrameIsTheTypeThenTheItemKeyByKey() {
        Message photo = new Message(new MessageId(7), new RoomId(3), new UserId(1), new Username("alice"),
                new MessageDraft(new MessageText("look"), MessageType.TEXT_WITH_IMAGE,
                        new Attachment("3f2a.png", "holiday.png", 1234L, "image/png")),
                "c-1", Instant.parse("2025-10-04T18:42:41.5Z"));

        assertThat(OutboundFrames.message(photo)).isEqualTo("""
                {"type":"message","message_id":7,"room_id":3,"sender":"alice","message":"look",\
                "message_type":"text_with_image","file_url":"/api/files/3f2a.png","file_name":"holiday.png",\
                "file_size":1234,"mime_type":"image/png","timestamp":"2025-10-04T18:42:41Z","reactions":[],\
                "user_reaction":null,"edited_at":null,"deleted":false,"reply_to":null,"reply_count":0,"mentions":[],\
                "preview_url":null}""");
    }
}
