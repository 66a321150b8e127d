package org.chatserver.application.service.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.contract.TestImages;
import org.chatserver.application.fakes.FakeMediaInspector;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Cleaned;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Outcome;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Page;
import org.chatserver.application.fakes.ForwardingAttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.Room;
import org.chatserver.domain.StoredAttachment;
import org.junit.jupiter.api.Test;

/** Photos stored before uploads were cleaned still told every member where they were taken. */
class CleanStoredFilesServiceTest {

    private static final byte[] PHONE_PHOTO = TestImages.phonePhoto(
            TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6);
    private static final byte[] CLEAN_JPEG = "\u00ff\u00d8\u00ff\u00e0 pretend jpeg".getBytes(StandardCharsets.ISO_8859_1);

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final Room room = chat.room(alice, "holiday", false);
    private final FakeMediaInspector inspector = new FakeMediaInspector();
    private final CleanStoredFilesService clean = over(chat.attachments, chat.storage);

    @Test
    void aPhotoStoredWithWhereItWasTakenLosesItAndItsMessagesShowTheNewSize() throws Exception {
        MessageId message = storedBeforeCleaning("a-photo.jpg", PHONE_PHOTO, "image/jpeg");

        Page page = clean.cleanAfter(null, 10);

        byte[] stored = stored("a-photo.jpg");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE);
        assertThat(stored.length).isLessThan(PHONE_PHOTO.length);
        assertThat(page.files()).containsExactly(
                new Cleaned("a-photo.jpg", Outcome.REWRITTEN, PHONE_PHOTO.length, stored.length, null));
        assertThat(chat.attachments.findByName("a-photo.jpg").orElseThrow().size()).as("the upload's record")
                .isEqualTo(stored.length);
        assertThat(chat.messages.findById(message).orElseThrow().content().attachment().size())
                .as("the size its message shows").isEqualTo(stored.length);
    }

    @Test
    void aFileWithNothingToRemoveIsNotWrittenAgain() {
        storedBeforeCleaning("a-clean.jpg", CLEAN_JPEG, "image/jpeg");
        storedBeforeCleaning("b-report.pdf", "%PDF-1.7 a report".getBytes(StandardCharsets.US_ASCII),
                "application/pdf");
        String versionBefore = chat.storage.stat(new StorageKey("a-clean.jpg")).orElseThrow().etag();

        Page page = clean.cleanAfter(null, 10);

        assertThat(page.files()).extracting(Cleaned::outcome).containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
        assertThat(chat.storage.stat(new StorageKey("a-clean.jpg")).orElseThrow().etag()).as("stored again")
                .isEqualTo(versionBefore);
        assertThat(stored("a-clean.jpg")).isEqualTo(CLEAN_JPEG);
    }

    @Test
    void pageAfterPageEveryUploadIsCleanedOnceAndThenThereAreNoMore() throws Exception {
        List<String> names = List.of("a.jpg", "b.jpg", "c.jpg");
        names.forEach(name -> storedBeforeCleaning(name, PHONE_PHOTO, "image/jpeg"));

        List<Cleaned> all = new ArrayList<>();
        String after = null;
        for (Page page = clean.cleanAfter(null, 2); !page.files().isEmpty(); page = clean.cleanAfter(after, 2)) {
            all.addAll(page.files());
            after = page.last();
        }

        assertThat(all).extracting(Cleaned::name).containsExactlyElementsOf(names);
        assertThat(all).extracting(Cleaned::outcome).containsOnly(Outcome.REWRITTEN);
        assertThat(clean.cleanAfter(null, 10).files()).as("a second run").extracting(Cleaned::outcome)
                .containsOnly(Outcome.UNCHANGED);
    }

    @Test
    void aFileTheStoreLacksOrCannotTakeIsReportedAndTheOthersAreStillCleaned() throws Exception {
        storedBeforeCleaning("a-lost.jpg", PHONE_PHOTO, "image/jpeg");
        chat.storage.delete(new StorageKey("a-lost.jpg"));
        storedBeforeCleaning("b-refused.jpg", PHONE_PHOTO, "image/jpeg");
        storedBeforeCleaning("c-photo.jpg", PHONE_PHOTO, "image/jpeg");
        CleanStoredFilesService refusing = over(chat.attachments, new RefusingToStore(chat.storage, "b-refused.jpg"));

        Page page = refusing.cleanAfter(null, 10);

        assertThat(page.files()).extracting(Cleaned::name, Cleaned::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a-lost.jpg", Outcome.MISSING),
                org.assertj.core.groups.Tuple.tuple("b-refused.jpg", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("c-photo.jpg", Outcome.REWRITTEN));
        assertThat(page.files().get(1).problem()).contains("the disk is full");
        assertThat(stored("b-refused.jpg")).as("left as it was").isEqualTo(PHONE_PHOTO);
        assertThat(chat.attachments.findByName("b-refused.jpg").orElseThrow().size()).isEqualTo(PHONE_PHOTO.length);
    }

    @Test
    void aFileTheCleaningCannotReadIsReportedAndTheNextIsStillCleaned() throws Exception {
        storedBeforeCleaning("a-song.mp3", "ID3 a tag, then frames".getBytes(StandardCharsets.US_ASCII), "audio/mpeg");
        storedBeforeCleaning("b-photo.jpg", PHONE_PHOTO, "image/jpeg");
        MediaInspector failingOnSongs = new MediaInspector() {
            @Override
            public String detectType(InputStream content, String fileName) {
                return inspector.detectType(content, fileName);
            }

            @Override
            public java.util.Optional<ImagePreview> preview(InputStream image, int maxWidth) {
                return inspector.preview(image, maxWidth);
            }

            @Override
            public java.util.Optional<InputStream> withoutMetadata(InputStream content, String mediaType) {
                if (mediaType.equals("audio/mpeg")) {
                    throw new IllegalStateException("a tag the cleaning cannot read");
                }
                return inspector.withoutMetadata(content, mediaType);
            }

            @Override
            public String textCharset(InputStream content) {
                return inspector.textCharset(content);
            }
        };
        var cleaning = new CleanStoredFilesService(chat.attachments, chat.messages, chat.storage, failingOnSongs,
                chat.tx);

        Page page = cleaning.cleanAfter(null, 10);

        assertThat(page.files()).extracting(Cleaned::outcome).containsExactly(Outcome.FAILED, Outcome.REWRITTEN);
        assertThat(page.files().getFirst().problem()).isEqualTo("a tag the cleaning cannot read");
    }

    /** A run that stored a cleaned file and stopped before recording its size (the node stopped, the database went). */
    @Test
    void aFileCleanedByARunThatStoppedBeforeRecordingItGetsItsSizeRecordedByTheNext() {
        MessageId message = storedBeforeCleaning("a-photo.jpg", PHONE_PHOTO, "image/jpeg");
        chat.storage.store(new StorageKey("a-photo.jpg"), new ByteArrayInputStream(CLEAN_JPEG), CLEAN_JPEG.length,
                "image/jpeg");

        Page page = clean.cleanAfter(null, 10);

        assertThat(page.files()).extracting(Cleaned::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(chat.attachments.findByName("a-photo.jpg").orElseThrow().size()).isEqualTo(CLEAN_JPEG.length);
        assertThat(chat.messages.findById(message).orElseThrow().content().attachment().size())
                .isEqualTo(CLEAN_JPEG.length);
    }

    /** Its last message deleted while it was being cleaned: the file must not come back. */
    @Test
    void anUploadRemovedWhileItIsCleanedDoesNotComeBack() {
        storedBeforeCleaning("a-photo.jpg", PHONE_PHOTO, "image/jpeg");
        CleanStoredFilesService racing = over(new RemovedOnceListed(chat.attachments), chat.storage);

        Page page = racing.cleanAfter(null, 10);

        assertThat(page.files()).extracting(Cleaned::outcome).containsExactly(Outcome.MISSING);
        assertThat(chat.storage.stat(new StorageKey("a-photo.jpg"))).as("the file").isEmpty();
    }

    private CleanStoredFilesService over(AttachmentRepository attachments, AttachmentStorage storage) {
        return new CleanStoredFilesService(attachments, chat.messages, storage, inspector, chat.tx);
    }

    /** An upload as an older server kept it: its bytes as sent, and a message that carries it. */
    private MessageId storedBeforeCleaning(String name, byte[] bytes, String mimeType) {
        chat.storage.store(new StorageKey(name), new ByteArrayInputStream(bytes), bytes.length, mimeType);
        AttachmentKind kind = mimeType.startsWith("image/") ? AttachmentKind.IMAGE : AttachmentKind.DOCUMENT;
        chat.attachments.add(new StoredAttachment(name, "sent-" + name, bytes.length, mimeType, kind, alice.userId(),
                chat.clock.instant(), null));
        var file = new Attachment(name, "sent-" + name, (long) bytes.length, mimeType);
        var type = kind == AttachmentKind.IMAGE ? MessageType.IMAGE : MessageType.DOCUMENT;
        return chat.messages.append(room.id(), alice.userId(), new MessageDraft(MessageText.EMPTY, type, file), null,
                chat.clock.instant()).message().id();
    }

    private byte[] stored(String name) {
        try (var object = chat.storage.open(new StorageKey(name), null).orElseThrow()) {
            return object.content().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A store that refuses to write one name (its disk full), and is otherwise the one given. */
    private record RefusingToStore(AttachmentStorage store, String refused) implements AttachmentStorage {

        @Override
        public void store(StorageKey key, InputStream content, long length, String contentType) {
            if (key.value().equals(refused)) {
                throw new AttachmentStorageException("storing " + key + " failed: the disk is full");
            }
            store.store(key, content, length, contentType);
        }

        @Override
        public java.util.Optional<org.chatserver.domain.ObjectInfo> stat(StorageKey key) {
            return store.stat(key);
        }

        @Override
        public java.util.Optional<org.chatserver.domain.StoredObject> open(StorageKey key,
                                                                           org.chatserver.domain.ByteRange range) {
            return store.open(key, range);
        }

        @Override
        public void delete(StorageKey key) {
            store.delete(key);
        }
    }

    /** Each upload listed is then removed, as a deletion of its last message right after the listing would. */
    private static final class RemovedOnceListed extends ForwardingAttachmentRepository {

        private final AttachmentRepository uploads;

        RemovedOnceListed(AttachmentRepository uploads) {
            super(uploads);
            this.uploads = uploads;
        }

        @Override
        public List<StoredAttachment> listAfter(String afterName, int limit) {
            List<StoredAttachment> listed = uploads.listAfter(afterName, limit);
            listed.forEach(a -> uploads.remove(a.name()));
            return listed;
        }
    }
}
