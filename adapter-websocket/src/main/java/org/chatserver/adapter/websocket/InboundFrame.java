package org.chatserver.adapter.websocket;

import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.domain.InvalidValueException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client frame, read leniently as the old server did (unknown keys ignored) but typed
 * strictly: a field of the wrong JSON type is an {@link InvalidValueException} naming it, so the
 * client gets a clear error frame instead of a silently dropped value, in the words REST uses for
 * the same field.
 */
final class InboundFrame {

    /** A key named twice is refused, not read as its last value (a relay reading the first would see another frame). */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final int MAX_ECHOED_TYPE = 40;
    /** Longest client_id or ref (in characters) an error frame repeats: it must never amplify a frame. */
    static final int MAX_ECHOED_ID = 64;
    static final String BAD_REF = "ref must be an integer or a string of at most " + MAX_ECHOED_ID + " characters";

    private final JsonNode node;

    private InboundFrame(JsonNode node) {
        this.node = node;
    }

    static InboundFrame parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidValueException("frame", isDuplicateKey(e) ? "A frame must not name a key twice"
                    : "Invalid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidValueException("frame", "A frame must be a JSON object");
        }
        return new InboundFrame(node);
    }

    /** The parser's refusal of a key named twice ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}). */
    private static boolean isDuplicateKey(JacksonException e) {
        return e instanceof StreamReadException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate Object property");
    }

    /**
     * What an answer to this frame repeats so the client can tell which frame it answers: the
     * frame's {@code ref}, and a message's {@code client_id}. A {@code ref} of the wrong kind is
     * refused; a {@code client_id} is repeated only when it could be one (the post checks it).
     */
    Echo echo() {
        JsonNode ref = node.get("ref");
        Object echoedRef = null;
        if (ref != null && !ref.isNull()) {
            if (ref.isIntegralNumber()) {
                echoedRef = longValue("ref", ref);
            } else if (ref.isString()
                    && ref.stringValue().codePointCount(0, ref.stringValue().length()) <= MAX_ECHOED_ID) {
                echoedRef = ref.stringValue();
            } else {
                throw new InvalidValueException("ref", BAD_REF);
            }
        }
        String clientId = null;
        JsonNode type = node.get("type");
        if (type != null && type.isString() && "message".equals(type.stringValue())) {
            JsonNode id = node.get("client_id");
            if (id != null && (id.isString() || id.isIntegralNumber())) {
                String text = id.isString() ? id.stringValue() : id.bigIntegerValue().toString();
                clientId = text.length() <= MAX_ECHOED_ID ? text : null;
            }
        }
        return clientId == null && echoedRef == null ? Echo.NONE : new Echo(clientId, echoedRef);
    }

    /** The echo of a frame refused before it was processed (flooding, busy): never fails. */
    static Echo peekEcho(String text) {
        try {
            return parse(text).echo();
        } catch (InvalidValueException e) {
            return Echo.NONE;
        }
    }

    /** @param ref a Long or a String, repeated as the client sent it */
    record Echo(String clientId, Object ref) {

        static final Echo NONE = new Echo(null, null);
    }

    String type() {
        String type = string("type");
        if (type == null || type.isBlank()) {
            throw new InvalidValueException("type", "type is required");
        }
        return type;
    }

    /** A type as it may be quoted back in an error: bounded, so an error frame never amplifies a frame. */
    static String quotable(String type) {
        // counted in characters, and never cut inside one: half an emoji would be echoed as "?"
        return type.codePointCount(0, type.length()) <= MAX_ECHOED_TYPE ? type
                : type.substring(0, type.offsetByCodePoints(0, MAX_ECHOED_TYPE)) + "...";
    }

    InboundFrame object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidValueException(field, field + " must be an object");
        }
        return new InboundFrame(value);
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidValueException(field, field + " must be a string");
        }
        return value.stringValue();
    }

    /** A string, or an integer taken as its decimal text (clients differ on client ids). */
    String stringOrInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (!value.isString()) {
            throw new InvalidValueException(field, field + " " + WireErrors.STRING_OR_INTEGER);
        }
        return value.stringValue();
    }

    Long integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidValueException(field, field + " must be an integer");
        }
        return longValue(field, value);
    }

    /** An integer past a long is an integer all the same: out of range, as REST says, not "must be an integer". */
    private static long longValue(String field, JsonNode integer) {
        if (!integer.canConvertToLong()) {
            throw new InvalidValueException(field, field + " " + WireErrors.OUT_OF_RANGE);
        }
        return integer.longValue();
    }
}
