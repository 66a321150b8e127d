package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DirectPair;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Membership.Role;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the migrations do to the data of a database an earlier version left behind: it is migrated
 * up to that version, filled the way that version wrote, then migrated to the newest.
 */
class UpgradeMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");
    /** T0 as earlier versions wrote times, readable by both databases. */
    private static final String WRITTEN_AT = "'2026-11-02 10:15:30+00:00'";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void messagesStoredBeforeSearchAreFoundLikeNewOnes(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "6");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name = 'General'");
            long cafe = insertMessage(database, general, alice, "Rendez-vous au Café", null, null);
            long report = insertMessage(database, general, alice, "", "f1.pdf", "Quarterly Report.pdf");
            long meeting = insertMessage(database, general, alice, "明日の会議は10時", null, null);

            migrate(database, null);

            var search = new JooqMessageSearch(database.dsl());
            var scope = MessageSearch.Scope.of(alice);
            assertThat(search.search(SearchQuery.parse("cafe"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(cafe);
            assertThat(search.search(SearchQuery.parse("report"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(report);
            assertThat(search.search(SearchQuery.parse("会議"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(meeting);
            assertThat(search.search(SearchQuery.parse("会議は10"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(meeting);
        }
    }

    /**
     * Messages stored while search kept Arabic and Hebrew vowel marks and the letters œ and æ are found by the words
     * as people type them (without the marks, with oe) once the upgrade folded their search texts again; the others'
     * are left as they were.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void messagesStoredBeforeVowelMarksWereFoldedAreFoundWithoutThem(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "19");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name = 'General'");
            long arabic = insertMessage(database, general, alice, "مَرْحَبًا يا أحمد", null, null);
            long hebrew = insertMessage(database, general, alice, "שָׁלוֹם לכולם", null, null);
            long french = insertMessage(database, general, alice, "De tout mon cœur", null, null);
            long plain = insertMessage(database, general, alice, "plain words", null, null);
            // as the search text of version 19 was: the marks and ligatures kept, everything else folded
            for (long id : new long[] {arabic, hebrew, french, plain}) {
                database.dsl().execute("update messages set search_text = lower(content), search_pairs = '' where id = ?",
                        id);
            }
            database.dsl().execute("update messages set search_pairs = 'untouched' where id = ?", plain);

            migrate(database, null);

            var search = new JooqMessageSearch(database.dsl());
            var scope = MessageSearch.Scope.of(alice);
            assertThat(search.search(SearchQuery.parse("مرحبا احمد"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(arabic);
            assertThat(search.search(SearchQuery.parse("שלום"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(hebrew);
            assertThat(search.search(SearchQuery.parse("coeur"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(french);
            assertThat(database.dsl().fetchValue("select search_pairs from messages where id = " + plain))
                    .as("a row whose search text folds the same is not written").isEqualTo("untouched");
        }
    }

    /**
     * Messages stored while search told the Arabic letters written for one another apart are found by either once
     * the upgrade folded their search texts again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void messagesStoredBeforeArabicLetterVariantsWereFoldedAreFoundByEither(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "20");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name = 'General'");
            long school = insertMessage(database, general, alice, "في المدرسة على الطريق", null, null);
            long persian = insertMessage(database, general, alice, "کتاب فارسی", null, null);
            // as the search text of version 20 was: those letters kept as written
            database.dsl().execute("update messages set search_text = content, search_pairs = ''");

            migrate(database, null);

            var search = new JooqMessageSearch(database.dsl());
            var scope = MessageSearch.Scope.of(alice);
            assertThat(search.search(SearchQuery.parse("مدرسه علي"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(school);
            assertThat(search.search(SearchQuery.parse("كتاب فارسي"), scope, null, 10)).extracting(m -> m.id().value())
                    .containsExactly(persian);
        }
    }

    private static long insertMessage(TestDatabase database, long room, UserId sender, String content, String fileName,
            String displayName) {
        database.dsl().execute("insert into messages (room_id, sender_id, content, message_type, file_name, "
                + "file_display_name, created_at) values (?, ?, ?, ?, ?, ?, " + WRITTEN_AT + ")", room, sender.value(),
                content, fileName == null ? "TEXT" : "DOCUMENT", fileName, displayName);
        return longValue(database, "select max(id) from messages");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theCreatorOfARoomBecomesItsOwnerAndEveryoneElseAMember(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "3");
            var alice = existingUser(database, "alice");
            var bob = existingUser(database, "bob");
            long secret = insertRoom(database, "secret", true, alice);
            long general = longValue(database, "select id from rooms where canonical_name = 'general'");
            for (long room : new long[] {secret, general}) {
                for (UserId user : new UserId[] {alice, bob}) {
                    database.dsl().execute("insert into room_members (room_id, user_id, joined_at) values (?, ?, "
                            + WRITTEN_AT + ")", room, user.value());
                }
            }

            migrate(database, null);

            var rooms = new JooqRoomRepository(database.dsl());
            assertThat(rooms.membership(new RoomId(secret), alice)).map(Membership::role).contains(Role.OWNER);
            assertThat(rooms.membership(new RoomId(secret), bob)).map(Membership::role).contains(Role.MEMBER);
            assertThat(rooms.membership(new RoomId(general), alice)).map(Membership::role).contains(Role.MEMBER);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void existingRoomsGetTheirNameKeysAndNamesTheRulesNowRefuseAreMended(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "4");
            var users = new JooqUserRepository(database.dsl());
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where canonical_name = 'general'");
            long wide = insertRoom(database, "Ｇｅｎｅｒａｌ", false, alice);
            long strasse = insertRoom(database, "Straße", false, alice);
            long shouting = insertRoom(database, "STRASSE", false, alice);
            long hidden = insertRoom(database, "Gen\u200Beral", true, alice);
            long blank = insertRoom(database, "\u3164", false, alice);

            migrate(database, null);

            var rooms = new JooqRoomRepository(database.dsl());
            var bob = users.create(new Username("bob"), new PasswordHash("h"), T0).orElseThrow().id();
            assertThat(rooms.findByName(new RoomName("GENERAL"), bob)).extracting(r -> r.id().value())
                    .as("both public rooms that now mean General, the oldest first").containsExactly(general, wide);
            assertThat(rooms.findById(new RoomId(wide)).orElseThrow().name().value()).isEqualTo("Ｇｅｎｅｒａｌ");
            assertThat(rooms.findByName(new RoomName("strasse"), bob)).extracting(r -> r.id().value())
                    .containsExactly(strasse, shouting);
            assertThat(rooms.create(new RoomName("Strasse"), false, bob, T0)).as("the name is held").isEmpty();
            assertThat(rooms.findById(new RoomId(hidden)).orElseThrow().name().value())
                    .as("invisible characters taken out").isEqualTo("General");
            assertThat(rooms.findById(new RoomId(blank)).orElseThrow().name().value()).isEqualTo("Room " + blank);
            assertThat(rooms.create(new RoomName("Room " + blank), false, bob, T0)).isEmpty();
            assertThat(rooms.create(new RoomName("Fresh"), false, bob, T0)).isPresent();
        }
    }

    /**
     * Rooms named before 2026-12-07 with characters that draw nothing in them (a combining grapheme joiner, a
     * variation selector, a Hangul filler) mean the name they show: a second "General" no longer holds a name of its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void roomsNamedWithCharactersThatDrawNothingMeanTheNameTheyShow(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "23");
            var alice = existingUser(database, "alice");
            var bob = existingUser(database, "bob");
            long general = longValue(database, "select id from rooms where name_key = 'general'");
            long lookalike = insertKeyedRoom(database, "Gen\u034Feral", "gen\u034Feral", false, alice);
            long team = insertKeyedRoom(database, "Team\uFE0F", "team\uFE0F", false, alice);
            long secret = insertKeyedRoom(database, "General\u3164", "PRIVATE-secret", true, alice);
            var rooms = new JooqRoomRepository(database.dsl());
            long direct = rooms.openDirect(DirectPair.of(alice, bob), T0).id().value();

            migrate(database, null);

            assertThat(rooms.findByName(new RoomName("General"), bob)).extracting(r -> r.id().value())
                    .as("both public rooms that now mean General, the oldest first").containsExactly(general, lookalike);
            assertThat(rooms.findById(new RoomId(lookalike)).orElseThrow().name().value()).isEqualTo("Gen\u034Feral");
            assertThat(rooms.create(new RoomName("Team"), false, bob, T0)).as("the name it shows is held").isEmpty();
            assertThat(rooms.findByName(new RoomName("team"), bob)).extracting(r -> r.id().value()).containsExactly(team);
            // private rooms and direct messages keep their claims: the same direct message from either side
            assertThat(database.dsl().fetchValue("select name_claim from rooms where id = " + secret))
                    .isEqualTo("PRIVATE-secret");
            assertThat(rooms.openDirect(DirectPair.of(bob, alice), T0).id().value()).isEqualTo(direct);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void existingMessagesStartTheChangeLogAsPostsInIdOrder(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "6");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name_key = 'general'");
            database.dsl().execute("insert into rooms (name, name_claim, name_key, is_private, created_by, created_at) "
                    + "values ('other', 'other', 'other', ?, ?, " + WRITTEN_AT + ")", false, alice.value());
            long other = longValue(database, "select max(id) from rooms");
            for (long room : new long[] {general, other, general}) {
                database.dsl().execute("insert into messages (room_id, sender_id, content, message_type, created_at) "
                        + "values (?, ?, 'hi', 'TEXT', " + WRITTEN_AT + ")", room, alice.value());
            }

            migrate(database, null);

            var messages = new JooqMessageRepository(database.dsl());
            var log = messages.changesAfter(new RoomId(general), null, 10);
            assertThat(log).extracting(RoomChange::kind).containsOnly(RoomChange.Kind.POSTED);
            assertThat(log).extracting(c -> c.messageId().value()).containsExactly(
                    longValue(database, "select min(id) from messages where room_id = " + general),
                    longValue(database, "select max(id) from messages where room_id = " + general));
            assertThat(messages.changesAfter(new RoomId(other), null, 10)).hasSize(1);
            var first = messages.findById(log.getFirst().messageId()).orElseThrow();
            assertThat(first.deleted()).isFalse();
            assertThat(first.editedAt()).isNull();
            assertThat(first.replyCount()).isZero();
            assertThat(messages.changeOfPostAtOrBefore(new RoomId(general), first.id())).contains(log.getFirst().id());
        }
    }

    /**
     * Sessions begun before devices were named show in their user's list without a label, last used at their last
     * refresh (or when they began, if never refreshed), and are ordered by it like new ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void existingSessionsAreListedUnlabelledLastUsedAtTheirLastRefresh(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "22");
            var alice = existingUser(database, "alice");
            for (int i = 0; i < 2; i++) {
                database.dsl().execute("insert into auth_sessions (user_id, created_at) values (?, " + WRITTEN_AT + ")",
                        alice.value());
            }
            long refreshed = longValue(database, "select min(id) from auth_sessions");
            long never = longValue(database, "select max(id) from auth_sessions");
            database.dsl().execute("insert into refresh_tokens (token_hash, session_id, expires_at, used_at) values "
                    + "('a', ?, '2026-11-09 10:15:30+00:00', '2026-11-02 11:00:00+00:00'), "
                    + "('b', ?, '2026-11-09 11:00:00+00:00', null), "
                    + "('c', ?, '2026-11-09 10:15:30+00:00', null)", refreshed, refreshed, never);

            migrate(database, null);

            var live = new JooqSessionStore(database.dsl()).liveOf(alice, T0.plusSeconds(7200));
            assertThat(live).extracting(s -> s.id().value()).containsExactly(refreshed, never);
            assertThat(live).extracting(AuthSession::device).containsOnlyNulls();
            assertThat(live).extracting(AuthSession::lastUsedAt)
                    .containsExactly(Instant.parse("2026-11-02T11:00:00Z"), T0);
        }
    }

    /** A WAV uploaded before 2026-12-06 was recorded as Tika's audio/vnd.wave, which the download and messages said. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void wavFilesRecordedAsVndWaveBecomeAudioWavInTheirRecordAndTheirMessages(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "17");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name_key = 'general'");
            for (String[] file : new String[][] {{"a.wav", "audio/vnd.wave"}, {"b.mp3", "audio/mpeg"}}) {
                database.dsl().execute("insert into attachments (name, original_name, size, mime_type, kind, uploader_id,"
                        + " created_at) values (?, ?, 10, ?, 'AUDIO', ?, " + WRITTEN_AT + ")", file[0], file[0], file[1],
                        alice.value());
                database.dsl().execute("insert into messages (room_id, sender_id, content, message_type, file_name, "
                        + "mime_type, created_at) values (?, ?, '', 'AUDIO', ?, ?, " + WRITTEN_AT + ")", general,
                        alice.value(), file[0], file[1]);
            }

            migrate(database, null);

            var attachments = new JooqAttachmentRepository(database.dsl());
            assertThat(attachments.findByName("a.wav").orElseThrow().mimeType()).isEqualTo("audio/wav");
            assertThat(attachments.findByName("b.mp3").orElseThrow().mimeType()).isEqualTo("audio/mpeg");
            assertThat(database.dsl().fetch("select mime_type from messages order by id").getValues(0, String.class))
                    .containsExactly("audio/wav", "audio/mpeg");
        }
    }

    /**
     * Users whose names looked alike before 2026-12-07 keep them and can still be found by them; the earlier one is the
     * name a new look-alike is told is taken, and nobody can take a third.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void usersNamedAlikeBeforeKeepTheirNamesAndNoThirdCanBeTaken(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "25");
            for (String name : new String[] {"alice", "aIice", "Rnartin", "bob"}) {
                existingUser(database, name);
            }

            migrate(database, null);

            var users = new JooqUserRepository(database.dsl());
            assertThat(users.findByUsername(new Username("aIice"))).map(u -> u.username().value()).contains("aIice");
            assertThat(users.findByUsername(new Username("alice"))).map(u -> u.username().value()).contains("alice");
            assertThat(users.findLookingLike(new Username("a1ice"))).map(u -> u.username().value()).contains("alice");
            assertThat(users.findLookingLike(new Username("martin"))).map(u -> u.username().value())
                    .contains("Rnartin");
            assertThat(users.create(new Username("a1ice"), new PasswordHash("h"), T0)).isEmpty();
            assertThat(users.create(new Username("bobby"), new PasswordHash("h"), T0)).isPresent();
        }
    }

    /**
     * Uploads recorded before 2026-12-07 that no message carries wait for one from their upload on, so that the first
     * sweep after the upgrade forgets the old ones; what a message carries (a file, an image's preview, a preview
     * posted as a file of its own) does not wait.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void uploadsNoMessageCarriesWaitFromTheirUploadAndCarriedOnesDoNot(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "24");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select id from rooms where name_key = 'general'");
            String[][] uploads = {{"posted.pdf", null}, {"abandoned.pdf", null}, {"photo.jpg", "photo-preview.jpg"},
                    {"photo-preview.jpg", null}, {"lost.jpg", "lost-preview.jpg"}, {"lost-preview.jpg", null},
                    {"shown.jpg", "shown-preview.jpg"}, {"shown-preview.jpg", null}, {"was-deleted.pdf", null}};
            for (String[] upload : uploads) {
                database.dsl().execute("insert into attachments (name, original_name, size, mime_type, kind, uploader_id,"
                        + " created_at, preview_name) values (?, ?, 10, 'image/jpeg', 'IMAGE', ?, " + WRITTEN_AT
                        + ", ?)", upload[0], upload[0], alice.value(), upload[1]);
            }
            // a file; an image with its preview; only the preview of another image, as a file of its own; and a
            // message since deleted, which carries nothing
            for (String[] carried : new String[][] {{"posted.pdf", null}, {"photo.jpg", "photo-preview.jpg"},
                    {"shown-preview.jpg", null}}) {
                database.dsl().execute("insert into messages (room_id, sender_id, content, message_type, file_name, "
                        + "file_preview_name, mime_type, created_at) values (?, ?, '', 'IMAGE', ?, ?, 'image/jpeg', "
                        + WRITTEN_AT + ")", general, alice.value(), carried[0], carried[1]);
            }
            database.dsl().execute("insert into messages (room_id, sender_id, content, message_type, deleted, created_at)"
                    + " values (?, ?, '', 'TEXT', ?, " + WRITTEN_AT + ")", general, alice.value(),
                    vendor.equals("sqlite") ? (Object) 1 : (Object) true);

            migrate(database, null);

            var attachments = new JooqAttachmentRepository(database.dsl());
            assertThat(attachments.unpostedBefore(T0.plusSeconds(1), 100)).extracting(a -> a.name())
                    .containsExactlyInAnyOrder("abandoned.pdf", "lost.jpg", "lost-preview.jpg", "shown.jpg",
                            "was-deleted.pdf");
            assertThat(attachments.unpostedBefore(T0, 100)).as("recorded at T0, not before it").isEmpty();
        }
    }

    /** docs/operations.md#indexes-of-messages: the upgrade's indexes built by the operator before the upgrade. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theIndexesOfRepliesAndFilesMayBeBuiltBeforeTheUpgrade(String vendor) {
        try (var database = open(vendor)) {
            migrate(database, "15");
            String concurrently = vendor.equals("postgresql") ? "concurrently " : "";
            database.dsl().execute("create index " + concurrently + REPLIES_INDEX);
            database.dsl().execute("create index " + concurrently + FILES_INDEX);

            migrate(database, "16");

            assertThat(indexes(database)).as("the indexes of messages after the upgrade on " + vendor)
                    .containsEntry("messages_replies_idx", true)
                    .containsEntry("messages_files_idx", true)
                    .doesNotContainKeys("messages_reply_to_id_id_idx", "messages_file_name_idx");
        }
    }

    /**
     * An operator's build interrupted (here: refused on duplicate keys, as a cancelled one would be) leaves an
     * invalid index under the name V16 builds; V16 builds it again instead of keeping it, and a thread's pages and
     * deleted files' checks keep their index.
     */
    @Test
    void anIndexAnInterruptedBuildLeftInvalidIsBuiltAgainByTheUpgrade() {
        try (var database = open("postgresql")) {
            migrate(database, "15");
            var alice = existingUser(database, "alice");
            long general = longValue(database, "select min(id) from rooms");
            insertMessage(database, general, alice, "one", null, null);
            insertMessage(database, general, alice, "two", null, null);
            assertThatThrownBy(() -> database.dsl().execute(
                    "create unique index concurrently messages_replies_idx on messages (room_id)"))
                    .as("a build that stops half way").hasMessageContaining("duplicate");
            assertThat(indexes(database)).as("what the interrupted build left")
                    .containsEntry("messages_replies_idx", false);

            migrate(database, "16");

            assertThat(indexes(database)).as("the indexes of messages after the upgrade")
                    .containsEntry("messages_replies_idx", true)
                    .containsEntry("messages_files_idx", true);
            assertThat(database.dsl().fetchValue("select pg_get_indexdef(to_regclass('messages_replies_idx'))"))
                    .asString().endsWith("USING btree (reply_to_id, id) WHERE (reply_to_id IS NOT NULL)");
        }
    }

    private static final String REPLIES_INDEX =
            "messages_replies_idx on messages (reply_to_id, id) where reply_to_id is not null";
    private static final String FILES_INDEX = "messages_files_idx on messages (file_name) where file_name is not null";

    /** The indexes of {@code messages} by name, each with whether the database uses it (false: left invalid). */
    private static Map<String, Boolean> indexes(TestDatabase database) {
        String query = database.vendor().equals("sqlite")
                ? "select name, 1 from sqlite_master where type = 'index' and tbl_name = 'messages'"
                : "select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid "
                        + "where i.indrelid = to_regclass('messages')";
        Map<String, Boolean> indexes = new HashMap<>();
        database.dsl().fetch(query).forEach(r -> indexes.put(r.get(0, String.class), r.get(1, Boolean.class)));
        return indexes;
    }

    private TestDatabase open(String vendor) {
        return vendor.equals("sqlite") ? TestDatabases.sqlite(directory, false) : TestDatabases.postgres(false);
    }

    private static long insertRoom(TestDatabase database, String name, boolean isPrivate, UserId creator) {
        database.dsl().execute("insert into rooms (name, canonical_name, is_private, created_by, created_at) "
                + "values (?, ?, ?, ?, " + WRITTEN_AT + ")", name, name.toLowerCase(java.util.Locale.ROOT), isPrivate,
                creator.value());
        return longValue(database, "select max(id) from rooms");
    }

    /** A room as versions 6 to 23 wrote it: a public one claims its name's key, which {@code claim} here is. */
    private static long insertKeyedRoom(TestDatabase database, String name, String claim, boolean isPrivate,
                                        UserId creator) {
        database.dsl().execute("insert into rooms (name, name_claim, name_key, is_private, created_by, created_at) "
                + "values (?, ?, ?, ?, ?, " + WRITTEN_AT + ")", name, claim,
                isPrivate ? name.toLowerCase(java.util.Locale.ROOT) : claim, isPrivate, creator.value());
        return longValue(database, "select max(id) from rooms");
    }

    private static long longValue(TestDatabase database, String query) {
        return ((Number) database.dsl().fetchValue(query)).longValue();
    }

    /** A user as every version before V26 wrote one: the columns of V1. */
    private static UserId existingUser(TestDatabase database, String name) {
        database.dsl().execute("insert into users (username, canonical_name, password_hash, created_at) values (?, ?, "
                + "'h', " + WRITTEN_AT + ")", name, name.toLowerCase(java.util.Locale.ROOT));
        return new UserId(longValue(database, "select max(id) from users"));
    }

    /** Up to {@code version}, or to the newest when null. */
    private static void migrate(TestDatabase database, String version) {
        var flyway = Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/" + database.vendor());
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }
}
