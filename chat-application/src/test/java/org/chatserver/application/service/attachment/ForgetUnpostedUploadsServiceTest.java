package org.chatserver.application.service.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.chatserver.application.fakes.ForwardingAttachmentRepository;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.attachment.ForgetUnpostedUploadsUseCase.Forgotten;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Room;
import org.chatserver.domain.StoredAttachment;
import org.junit.jupiter.api.Test;

/**
 * A file uploaded and never posted (the post failed, the app was closed) is forgotten a while after its upload, bytes
 * and all; what a message carries is never touched, and a post racing the sweep is refused rather than stored
 * pointing at a file that is gone.
 */
class ForgetUnpostedUploadsServiceTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final String UNKNOWN_FILE =
            "file must name a file you uploaded to this server, or one a message here already carries";

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final Room lobby = chat.room(alice, "lobby", false);
    private final ForgetUnpostedUploadsService sweep =
            new ForgetUnpostedUploadsService(chat.attachments, chat.storage, chat.clock, RETENTION);

    @Test
    void anUploadNoMessageCarriedForTheRetentionIsForgottenWithItsFileAndPreview() {
        upload("abandoned.jpg", "abandoned-preview.jpg");
        chat.clock.advance(Duration.ofHours(1));
        upload("recent.pdf", null);
        chat.clock.advance(RETENTION.minusMinutes(30));

        Forgotten forgotten = sweep.forgetUnposted();

        assertThat(forgotten).isEqualTo(new Forgotten(2, 1234 + 100, 0));
        assertThat(chat.attachments.findByName("abandoned.jpg")).isEmpty();
        assertThat(chat.attachments.findByName("abandoned-preview.jpg")).isEmpty();
        assertThat(chat.storage.keys()).as("what the store keeps")
                .containsExactly(new StorageKey("recent.pdf"));
        assertThatThrownBy(() -> postFile("abandoned.jpg")).as("posting it now")
                .isInstanceOf(InvalidValueException.class).hasMessage(UNKNOWN_FILE);
        assertThat(sweep.forgetUnposted()).as("the next run, too early for the other").isEqualTo(new Forgotten(0, 0, 0));
    }

    @Test
    void aPostedUploadAndItsPreviewAreKeptHoweverOld() {
        upload("photo.jpg", "photo-preview.jpg");
        MessageId posted = postFile("photo.jpg");
        chat.clock.advance(RETENTION.multipliedBy(30));

        assertThat(sweep.forgetUnposted()).isEqualTo(new Forgotten(0, 0, 0));

        assertThat(chat.storage.keys()).containsExactlyInAnyOrder(new StorageKey("photo.jpg"),
                new StorageKey("photo-preview.jpg"));
        assertThat(chat.messages.findById(posted).orElseThrow().content().attachment().fileName())
                .isEqualTo("photo.jpg");
    }

    /** The post read the upload before the sweep forgot it; it must not be stored pointing at a removed file. */
    @Test
    void aPostThatReadTheUploadBeforeTheSweepForgotItIsRefusedNotStoredWithoutItsFile() {
        upload("late.jpg", null);
        chat.clock.advance(RETENTION.plusMinutes(1));
        AtomicReference<Forgotten> sweptMeanwhile = new AtomicReference<>();
        var sweepingBeforeTheCommit = new ForwardingAttachmentRepository(chat.attachments) {
            @Override
            public boolean markPosted(String name, String previewName) {
                // the sweep runs after the post read its draft, before the post's transaction holds the upload
                sweptMeanwhile.set(sweep.forgetUnposted());
                return super.markPosted(name, previewName);
            }
        };
        var post = new PostMessageService(chat.messages, chat.reactions, sweepingBeforeTheCommit, chat.access,
                chat.events, chat.tx, chat.clock);

        assertThatThrownBy(() -> post.post(alice, new PostMessageCommand(lobby.id(), new MessageText("here it is"),
                null, new AttachmentRef("late.jpg", null), null, null)))
                .isInstanceOf(InvalidValueException.class).hasMessage(UNKNOWN_FILE);

        assertThat(sweptMeanwhile.get()).isEqualTo(new Forgotten(1, 1234, 0));
        assertThat(chat.messages.latestId(lobby.id())).as("what the room holds").isEmpty();
    }

    @Test
    void aFileTheStoreFailsToRemoveIsCountedAndItsUploadStillForgotten() {
        upload("stuck.pdf", null);
        upload("fine.pdf", null);
        chat.clock.advance(RETENTION.plusSeconds(1));
        var refusing = new ForgetUnpostedUploadsService(chat.attachments, refusingToDelete("stuck.pdf"), chat.clock,
                RETENTION);

        assertThat(refusing.forgetUnposted()).isEqualTo(new Forgotten(2, 2 * 1234, 1));

        assertThat(chat.attachments.findByName("stuck.pdf")).as("nothing can point at it any more").isEmpty();
        assertThat(chat.storage.keys()).containsExactly(new StorageKey("stuck.pdf"));
    }

    @Test
    void moreThanAPageIsForgottenInOneRun() {
        for (int i = 0; i < ForgetUnpostedUploadsService.PAGE * 2 + 5; i++) {
            upload("f" + i + ".pdf", null);
        }
        chat.clock.advance(RETENTION.plusSeconds(1));

        assertThat(sweep.forgetUnposted().files()).isEqualTo(ForgetUnpostedUploadsService.PAGE * 2 + 5);
        assertThat(chat.storage.keys()).isEmpty();
    }

    @Test
    void theRetentionMustBePositive() {
        assertThatThrownBy(() -> new ForgetUnpostedUploadsService(chat.attachments, chat.storage, chat.clock,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private void upload(String name, String preview) {
        chat.attachments.add(new StoredAttachment(name, "original-" + name, 1234,
                name.endsWith(".jpg") ? "image/jpeg" : "application/pdf",
                name.endsWith(".jpg") ? AttachmentKind.IMAGE : AttachmentKind.DOCUMENT, alice.userId(),
                chat.clock.instant(), preview));
        store(name);
        if (preview != null) {
            chat.attachments.add(new StoredAttachment(preview, "preview-" + name, 100, "image/jpeg",
                    AttachmentKind.IMAGE, alice.userId(), chat.clock.instant(), null));
            store(preview);
        }
    }

    private void store(String name) {
        chat.storage.store(new StorageKey(name), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");
    }

    private MessageId postFile(String name) {
        return chat.post.post(alice, new PostMessageCommand(lobby.id(), MessageText.EMPTY, null,
                new AttachmentRef(name, null), null, null)).id();
    }

    private AttachmentStorage refusingToDelete(String name) {
        return new AttachmentStorage() {
            @Override
            public void store(StorageKey key, java.io.InputStream content, long length, String contentType) {
                chat.storage.store(key, content, length, contentType);
            }

            @Override
            public java.util.Optional<org.chatserver.domain.ObjectInfo> stat(StorageKey key) {
                return chat.storage.stat(key);
            }

            @Override
            public java.util.Optional<org.chatserver.domain.StoredObject> open(StorageKey key,
                                                                                org.chatserver.domain.ByteRange range) {
                return chat.storage.open(key, range);
            }

            @Override
            public void delete(StorageKey key) {
                if (key.value().equals(name)) {
                    throw new AttachmentStorageException("the store said no");
                }
                chat.storage.delete(key);
            }
        };
    }
}
