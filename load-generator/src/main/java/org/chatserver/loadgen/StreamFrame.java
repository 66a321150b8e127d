package org.chatserver.loadgen;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A frame of {@code /ws/user}: the keys {@link Frame} reads plus the {@code room_id} every room
 * frame of the user stream carries (docs/websocket.md). Streaming parser, like {@link Frame}, for
 * the same reason: thousands of receipts a second on the server's own cores.
 *
 * @param roomId {@code room_id} when it is a JSON integer, else -1 (a receipt without a valid room
 *               id counts as misdirected)
 */
public record StreamFrame(Frame frame, long roomId) {

    private static final JsonFactory JSON = new JsonFactory();

    public String type() {
        return frame.type();
    }

    /** The frame in {@code text}, or null when it is not a JSON object with a string "type". */
    public static StreamFrame parse(String text) {
        String type = null;
        String message = null;
        String clientId = null;
        long messageId = -1;
        long roomId = -1;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.PROPERTY_NAME) {
                    return null;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean string = value == JsonToken.VALUE_STRING;
                boolean integer = value == JsonToken.VALUE_NUMBER_INT;
                switch (name) {
                    case "type" -> type = string ? parser.getString() : null;
                    case "room_id" -> roomId = integer ? parser.getLongValue() : -1;
                    case "message" -> message = string ? parser.getString() : null;
                    case "client_id" -> clientId = value.isScalarValue() ? parser.getValueAsString() : null;
                    case "message_id" -> messageId = integer ? parser.getLongValue() : -1;
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return null;
        }
        return type == null ? null : new StreamFrame(new Frame(type, message, clientId, messageId), roomId);
    }
}
