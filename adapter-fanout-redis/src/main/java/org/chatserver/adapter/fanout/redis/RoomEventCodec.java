package org.chatserver.adapter.fanout.redis;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent.MemberRemoved;
import org.chatserver.domain.RoomEvent.MemberUpdated;
import org.chatserver.domain.RoomEvent.MessageDeleted;
import org.chatserver.domain.RoomEvent.MessageEdited;
import org.chatserver.domain.RoomEvent.PinChanged;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomEvent.ReactionChanged;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.RoomEvent.Resync;
import org.chatserver.domain.RoomEvent.StatusChanged;
import org.chatserver.domain.RoomEvent.Typing;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON that travels between nodes: one envelope per event, naming the node that published it.
 *
 * <p>Written by hand, field by field, rather than by reflection over the records: the format is a
 * wire contract between nodes that may run different versions during a rolling upgrade, so a
 * renamed record component must not silently change it. Readers ignore fields they do not know,
 * and an envelope of a newer {@value #VERSION version} or unknown type is refused as a whole.
 * Null values are left out to keep messages small; a missing field reads as null.
 */
final class RoomEventCodec {

    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What arrived from Redis: the event and the node that sent it. */
    record Envelope(String node, RoomEvent event) {
    }

    /** Thrown for a payload that is not an event this version understands. */
    static final class UnreadableEventException extends RuntimeException {

        UnreadableEventException(String message) {
            super(message);
        }

        UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    String encode(String node, RoomEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("node", node);
        root.put("room", event.roomId().value());
        putOptional(root, "origin", event.origin());
        if (event instanceof RoomEvent.Change change && change.change() != null) {
            // where the change sits in the room's log; a node of before the log ignores it
            root.put("change", change.change().id().value());
            if (change.change().previous() != null) {
                root.put("previous_change", change.change().previous().value());
            }
        }
        switch (event) {
            case MessagePosted posted -> {
                root.put("type", "message");
                if (posted.previous() != null) {
                    root.put("previous", posted.previous().value());
                }
                root.set("message", message(posted.message()));
                if (!posted.reactions().isEmpty()) {
                    putSummary(root, "reactions", posted.reactions());
                }
            }
            case MessageEdited edited -> {
                root.put("type", "message_edited");
                root.set("message", message(edited.message()));
                putSummary(root, "reactions", edited.reactions());
            }
            case MessageDeleted deleted -> {
                root.put("type", "message_deleted");
                root.put("message_id", deleted.messageId().value());
                root.put("user", deleted.by().value());
                root.put("at", deleted.at().toString());
            }
            case PinChanged pin -> {
                root.put("type", "pin");
                root.put("message_id", pin.messageId().value());
                root.put("user", pin.by().value());
                root.put("pinned", pin.pinned());
                root.put("at", pin.at().toString());
            }
            case ReactionChanged reaction -> {
                root.put("type", "reaction");
                root.put("message_id", reaction.messageId().value());
                root.put("user", reaction.user().value());
                root.put("reaction", reaction.type().name());
                root.put("added", reaction.added());
                putSummary(root, "summary", reaction.summary());
                root.put("at", reaction.at().toString());
            }
            case Presence presence -> {
                root.put("type", "presence");
                root.put("user", presence.user().value());
                root.put("joined", presence.joined());
                root.put("at", presence.at().toString());
            }
            case StatusChanged status -> {
                root.put("type", "status");
                root.put("user", status.user().value());
                root.put("status", status.status().name());
                if (status.lastSeen() != null) {
                    root.put("last_seen", status.lastSeen().toString());
                }
            }
            case Typing typing -> {
                root.put("type", "typing");
                root.put("user", typing.user().value());
                root.put("kind", typing.kind().name());
                root.put("at", typing.at().toString());
            }
            case MemberRemoved removed -> {
                root.put("type", "member_removed");
                root.put("user_id", removed.user().value());
                if (removed.banned()) {
                    root.put("banned", true);
                }
                root.put("at", removed.at().toString());
            }
            case ReadMoved read -> {
                root.put("type", "read");
                root.put("user", read.user().value());
                root.put("last_read", read.lastRead().value());
                root.put("at", read.at().toString());
            }
            case Resync resync -> root.put("type", "resync");
            case MemberUpdated updated -> {
                root.put("type", "member_updated");
                root.put("user_id", updated.userId().value());
                root.put("user", updated.username().value());
                root.put("role", updated.role().name());
                // absent for a role change, which tells no mute
                if (updated.mute()) {
                    root.put("mute", true);
                    if (updated.mutedUntil() != null) {
                        root.put("muted_until", updated.mutedUntil().toString());
                    }
                }
                root.put("at", updated.at().toString());
            }
        }
        return JSON.writeValueAsString(root);
    }

    Envelope decode(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableEventException("not a JSON object");
        }
        long version = requiredLong(root, "v");
        if (version != VERSION) {
            throw new UnreadableEventException("envelope version " + version + ", this node reads " + VERSION);
        }
        try {
            String node = requiredString(root, "node");
            RoomId room = new RoomId(requiredLong(root, "room"));
            String origin = optionalString(root, "origin");
            String type = requiredString(root, "type");
            RoomChange.Mark mark = mark(root);
            RoomEvent event = switch (type) {
                case "message" -> {
                    Message message = message(required(root, "message"), room);
                    Long previous = optionalLong(root, "previous");
                    List<ReactionSummary> reactions = isAbsent(root, "reactions") ? List.of()
                            : summary(required(root, "reactions"));
                    yield new MessagePosted(message, previous == null ? null : new MessageId(previous), mark,
                            reactions, origin);
                }
                case "message_edited" -> new MessageEdited(message(required(root, "message"), room),
                        isAbsent(root, "reactions") ? List.of() : summary(required(root, "reactions")), mark, origin);
                case "message_deleted" -> new MessageDeleted(room,
                        new MessageId(requiredLong(root, "message_id")),
                        new Username(requiredString(root, "user")),
                        instant(root, "at"),
                        mark,
                        origin);
                case "pin" -> new PinChanged(room,
                        new MessageId(requiredLong(root, "message_id")),
                        new Username(requiredString(root, "user")),
                        requiredBoolean(root, "pinned"),
                        instant(root, "at"),
                        mark,
                        origin);
                case "reaction" -> new ReactionChanged(room,
                        new MessageId(requiredLong(root, "message_id")),
                        new Username(requiredString(root, "user")),
                        enumValue(ReactionType.class, requiredString(root, "reaction")),
                        requiredBoolean(root, "added"),
                        summary(required(root, "summary")),
                        instant(root, "at"),
                        mark,
                        origin);
                case "presence" -> new Presence(room,
                        new Username(requiredString(root, "user")),
                        requiredBoolean(root, "joined"),
                        instant(root, "at"),
                        origin);
                case "status" -> new StatusChanged(room,
                        new Username(requiredString(root, "user")),
                        enumValue(PresenceStatus.class, requiredString(root, "status")),
                        isAbsent(root, "last_seen") ? null : instant(root, "last_seen"),
                        origin);
                case "typing" -> new Typing(room,
                        new Username(requiredString(root, "user")),
                        enumValue(TypingKind.class, requiredString(root, "kind")),
                        instant(root, "at"),
                        origin);
                case "member_removed" -> new MemberRemoved(room,
                        new UserId(requiredLong(root, "user_id")),
                        // absent from a node of an earlier version: a removal, as that node would close it
                        root.path("banned").asBoolean(false),
                        instant(root, "at"),
                        origin);
                case "read" -> new ReadMoved(room,
                        new Username(requiredString(root, "user")),
                        new MessageId(requiredLong(root, "last_read")),
                        instant(root, "at"),
                        origin);
                case "resync" -> new Resync(room);
                case "member_updated" -> new MemberUpdated(room,
                        new UserId(requiredLong(root, "user_id")),
                        new Username(requiredString(root, "user")),
                        enumValue(Membership.Role.class, requiredString(root, "role")),
                        !isAbsent(root, "mute") && requiredBoolean(root, "mute"),
                        isAbsent(root, "muted_until") ? null : instant(root, "muted_until"),
                        instant(root, "at"),
                        origin);
                default -> throw new UnreadableEventException("unknown event type '" + type + "'");
            };
            return new Envelope(node, event);
        } catch (UnreadableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            // the domain's own checks (a blank username, a negative id) say what is wrong
            throw new UnreadableEventException("invalid event: " + e.getMessage(), e);
        }
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", message.id().value());
        node.put("sender_id", message.senderId().value());
        node.put("sender", message.sender().value());
        MessageDraft content = message.content();
        node.put("text", content.text().value());
        node.put("message_type", content.type().name());
        Attachment attachment = content.attachment();
        if (attachment != null) {
            ObjectNode file = node.putObject("attachment");
            file.put("file", attachment.fileName());
            file.put("name", attachment.displayName());
            if (attachment.size() != null) {
                file.put("size", attachment.size().longValue());
            }
            putOptional(file, "mime", attachment.mimeType());
            // absent without a preview, as nodes older than previews send it
            putOptional(file, "preview", attachment.previewName());
        }
        putOptional(node, "client_id", message.clientId());
        node.put("created_at", message.createdAt().toString());
        if (message.editedAt() != null) {
            node.put("edited_at", message.editedAt().toString());
        }
        if (message.deleted()) {
            node.put("deleted", true);
        }
        MessageReference parent = message.replyTo();
        if (parent != null) {
            ObjectNode reply = node.putObject("reply_to");
            reply.put("id", parent.id().value());
            reply.put("sender", parent.sender().value());
            reply.put("excerpt", parent.excerpt());
        }
        if (message.replyCount() > 0) {
            node.put("reply_count", message.replyCount());
        }
        // absent when none: what nodes older than mentions send, and read the same way
        if (!message.mentions().users().isEmpty()) {
            ArrayNode named = node.putArray("mentions");
            message.mentions().users().forEach(user -> named.add(user.value()));
        }
        if (message.mentions().room()) {
            node.put("mentions_room", true);
        }
        return node;
    }

    private static void putSummary(ObjectNode root, String field, List<ReactionSummary> summaries) {
        ArrayNode summary = root.putArray(field);
        for (ReactionSummary entry : summaries) {
            ObjectNode item = summary.addObject();
            item.put("reaction", entry.type().name());
            ArrayNode users = item.putArray("users");
            entry.users().forEach(user -> users.add(user.value()));
        }
    }

    private static RoomChange.Mark mark(JsonNode root) {
        Long change = optionalLong(root, "change");
        if (change == null) {
            return null;
        }
        Long previous = optionalLong(root, "previous_change");
        return new RoomChange.Mark(new ChangeId(change), previous == null ? null : new ChangeId(previous));
    }

    private static Message message(JsonNode node, RoomId room) {
        JsonNode file = node.get("attachment");
        Attachment attachment = file == null || file.isNull() ? null
                : new Attachment(requiredString(file, "file"), optionalString(file, "name"),
                        optionalLong(file, "size"), optionalString(file, "mime"), optionalString(file, "preview"));
        MessageDraft content = new MessageDraft(new MessageText(requiredString(node, "text")),
                enumValue(MessageType.class, requiredString(node, "message_type")), attachment);
        JsonNode reply = node.get("reply_to");
        MessageReference parent = reply == null || reply.isNull() ? null
                : new MessageReference(new MessageId(requiredLong(reply, "id")),
                        new Username(requiredString(reply, "sender")), optionalString(reply, "excerpt"));
        Long replyCount = optionalLong(node, "reply_count");
        return new Message(new MessageId(requiredLong(node, "id")), room,
                new UserId(requiredLong(node, "sender_id")), new Username(requiredString(node, "sender")),
                content, optionalString(node, "client_id"), instant(node, "created_at"),
                isAbsent(node, "edited_at") ? null : instant(node, "edited_at"),
                !isAbsent(node, "deleted") && requiredBoolean(node, "deleted"), parent,
                replyCount == null ? 0 : Math.toIntExact(replyCount), mentions(node));
    }

    private static Mentions mentions(JsonNode node) {
        JsonNode named = node.get("mentions");
        List<Username> users = new ArrayList<>();
        if (named != null && !named.isNull()) {
            if (!named.isArray()) {
                throw new UnreadableEventException("'mentions' must be an array");
            }
            for (JsonNode user : named.values()) {
                if (!user.isString()) {
                    throw new UnreadableEventException("'mentions' must hold strings");
                }
                users.add(new Username(user.stringValue()));
            }
        }
        boolean room = !isAbsent(node, "mentions_room") && requiredBoolean(node, "mentions_room");
        return users.isEmpty() && !room ? Mentions.NONE : new Mentions(users, room);
    }

    private static List<ReactionSummary> summary(JsonNode array) {
        if (!array.isArray()) {
            throw new UnreadableEventException("'summary' must be an array");
        }
        List<ReactionSummary> result = new ArrayList<>(array.size());
        for (JsonNode item : array.values()) {
            JsonNode users = required(item, "users");
            if (!users.isArray()) {
                throw new UnreadableEventException("'users' must be an array");
            }
            List<Username> names = new ArrayList<>(users.size());
            for (JsonNode user : users.values()) {
                if (!user.isString()) {
                    throw new UnreadableEventException("'users' must hold strings");
                }
                names.add(new Username(user.stringValue()));
            }
            result.add(new ReactionSummary(enumValue(ReactionType.class, requiredString(item, "reaction")), names));
        }
        return result;
    }

    private static void putOptional(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new UnreadableEventException("missing '" + field + "'");
        }
        return value;
    }

    private static String requiredString(JsonNode node, String field) {
        return typed(node, field, JsonNode::isString, JsonNode::stringValue, "a string");
    }

    private static String optionalString(JsonNode node, String field) {
        return isAbsent(node, field) ? null : requiredString(node, field);
    }

    private static long requiredLong(JsonNode node, String field) {
        return typed(node, field, value -> value.isIntegralNumber() && value.canConvertToLong(),
                JsonNode::longValue, "an integer");
    }

    private static Long optionalLong(JsonNode node, String field) {
        return isAbsent(node, field) ? null : requiredLong(node, field);
    }

    private static boolean requiredBoolean(JsonNode node, String field) {
        return typed(node, field, JsonNode::isBoolean, JsonNode::booleanValue, "true or false");
    }

    private static boolean isAbsent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    private static <T> T typed(JsonNode node, String field, Predicate<JsonNode> valid, Function<JsonNode, T> read,
                               String expected) {
        JsonNode value = required(node, field);
        if (!valid.test(value)) {
            throw new UnreadableEventException("'" + field + "' must be " + expected);
        }
        return read.apply(value);
    }

    private static Instant instant(JsonNode node, String field) {
        String value = requiredString(node, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException("'" + field + "' is not an ISO-8601 instant: " + value, e);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("unknown " + type.getSimpleName() + " '" + name + "'", e);
        }
    }
}
