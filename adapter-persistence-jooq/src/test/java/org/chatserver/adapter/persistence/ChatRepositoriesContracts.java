package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.application.contract.AttachmentRepositoryContract;
import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.MentionRepositoryContract;
import org.chatserver.application.contract.MessageRepositoryContract;
import org.chatserver.application.contract.MessageSearchContract;
import org.chatserver.application.contract.ReactionRepositoryContract;
import org.chatserver.application.contract.RoomAuditLogContract;
import org.chatserver.application.contract.RoomRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The room, message, reaction, audit log and attachment contracts on the jOOQ repositories, each test over a
 * just-migrated database (SQLite: a new file; PostgreSQL: one schema put back to its migrated state, see
 * TestDatabases#postgresReused).
 */
abstract class ChatRepositoriesContracts {

    private TestDatabase database;

    /** A migrated database of its own. */
    protected abstract TestDatabase openDatabase();

    private ChatStores newStores() {
        database = openDatabase();
        var dsl = database.dsl();
        // the contracts start from an empty store: remove the room the migration seeds (MigrationTest checks it)
        dsl.deleteFrom(ROOMS).execute();
        return new ChatStores(new JooqUserRepository(dsl), new JooqRoomRepository(dsl), new JooqMessageRepository(dsl),
                new JooqReactionRepository(dsl), database.transactions(), new JooqMentionRepository(dsl));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Nested
    class Rooms extends RoomRepositoryContract {
        @Override
        protected ChatStores newStores() {
            return ChatRepositoriesContracts.this.newStores();
        }
    }

    @Nested
    class Messages extends MessageRepositoryContract {
        @Override
        protected ChatStores newStores() {
            return ChatRepositoriesContracts.this.newStores();
        }
    }

    /** Mentions and their counters (issue 11). */
    @Nested
    class Mentions extends MentionRepositoryContract {
        @Override
        protected ChatStores newStores() {
            return ChatRepositoriesContracts.this.newStores();
        }
    }

    @Nested
    class Reactions extends ReactionRepositoryContract {
        @Override
        protected ChatStores newStores() {
            return ChatRepositoriesContracts.this.newStores();
        }
    }

    @Nested
    class AuditLog extends RoomAuditLogContract {
        @Override
        protected Stores newStores() {
            ChatStores chat = ChatRepositoriesContracts.this.newStores();
            return new Stores(chat, new JooqRoomAuditLog(database.dsl()));
        }
    }

    @Nested
    class Attachments extends AttachmentRepositoryContract {
        @Override
        protected Stores newStores() {
            database = openDatabase();
            return new Stores(new JooqAttachmentRepository(database.dsl()), new JooqUserRepository(database.dsl()));
        }
    }

    /** Search over the same messages (issue 12). */
    @Nested
    class Search extends MessageSearchContract {
        @Override
        protected Stores newStores() {
            ChatStores chat = ChatRepositoriesContracts.this.newStores();
            return new Stores(chat, new JooqMessageSearch(database.dsl()));
        }
    }

    /**
     * The same answers when PostgreSQL's looks at the newest messages cover only one, then two to four of them,
     * so that every contract case also takes the other ways there: straight to the index when the newest
     * message does not match, through the wider look when it does, then the index and the newest of its matches.
     * The newest messages read room by room and merged (the contract's viewers see a few rooms).
     */
    @Nested
    class SearchBeyondTheNewestMessages extends MessageSearchContract {
        @Override
        protected Stores newStores() {
            ChatStores chat = ChatRepositoriesContracts.this.newStores();
            return new Stores(chat, new JooqMessageSearch(database.dsl(), 1, 2, 4, JooqMessageSearch.MERGED_ROOMS));
        }
    }

    /** The same, with the newest messages read by walking the primary key (as for a viewer of many rooms). */
    @Nested
    class SearchBeyondTheNewestMessagesByKey extends MessageSearchContract {
        @Override
        protected Stores newStores() {
            ChatStores chat = ChatRepositoriesContracts.this.newStores();
            return new Stores(chat, new JooqMessageSearch(database.dsl(), 1, 2, 4, 0));
        }
    }
}
