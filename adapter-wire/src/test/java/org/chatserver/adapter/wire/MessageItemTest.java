package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message item exactly as the clients decode it, written by a mapper set up as REST's (Spring's
 * defaults) and as the WebSocket's (snake_case naming): the same text from both.
 */
class MessageItemTest {

    private static final JsonMapper REST = JsonMapper.builder().build();
    private static final JsonMapper WEBSOCKET = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private static final Instant AT = Instant.parse("2025-10-04T18:42:41.987Z");

    @Test
    void aTextMessageHasEveryKeyInOrderWithNullFileKeys() {
        Message text = message(new MessageDraft(new MessageText("hello"), MessageType.TEXT, null));

        String expected = """
                {"message_id":7,"room_id":3,"sender":"alice","message":"hello","message_type":"text",\
                "file_url":null,"file_name":null,"file_size":null,"mime_type":null,\
                "timestamp":"2025-10-04T18:42:41Z","reactions":[],"user_reaction":null,\
                "edited_at":null,"deleted":false,"reply_to":null,"reply_count":0,"mentions":[],"preview_url":null}""";
        assertThat(REST.writeValueAsString(MessageItem.of(text))).isEqualTo(expected);
        assertThat(WEBSOCKET.writeValueAsString(MessageItem.of(text))).isEqualTo(expected);
    }

    @Test
    void aFileMessageCarriesItsFileItsPreviewAndAnEmptyTextNeverNull() {
        Message photo = message(new MessageDraft(MessageText.EMPTY, MessageType.IMAGE,
                new Attachment("3f2a.png", "holiday.png", 1234L, "image/png", "3f2a-preview.jpg")));

        String expected = """
                {"message_id":7,"room_id":3,"sender":"alice","message":"","message_type":"image",\
                "file_url":"/api/files/3f2a.png","file_name":"holiday.png","file_size":1234,"mime_type":"image/png",\
                "timestamp":"2025-10-04T18:42:41Z","reactions":[],"user_reaction":null,\
                "edited_at":null,"deleted":false,"reply_to":null,"reply_count":0,"mentions":[],\
                "preview_url":"/api/files/3f2a-preview.jpg"}""";
        assertThat(REST.writeValueAsString(MessageItem.of(photo))).isEqualTo(expected);
        assertThat(WEBSOCKET.writeValueAsString(MessageItem.of(photo))).isEqualTo(expected);
    }

    @Test
    void reactionsAsTheViewerSeesThem() {
        Message text = message(new MessageDraft(new MessageText("hi"), MessageType.TEXT, null));
        MessageView view = new MessageView(text, List.of(new ReactionSummary(ReactionType.HEART,
                List.of(new Username("bob"), new Username("carol")))), ReactionType.HEART);

        String json = WEBSOCKET.writeValueAsString(MessageItem.of(view));

        assertThat(json).endsWith("\"reactions\":[{\"reaction_type\":\"❤️\",\"count\":2,\"users\":[\"bob\",\"carol\"]}],"
                + "\"user_reaction\":\"❤️\",\"edited_at\":null,\"deleted\":false,\"reply_to\":null,\"reply_count\":0,"
                + "\"mentions\":[],\"preview_url\":null}");
        assertThat(REST.writeValueAsString(MessageItem.of(view))).isEqualTo(json);
    }

    @Test
    void anEditedReplyCarriesItsEditTimeItsParentAndItsReplies() {
        Message parent = message(new MessageDraft(new MessageText("what time is the meeting?"), MessageType.TEXT, null));
        Message reply = new Message(new MessageId(8), new RoomId(3), new UserId(2), new Username("bob"),
                new MessageDraft(new MessageText("ten"), MessageType.TEXT, null), null, AT,
                Instant.parse("2025-10-04T18:45:00.5Z"), false, parent.asReference(), 2);

        String expected = """
                {"message_id":8,"room_id":3,"sender":"bob","message":"ten","message_type":"text",\
                "file_url":null,"file_name":null,"file_size":null,"mime_type":null,\
                "timestamp":"2025-10-04T18:42:41Z","reactions":[],"user_reaction":null,\
                "edited_at":"2025-10-04T18:45:00Z","deleted":false,\
                "reply_to":{"message_id":7,"sender":"alice","message":"what time is the meeting?"},"reply_count":2,\
                "mentions":[],"preview_url":null}""";
        assertThat(REST.writeValueAsString(MessageItem.of(reply))).isEqualTo(expected);
        assertThat(WEBSOCKET.writeValueAsString(MessageItem.of(reply))).isEqualTo(expected);
    }

    @Test
    void aDeletedMessageIsATombstone() {
        Message photo = message(new MessageDraft(new MessageText("look"), MessageType.TEXT_WITH_IMAGE,
                new Attachment("3f2a.png", "holiday.png", 1234L, "image/png", "3f2a-preview.jpg")));
        Message tombstone = photo.delete(photo.senderId(), java.util.Optional.empty());

        String expected = """
                {"message_id":7,"room_id":3,"sender":"alice","message":"","message_type":"text",\
                "file_url":null,"file_name":null,"file_size":null,"mime_type":null,\
                "timestamp":"2025-10-04T18:42:41Z","reactions":[],"user_reaction":null,\
                "edited_at":null,"deleted":true,"reply_to":null,"reply_count":0,"mentions":[],"preview_url":null}""";
        assertThat(REST.writeValueAsString(MessageItem.of(tombstone))).isEqualTo(expected);
        assertThat(WEBSOCKET.writeValueAsString(MessageItem.of(tombstone))).isEqualTo(expected);
    }

    @Test
    void timesAreWholeSecondsInUtcAndAMissingTimeIsNull() {
        assertThat(WireTime.format(Instant.parse("2025-10-04T18:42:41.999999Z"))).isEqualTo("2025-10-04T18:42:41Z");
        assertThat(WireTime.format(Instant.parse("2025-10-04T18:42:41Z"))).isEqualTo("2025-10-04T18:42:41Z");
        assertThat(WireTime.format(null)).isNull();
    }

    private static Message message(MessageDraft draft) {
        return new Message(new MessageId(7), new RoomId(3), new UserId(1), new Username("alice"), draft, null, AT);
    }

    @Test
    void mentionsNameUsersAsTheySpellThemThenTheRoom() {
        Message text = message(new MessageDraft(new MessageText("@Bob @room"), MessageType.TEXT, null))
                .withMentions(new org.chatserver.domain.Mentions(List.of(new Username("Bob")), true));

        String json = WEBSOCKET.writeValueAsString(MessageItem.of(text));

        assertThat(json).endsWith("\"reply_count\":0,\"mentions\":[\"Bob\",\"room\"],\"preview_url\":null}");
        assertThat(REST.writeValueAsString(MessageItem.of(text))).isEqualTo(json);
    }
}
