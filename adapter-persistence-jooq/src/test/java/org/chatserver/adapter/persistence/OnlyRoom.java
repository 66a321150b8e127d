package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import java.time.Instant;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * A database's only room and one user, with no message anywhere: the tables as a new server has them, where the
 * tests of query plans want the plans a new server's connections make.
 */
final class OnlyRoom {

    final RoomId id;
    final UserId poster;
    final JooqMessageRepository messages;
    private final Instant at;

    OnlyRoom(TestDatabase database, String poster, Instant at) {
        this.at = at;
        database.dsl().deleteFrom(ROOMS).execute();
        id = new JooqRoomRepository(database.dsl()).create(new RoomName("general"), false, null, at).orElseThrow().id();
        this.poster = new JooqUserRepository(database.dsl())
                .create(new Username(poster), new PasswordHash("hash"), at).orElseThrow().id();
        messages = new JooqMessageRepository(database.dsl());
    }

    /** A plain post of the user's, not stored. */
    NewMessage plain(String text) {
        return new NewMessage(poster, MessageDraft.of(new MessageText(text), null, null, null), Mentions.NONE, null, null);
    }

    /** Stores a post of the user's, replying to {@code replyTo} and carrying an image {@code file} where not null. */
    MessageId store(String text, MessageId replyTo, String file) {
        MessageDraft draft = file == null ? MessageDraft.of(new MessageText(text), null, null, null)
                : new MessageDraft(new MessageText(text), MessageType.IMAGE, new Attachment(file, file, 1_000L, "image/jpeg"));
        return messages.appendAll(id, List.of(new NewMessage(poster, draft, Mentions.NONE, replyTo, null)), at)
                .getFirst().message().id();
    }
}
