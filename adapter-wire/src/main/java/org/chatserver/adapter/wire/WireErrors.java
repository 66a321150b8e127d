package org.chatserver.adapter.wire;

import java.util.Map;
import org.chatserver.domain.InvalidValueException;

/**
 * Refused values in the clients' words. The domain names a value as it thinks of it ("message
 * text"); REST's {@code errors[].field} and every error text name the JSON field the client sent
 * ({@code content}). A subject the table does not know (an adapter's own check, which already uses
 * the wire name, or a word both share such as {@code username}) is used as it is.
 */
public final class WireErrors {

    /** The domain's name for the file a message points at. */
    static final String FILE = "file";
    /**
     * What is wrong with an integer past what its field can hold (no id, count or length of ours is anywhere near):
     * it is an integer all the same, so saying it must be one would mislead. REST and WebSocket alike.
     */
    public static final String OUT_OF_RANGE = "is out of range";
    /** What is wrong with a field that takes a string, or an integer as its digits (a {@code client_id}). */
    public static final String STRING_OR_INTEGER = "must be a string or an integer";

    /** @param label how the text names the value, mostly the field itself */
    private record Wire(String field, String label) {
    }

    private static final Map<String, Wire> NAMES = Map.ofEntries(
            Map.entry("room name", new Wire("name", "room name")),
            Map.entry("room id", new Wire("room_id", "room id")),
            Map.entry("message id", new Wire("message_id", "message_id")),
            Map.entry("user id", new Wire("user_id", "user id")),
            Map.entry("session id", new Wire("session_id", "session id")),
            Map.entry("new password", new Wire("new_password", "new_password")),
            Map.entry("message text", new Wire("content", "content")),
            Map.entry("search text", new Wire("q", "q")),
            Map.entry("message type", new Wire("message_type", "message_type")),
            Map.entry(FILE, new Wire("file_url", "file_url")),
            Map.entry("file name", new Wire("file_name", "file_name")),
            Map.entry("upload part", new Wire("file", "file")),
            Map.entry("file size", new Wire("file_size", "file_size")),
            Map.entry("media type", new Wire("mime_type", "mime_type")),
            Map.entry("client id", new Wire("client_id", "client_id")),
            Map.entry("reply to", new Wire("reply_to", "reply_to")),
            Map.entry("change id", new Wire("since", "cursor")),
            Map.entry("page size", new Wire("limit", "limit")),
            Map.entry("page position", new Wire("before", "before")),
            Map.entry("mute length", new Wire("minutes", "minutes")));

    private WireErrors() {
    }

    /** The JSON field the client sent the refused value in. */
    public static String field(InvalidValueException e) {
        return wire(e).field();
    }

    /** What is wrong, naming the value as the client knows it. */
    public static String message(InvalidValueException e) {
        return e.describe(wire(e).label());
    }

    /** The text to show a client for any refusal: a refused value in wire words, anything else as it is. */
    public static String message(RuntimeException refusal) {
        return refusal instanceof InvalidValueException invalid ? message(invalid) : refusal.getMessage();
    }

    private static Wire wire(InvalidValueException e) {
        return NAMES.getOrDefault(e.subject(), new Wire(e.subject(), e.subject()));
    }
}
