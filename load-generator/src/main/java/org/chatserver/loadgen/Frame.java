package org.chatserver.loadgen;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The few top-level keys of a server frame this tool reads. Pulled with the streaming parser:
 * at thousands of receipts a second on a shared machine, building trees would cost the tool
 * CPU the server needs.
 */
public record Frame(String type, String message, String clientId, long messageId) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The frame in {@code text}, or null when it is not a JSON object with a string "type". */
    public static Frame parse(String text) {
        String type = null;
        String message = null;
        String clientId = null;
        long messageId = -1;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "message" -> message = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "client_id" -> clientId = value.isScalarValue() ? parser.getValueAsString() : null;
                    case "message_id" -> messageId = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        }
        return type == null ? null : new Frame(type, message, clientId, messageId);
    }
}
