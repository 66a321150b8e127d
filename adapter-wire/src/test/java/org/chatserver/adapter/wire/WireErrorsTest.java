package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchCommand;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused value reaches clients under the JSON field they sent and with the very text the
 * server has always answered, though the domain names values in its own words.
 */
class WireErrorsTest {

    private static final Room LOBBY = new Room(new RoomId(1), new RoomName("lobby"), false, new UserId(1),
            Instant.EPOCH);
    private static final Attachment PDF = new Attachment("doc.pdf", "doc.pdf", 10L, "application/pdf");

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused(() -> new RoomName("  "), "name", "room name must not be empty"),
                refused(() -> new RoomName("x".repeat(65)), "name", "room name must be at most 64 characters long"),
                refused(() -> new RoomName("a\tb"), "name", "room name must not contain control characters"),
                refused(() -> new RoomName("12345"), "name", "room name must not consist of digits only"),
                refused(() -> new RoomId(0), "room_id", "room id must be positive"),
                refused(() -> new MessageId(-1), "message_id", "message_id must be a positive message id"),
                refused(() -> MessageId.of("reply to", 0), "reply_to", "reply_to must be a positive message id"),
                refused(() -> MessageId.of("before", 0), "before", "before must be a positive message id"),
                refused(() -> new UserId(0), "user_id", "user id must be positive"),
                refused(() -> new SessionId(0), "session_id", "session id must be positive"),
                refused(() -> new Username(""), "username", "username must not be empty"),
                refused(() -> new Username("ab"), "username", "username must be 3 to 32 characters long"),
                refused(() -> new Username("al ice"), "username",
                        "username may contain only letters, digits, '_', '.' and '-'"),
                refused(() -> new PlainPassword("short"), "password", "password must be at least 8 characters long"),
                refused(() -> new PlainPassword("x".repeat(73)), "password", "password must be at most 72 bytes in UTF-8"),
                refused(() -> {
                    throw ChangePasswordCommand.unchanged();
                }, "new_password", "new_password must differ from the current password"),
                refused(() -> new MessageText("x".repeat(4001)), "content", "content must be at most 4000 characters long"),
                refused(() -> new MessageText("a\0b"), "content", "content must not contain NUL characters"),
                refused(() -> SearchQuery.parse("x"), "q", "q must be at least 2 characters long"),
                refused(() -> SearchQuery.parse("\"*\" -"), "q",
                        "q must contain something to look for, not only spaces and operators (\"*()+-|&!^~:)"),
                refused(() -> new SearchCommand(SearchQuery.parse("hello"), null, null, null, 101), "limit",
                        "limit must be between 1 and 100"),
                refused(() -> MessageDraft.of(new MessageText(" "), null, null, null), "content",
                        "a message needs content or a file"),
                refused(() -> MessageDraft.of(new MessageText("x"), MessageType.IMAGE, null, null), "message_type",
                        "message_type image needs a file"),
                refused(() -> new MessageDraft(new MessageText("x"), MessageType.TEXT, PDF), "message_type",
                        "a message with a file cannot have message_type text"),
                refused(() -> MessageDraft.of(new MessageText("x"), MessageType.TEXT_WITH_IMAGE, PDF,
                        AttachmentKind.DOCUMENT), "message_type",
                        "message_type text_with_image does not match the file, which is document"),
                refused(() -> WireValues.messageType("sticker"), "message_type",
                        "message_type must be one of text, image, video, audio, document, text_with_image, "
                                + "text_with_video, text_with_audio, text_with_document"),
                refused(() -> FileUrls.parse(" ", null), "file_url", "file_url must not be empty"),
                refused(() -> FileUrls.parse("http://[oops", null), "file_url", "file_url is not a valid URL"),
                refused(() -> FileUrls.parse("https://evil.example.com/malware.exe", null), "file_url",
                        "file_url must point at /api/files/<name> on this server"),
                refused(() -> FileUrls.parse("https://chat.example.com/api/files/a.png?x=1", null), "file_url",
                        "file_url must point at /api/files/<name> on this server"),
                refused(() -> FileUrls.parse("/api/files/..%2Fsecret", null), "file_url",
                        "file_url must point at /api/files/<name> on this server"),
                refused(() -> FileUrls.parse("/api/files/a.png", "x".repeat(256)), "file_name",
                        "file_name must be at most 255 characters without control characters"),
                refused(() -> new Attachment("a.png", null, -1L, null), "file_size", "file_size must not be negative"),
                refused(() -> new Attachment("a.png", null, null, "png"), "mime_type", "mime_type must look like type/subtype"),
                refused(() -> new ClientId(" "), "client_id", "client_id must be 1 to 64 visible ASCII characters"),
                refused(() -> new Paging(null, null, 0), "limit", "limit must be between 1 and 200"),
                refused(() -> new Paging(new MessageId(1), new MessageId(2), 10), "before", "give before or after, not both"),
                refused(() -> LOBBY.mute(Optional.of(new Membership(LOBBY.id(), LOBBY.createdBy(),
                        Membership.Role.OWNER, Instant.EPOCH)), new Membership(LOBBY.id(), new UserId(2),
                        Membership.Role.MEMBER, Instant.EPOCH), 0, Instant.EPOCH), "minutes",
                        "minutes must be between 1 and 43200 minutes"),
                refused(() -> WireValues.reaction("🍕"), "reaction_type", "reaction_type must be one of 👍 ❤️ 😂 😮 😢 😡"),
                // an adapter's own check already speaks the wire's words
                refused(() -> new InvalidValueException("since", "since must be a message id"), "since",
                        "since must be a message id"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refusals")
    void reachesClientsUnderTheirFieldWithTheTextTheyKnow(ThrowingCallable refusal, String field, String text) {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, refusal);

        assertThat(WireErrors.field(e)).isEqualTo(field);
        assertThat(WireErrors.message(e)).isEqualTo(text);
        assertThat(WireErrors.message((RuntimeException) e)).isEqualTo(text);
    }

    private static Arguments refused(Supplier<?> attempt, String field, String text) {
        ThrowingCallable call = () -> {
            Object made = attempt.get();
            if (made instanceof InvalidValueException thrownLater) {
                throw thrownLater;
            }
        };
        return Arguments.of(call, field, text);
    }
}
