package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.Envelope;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.UnreadableEventException;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.Membership;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomEvent.ReactionChanged;
import org.chatserver.domain.RoomEvent.Typing;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomEventCodecTest {

    private static final RoomId ROOM = new RoomId(42);
    private static final Instant AT = Instant.parse("2026-11-02T10:15:30.123456789Z");
    private static final Username ALICE = new Username("alice");
    private static final Username BOB = new Username("Bob.B-2_x");

    private final RoomEventCodec codec = new RoomEventCodec();

    static Stream<RoomEvent> everyVariant() {
        return Stream.of(
                // plain text, first message of the room, no client id, no origin
                posted(new MessageDraft(new MessageText("hello"), MessageType.TEXT, null), null, null, null),
                // every optional field set (the image's preview too), text full of what JSON must escape and what
                // UTF-8 must carry
                posted(new MessageDraft(new MessageText("Привет 👋🏽 \"quoted\" \\ back\nslash\ttab 家族 👨‍👩‍👧‍👦 \u2028"),
                                MessageType.TEXT_WITH_IMAGE,
                                new Attachment("abc-123.png", "Фото 📷 “holiday”.png", 123_456L, "image/png",
                                        "abc-123-preview.jpg")),
                        new MessageId(41), "conn-7f3a", "client-✓-1"),
                // a file without caption, size or type
                posted(new MessageDraft(MessageText.EMPTY, MessageType.DOCUMENT,
                        new Attachment("report.pdf", null, null, null)), new MessageId(1), "c", null),
                posted(new MessageDraft(new MessageText("a".repeat(MessageText.MAX_LENGTH)), MessageType.TEXT, null),
                        new MessageId(Long.MAX_VALUE - 1), "", ""),
                new ReactionChanged(ROOM, new MessageId(7), ALICE, ReactionType.HEART, true,
                        List.of(new ReactionSummary(ReactionType.HEART, List.of(ALICE, BOB)),
                                new ReactionSummary(ReactionType.LAUGH, List.of(BOB))), AT, "conn-1"),
                new ReactionChanged(ROOM, new MessageId(7), BOB, ReactionType.ANGRY, false, List.of(), AT, null),
                new Presence(ROOM, ALICE, true, AT, "conn-2"),
                new Presence(ROOM, BOB, false, Instant.EPOCH, null),
                new Typing(ROOM, ALICE, TypingKind.TYPING, AT, "conn-3"),
                new Typing(ROOM, BOB, TypingKind.TYPING_START, AT, null),
                new Typing(ROOM, BOB, TypingKind.TYPING_STOP, AT, "x"),
                new RoomEvent.MemberRemoved(ROOM, new org.chatserver.domain.UserId(42), false, AT, null),
                new RoomEvent.MemberRemoved(ROOM, new org.chatserver.domain.UserId(42), true, AT, null),
                // issue 11: presence changes for /ws/user
                new RoomEvent.StatusChanged(ROOM, ALICE, org.chatserver.domain.PresenceStatus.ONLINE, null, null),
                new RoomEvent.StatusChanged(ROOM, BOB, org.chatserver.domain.PresenceStatus.OFFLINE, AT, "x"),
                // issue 10: every change carries its place in the room's log
                new MessagePosted(reply(), new MessageId(7), new RoomChange.Mark(new ChangeId(12), new ChangeId(9)),
                        List.of(new ReactionSummary(ReactionType.HEART, List.of(ALICE))), "conn-4"),
                new RoomEvent.MessageEdited(reply(), List.of(new ReactionSummary(ReactionType.LAUGH, List.of(BOB))),
                        new RoomChange.Mark(new ChangeId(13), new ChangeId(12)), "conn-5"),
                new RoomEvent.MessageEdited(reply(), List.of(), new RoomChange.Mark(new ChangeId(1), null), null),
                new RoomEvent.MessageDeleted(ROOM, new MessageId(8), BOB, AT,
                        new RoomChange.Mark(new ChangeId(14), new ChangeId(13)), "conn-6"),
                new RoomEvent.MessageDeleted(ROOM, new MessageId(8), BOB, AT, null, null),
                new RoomEvent.PinChanged(ROOM, new MessageId(8), ALICE, true, AT,
                        new RoomChange.Mark(new ChangeId(15), new ChangeId(14)), null),
                new RoomEvent.PinChanged(ROOM, new MessageId(8), ALICE, false, AT, null, "conn-7"),
                new ReactionChanged(ROOM, new MessageId(7), ALICE, ReactionType.HEART, true, List.of(), AT,
                        new RoomChange.Mark(new ChangeId(16), new ChangeId(15)), "conn-8"),
                new MessagePosted(new Message(new MessageId(9), ROOM, new org.chatserver.domain.UserId(3), ALICE,
                        MessageDraft.REMOVED, null, AT, null, true, null, 0), null, null, List.of(), null),
                // issue 11: a message keeps whom it mentions between nodes (names, the room, both)
                new MessagePosted(reply().withMentions(new org.chatserver.domain.Mentions(List.of(ALICE, BOB), false)),
                        null, null, List.of(), null),
                new RoomEvent.MessageEdited(reply().withMentions(new org.chatserver.domain.Mentions(List.of(), true)),
                        List.of(), null, null),
                new MessagePosted(reply().withMentions(new org.chatserver.domain.Mentions(List.of(BOB), true)),
                        null, null, List.of(), null),
                new RoomEvent.ReadMoved(ROOM, BOB, new MessageId(Long.MAX_VALUE), AT, null),
                new RoomEvent.ReadMoved(ROOM, ALICE, new MessageId(1), AT, "conn-4"),
                // since 2026-12-07: roles and mutes reach the room live
                RoomEvent.MemberUpdated.roleChanged(ROOM, new UserId(2), BOB, Membership.Role.MODERATOR, AT),
                RoomEvent.MemberUpdated.roleChanged(ROOM, new UserId(2), BOB, Membership.Role.MEMBER, AT),
                RoomEvent.MemberUpdated.muteChanged(ROOM, new UserId(2), BOB, Membership.Role.MEMBER,
                        AT.plusSeconds(600), AT),
                RoomEvent.MemberUpdated.muteChanged(ROOM, new UserId(3), ALICE, Membership.Role.MODERATOR, null, AT),
                new RoomEvent.MemberUpdated(ROOM, new UserId(3), ALICE, Membership.Role.OWNER, true, AT, AT, "conn-9"));
    }

    /** An edited reply that was answered itself. */
    private static Message reply() {
        return new Message(new MessageId(8), ROOM, new org.chatserver.domain.UserId(2), BOB,
                new MessageDraft(new MessageText("ten"), MessageType.TEXT, null), "c-8", AT,
                AT.plusSeconds(5), false, new MessageReference(new MessageId(7), ALICE, "when? ✓"), 3);
    }

    @ParameterizedTest
    @MethodSource("everyVariant")
    void everyEventComesBackEqualWithItsNode(RoomEvent event) {
        Envelope envelope = codec.decode(codec.encode("node-1", event));

        assertThat(envelope.node()).isEqualTo("node-1");
        assertThat(envelope.event()).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyMessageTypeComesBack(MessageType type) {
        Attachment file = type == MessageType.TEXT ? null : new Attachment("f.bin", "f", 1L, "application/octet-stream");
        RoomEvent event = posted(new MessageDraft(new MessageText("t"), type, file), new MessageId(3), "o", "c");

        assertThat(codec.decode(codec.encode("n", event)).event()).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(ReactionType.class)
    void everyReactionComesBack(ReactionType type) {
        RoomEvent event = new ReactionChanged(ROOM, new MessageId(9), ALICE, type, true,
                List.of(new ReactionSummary(type, List.of(ALICE))), AT, "o");

        assertThat(codec.decode(codec.encode("n", event)).event()).isEqualTo(event);
    }

    @Test
    void absentValuesAreLeftOutRatherThanWrittenAsNull() {
        String json = codec.encode("n", posted(new MessageDraft(new MessageText("hi"), MessageType.TEXT, null),
                null, null, null));

        assertThat(json).doesNotContain("null", "previous", "origin", "attachment", "client_id");
    }

    @Test
    void theWireFormatStaysAsOlderNodesReadIt() {
        // nodes of two versions talk during a rolling upgrade: a change here must be deliberate
        RoomEvent event = new Presence(ROOM, ALICE, true, Instant.parse("2026-11-02T10:15:30Z"), "conn-1");

        assertThat(codec.encode("n1", event)).isEqualTo(
                "{\"v\":1,\"node\":\"n1\",\"room\":42,\"origin\":\"conn-1\",\"type\":\"presence\","
                        + "\"user\":\"alice\",\"joined\":true,\"at\":\"2026-11-02T10:15:30Z\"}");
    }

    @Test
    void aReadMoveIsWrittenAsItsOwnType() {
        RoomEvent event = new RoomEvent.ReadMoved(ROOM, ALICE, new MessageId(7), Instant.parse("2026-11-02T10:15:30Z"),
                null);

        assertThat(codec.encode("n1", event)).isEqualTo(
                "{\"v\":1,\"node\":\"n1\",\"room\":42,\"type\":\"read\",\"user\":\"alice\","
                        + "\"last_read\":7,\"at\":\"2026-11-02T10:15:30Z\"}");
    }

    @Test
    void aMemberUpdateIsWrittenAsItsOwnTypeWithTheMuteOnlyWhenItTellsOne() {
        Instant at = Instant.parse("2026-12-07T10:15:30Z");

        assertThat(codec.encode("n1", RoomEvent.MemberUpdated.roleChanged(ROOM, new UserId(2), BOB,
                Membership.Role.MODERATOR, at))).isEqualTo(
                "{\"v\":1,\"node\":\"n1\",\"room\":42,\"type\":\"member_updated\",\"user_id\":2,"
                        + "\"user\":\"Bob.B-2_x\",\"role\":\"MODERATOR\",\"at\":\"2026-12-07T10:15:30Z\"}");
        assertThat(codec.encode("n1", RoomEvent.MemberUpdated.muteChanged(ROOM, new UserId(2), BOB,
                Membership.Role.MEMBER, at.plusSeconds(60), at))).isEqualTo(
                "{\"v\":1,\"node\":\"n1\",\"room\":42,\"type\":\"member_updated\",\"user_id\":2,"
                        + "\"user\":\"Bob.B-2_x\",\"role\":\"MEMBER\",\"mute\":true,"
                        + "\"muted_until\":\"2026-12-07T10:16:30Z\",\"at\":\"2026-12-07T10:15:30Z\"}");
    }

    @Test
    void fieldsAddedByANewerNodeAreIgnored() {
        String json = "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"typing\",\"user\":\"alice\","
                + "\"kind\":\"TYPING_START\",\"at\":\"2026-11-02T10:15:30Z\",\"mood\":\"happy\"}";

        assertThat(codec.decode(json).event())
                .isEqualTo(new Typing(ROOM, ALICE, TypingKind.TYPING_START, Instant.parse("2026-11-02T10:15:30Z"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "\"text\"",
            "{}",
            "{\"v\":2,\"node\":\"n\",\"room\":42,\"type\":\"presence\",\"user\":\"alice\",\"joined\":true,\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"shout\",\"user\":\"alice\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":0,\"type\":\"presence\",\"user\":\"alice\",\"joined\":true,\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":\"42\",\"type\":\"presence\",\"user\":\"alice\",\"joined\":true,\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"presence\",\"user\":\"a\",\"joined\":true,\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"presence\",\"user\":\"alice\",\"joined\":\"yes\",\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"presence\",\"user\":\"alice\",\"joined\":true,\"at\":\"yesterday\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"typing\",\"user\":\"alice\",\"kind\":\"SHOUTING\",\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"reaction\",\"message_id\":7,\"user\":\"alice\",\"reaction\":\"HEART\",\"added\":true,\"summary\":{},\"at\":\"2026-11-02T10:15:30Z\"}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"message\",\"message\":{\"id\":5,\"sender_id\":1,\"sender\":\"alice\",\"text\":\"\",\"message_type\":\"TEXT\",\"created_at\":\"2026-11-02T10:15:30Z\"}}",
            "{\"v\":1,\"node\":\"n\",\"room\":42,\"type\":\"message\",\"message\":{\"id\":5,\"sender_id\":1,\"sender\":\"alice\",\"text\":\"hi\",\"message_type\":\"TEXT\",\"created_at\":\"2026-11-02T10:15:30Z\",\"attachment\":{\"file\":\"../etc/passwd\"}}}"
    })
    void anythingElseIsRefusedWithAReason(String payload) {
        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageNotContaining("Exception");
    }

    private static MessagePosted posted(MessageDraft content, MessageId previous, String origin, String clientId) {
        Message message = new Message(new MessageId(previous == null ? 1 : previous.value() + 1), ROOM, new UserId(5),
                ALICE, content, clientId, AT);
        return new MessagePosted(message, previous, origin);
    }
}
