package org.chatserver.application.service.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.chatserver.application.contract.TestImages;
import org.chatserver.application.fakes.FakeMediaInspector;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase.UploadSource;
import org.chatserver.application.fakes.ForwardingAttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.StoredAttachment;
import org.junit.jupiter.api.Test;

class AttachmentServicesTest {

    private static final String JPEG = "\u00ff\u00d8\u00ff\u00e0 pretend jpeg";

    private final ChatFixture chat = new ChatFixture();
    private final InMemoryAttachmentStorage storage = new InMemoryAttachmentStorage();
    private final AuthenticatedUser alice = chat.user("alice");
    private final FakeMediaInspector inspector = new FakeMediaInspector();
    private final UploadAttachmentService upload = new UploadAttachmentService(UploadPolicy.defaults(),
            inspector, storage, chat.attachments, chat.tx, chat.clock);
    private final ServeAttachmentService serve = new ServeAttachmentService(chat.attachments, storage);

    @Test
    void storesUnderAFreshNameWithTheExtensionOfWhatItReallyIs() throws Exception {
        StoredAttachment stored = upload.upload(alice, source(JPEG, "holiday.JPEG", "image/jpeg"), false);

        assertThat(stored.name()).matches("[0-9a-f-]{36}\\.jpg");
        assertThat(stored.originalName()).isEqualTo("holiday.JPEG");
        assertThat(stored.kind()).isEqualTo(AttachmentKind.IMAGE);
        assertThat(stored.mimeType()).isEqualTo("image/jpeg");
        assertThat(stored.previewName()).isNotNull();
        try (var object = storage.open(new StorageKey(stored.name()), null).orElseThrow()) {
            assertThat(new String(object.content().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(JPEG);
        }
        var served = serve.describe(stored.name()).orElseThrow();
        assertThat(served.mimeType()).isEqualTo("image/jpeg");
        assertThat(served.size()).isEqualTo(JPEG.length());
        assertThat(serve.describe(stored.previewName())).isPresent();
    }

    /** A phone writes where a photo was taken into it; every member of the room could read that from the file. */
    @Test
    void aPhotoIsStoredWithoutWhereItWasTakenAndItsSizeIsWhatIsStored() throws Exception {
        String photo = new String(TestImages.phonePhoto(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6),
                StandardCharsets.ISO_8859_1);

        StoredAttachment stored = upload.upload(alice, source(photo, "IMG_0001.jpg", "image/jpeg"), false);

        byte[] kept;
        try (var object = storage.open(new StorageKey(stored.name()), null).orElseThrow()) {
            kept = object.content().readAllBytes();
        }
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE);
        assertThat(stored.size()).as("the size recorded").isEqualTo(kept.length).isLessThan(photo.length());
        assertThat(serve.describe(stored.name()).orElseThrow().size()).as("the size served").isEqualTo(kept.length);
    }

    /** An uploader's name for the file is shown to others: no path, no control or bidirectional characters. */
    @Test
    void theOriginalNameIsKeptWithoutWhatCouldMakeItLie() {
        // the override shows the rest backwards: "mygpj.cod", an image that reads as a document
        StoredAttachment reversed = upload.upload(alice, source(JPEG, "my\u202edoc.jpg", "image/jpeg"), false);
        StoredAttachment pathed = upload.upload(alice, source(JPEG, "C:\\photos\\\u0007cat.jpg", "image/jpeg"), false);

        assertThat(reversed.originalName()).as("a name with a right-to-left override").isEqualTo("mydoc.jpg");
        assertThat(pathed.originalName()).as("a Windows path with a bell character").isEqualTo("cat.jpg");
    }

    @Test
    void refusesWhatIsNotAllowedSayingWhy() {
        assertRefused(source("MZ\u0090\u0000 executable", "cat.jpg", "image/jpeg"), false,
                "File type application/x-msdownload is not allowed");
        assertRefused(source("<html><script>alert(1)</script>", "photo.png", "image/png"), false,
                "File type text/html is not allowed");
        assertRefused(source("<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", null), false,
                "File type image/svg+xml is not allowed");
        assertRefused(source(JPEG, "photo.jpg", "application/pdf"), false,
                "Declared type application/pdf does not match the content, which is image/jpeg");
        assertRefused(source(JPEG, "photo.pdf", null), false,
                "File name extension .pdf does not match the content, which is image/jpeg");
        assertRefused(source("%PDF-1.4 a document", "doc.pdf", null), true, "File must be an image");
        assertRefused(source("\u00ff\u00d8\u00ff CORRUPT", "broken.jpg", null), true, "File must be an image");
        assertRefused(source("", "empty.txt", null), false, "File is empty");
        assertThat(chat.attachments.findByName("anything")).isEmpty();
    }

    /** A file that is nothing but its metadata (an MP3 whose tag claims the whole file) is never stored empty. */
    @Test
    void aFileThatIsNothingButMetadataIsRefusedAsAnEmptyOne() {
        assertRefused(source("ID3 a tag claiming 200 MB, the frames in it", "memo.mp3", "audio/mpeg"), false,
                "File is empty once its metadata is removed");
        assertThat(storage.keys()).as("nothing stored").isEmpty();
        assertThat(upload.upload(alice, source("ID3 a tag\nframes", "memo.mp3", null), false).size())
                .as("an MP3 with frames after its tag").isEqualTo("frames".length());
    }

    /** A document whose metadata cannot be removed without storing it broken is refused before anything is stored. */
    @Test
    void aDocumentThatCannotBeCleanedIsRefusedSayingWhyAndNothingIsStored() {
        assertRefused(source("PK\u0003\u0004 a document CUT SHORT", "report.docx", null), false,
                "Document could not be read to remove its metadata: it is cut short");
        assertThat(storage.keys()).as("nothing stored").isEmpty();
        assertThat(upload.upload(alice, source("PK\u0003\u0004 a whole document", "report.docx", null), false)
                .mimeType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    /** An old Office document that is not named .doc: its type alone is a name users do not know. */
    @Test
    void anOldOfficeDocumentOfNoTellingNameIsRefusedSayingWhatItIsAndWhatIsAccepted() {
        String ole2 = "\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1 compound file";
        UploadAttachmentService withoutWord = new UploadAttachmentService(
                new UploadPolicy(1000, Set.of("application/pdf"), 320), new FakeMediaInspector(), storage,
                chat.attachments, chat.tx, chat.clock);

        assertRefused(source(ole2, "letter", null), false, "File type application/vnd.ms-office is not allowed: it "
                + "is an old Microsoft Office document (.doc, .xls or .ppt) whose name does not say which; a Word "
                + "document is accepted with a name ending in .doc (or saved as .docx)");
        assertThatThrownBy(() -> withoutWord.upload(alice, source(ole2, "letter", null), false))
                .isInstanceOf(RejectedException.class).hasMessage("File type application/vnd.ms-office is not "
                        + "allowed: it is an old Microsoft Office document (.doc, .xls or .ppt) whose name does not say which");
        assertThat(storage.keys()).isEmpty();
    }

    @Test
    void anImageTheInspectorWillNotDecodeIsRefusedWithItsReason() {
        // a PNG header announcing 10000 x 10000 pixels, beyond the inspector's limit
        String header = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0027\u0010\u0000\u0000\u0027\u0010"
                + "\u0008\u0002\u0000\u0000\u0000";

        assertRefused(source(header, "huge.png", "image/png"), false, "Image is 10000 × 10000 pixels; at most "
                + FakeMediaInspector.MAX_PIXELS + " are accepted");
        assertThat(storage.keys()).isEmpty();
    }

    @Test
    void whenEveryImageDecoderIsBusyTheUploadIsRefusedForNowAndNothingIsKept() {
        inspector.becomeBusy(Duration.ofSeconds(3));

        assertThatThrownBy(() -> upload.upload(alice, source(JPEG, "a.jpg", null), true))
                .isInstanceOfSatisfying(ServiceBusyException.class,
                        busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3)))
                .hasMessage("The server is busy with other images; try again in 3 seconds");
        assertThat(storage.keys()).isEmpty();
        // files that need no decoding are not held up
        assertThat(upload.upload(alice, source("hello", "notes.txt", null), false).mimeType()).isEqualTo("text/plain");
    }

    @Test
    void theSizeLimitIsInclusive() {
        UploadAttachmentService small = new UploadAttachmentService(
                new UploadPolicy(10, Set.of("text/plain"), 320), new FakeMediaInspector(), storage,
                chat.attachments, chat.tx, chat.clock);

        assertThat(small.upload(alice, source("0123456789", "ten.txt", "text/plain"), false).size()).isEqualTo(10);
        assertThatThrownBy(() -> small.upload(alice, source("0123456789A", "eleven.txt", null), false))
                .isInstanceOf(RejectedException.class).hasMessage("File size must be less than 10 bytes");
        assertThat(upload.sizeLimitMessage()).isEqualTo("File size must be less than 10MB");
        // what clients are told of the limit is the limit applied
        assertThat(small.maxFileSize()).isEqualTo(10);
        assertThat(upload.maxFileSize()).isEqualTo(10 * 1024 * 1024);
    }

    /** A text file written on Windows is in Windows-1252: served as UTF-8, its accents showed as garbage. */
    @Test
    void textIsServedInTheCharsetItIsWrittenIn() {
        String accented = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e\n";
        StoredAttachment windows = upload.upload(alice, source(new String(accented.getBytes(
                java.nio.charset.Charset.forName("windows-1252")), StandardCharsets.ISO_8859_1), "menu.txt", null), false);
        StoredAttachment utf8 = upload.upload(alice, source(new String(accented.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1), "menu.txt", null), false);
        StoredAttachment photo = upload.upload(alice, source(JPEG, "photo.jpg", null), false);

        assertThat(serve.describe(windows.name()).orElseThrow().contentType())
                .isEqualTo("text/plain; charset=windows-1252");
        assertThat(serve.describe(utf8.name()).orElseThrow().contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(photo.charset()).isNull();
    }

    /**
     * Spreadsheets, presentations and OpenDocument files are documents; their macro-enabled kinds are refused saying
     * why and what to send instead, as a user who picked the file would not know the type's name.
     */
    @Test
    void officeDocumentsAreAcceptedAndTheirMacroEnabledKindsRefusedSayingWhy() {
        UploadPolicy policy = UploadPolicy.defaults();

        for (String type : List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
                "application/vnd.oasis.opendocument.presentation")) {
            assertThat(policy.accepted(type)).as(type).get().extracting(UploadPolicy.FileType::kind)
                    .isEqualTo(AttachmentKind.DOCUMENT);
        }
        for (String type : List.of("application/vnd.ms-word.document.macroenabled.12",
                "application/vnd.ms-excel.sheet.macroenabled.12",
                "application/vnd.ms-powerpoint.presentation.macroenabled.12")) {
            assertThat(policy.accepted(type)).as(type).isEmpty();
            assertThat(policy.notAllowed(type)).isEqualTo("File type " + type + " is not allowed: it is an Office "
                    + "document with macros (.docm, .xlsm, .pptm or a template of them), which can run programs on "
                    + "the computer of whoever opens it; save it without macros (.docx, .xlsx, .pptx)");
        }
    }

    /** WAV was recorded under Tika's name, audio/vnd.wave, until 2026-12-06: a configuration may still list it. */
    @Test
    void aWavIsAudioWavAndAConfigurationNamingVndWaveStillTakesIt() {
        assertThat(new UploadPolicy(10, Set.of("audio/vnd.wave"), 320).allowedTypes()).containsExactly("audio/wav");
        assertThat(UploadPolicy.canonical("audio/vnd.wave")).isEqualTo("audio/wav");
        assertThat(UploadPolicy.KNOWN).containsKey("audio/wav").doesNotContainKey("audio/vnd.wave");
    }

    /** One account cannot fill the server's disk: a day's uploads are bounded per user, in a rolling 24 hours. */
    @Test
    void uploadsPastTheDailyQuotaAreRefusedUntilTheOldestOfTheDayIsADayOld() {
        String text = "x".repeat(400);
        var quota = new UploadAttachmentService(new UploadPolicy(10L * 1024 * 1024,
                UploadPolicy.KNOWN.keySet(), 320, 1000), inspector, storage, chat.attachments, chat.tx, chat.clock);
        AuthenticatedUser bob = chat.user("bob");
        var morning = chat.clock.instant();
        quota.upload(alice, source(text, "a.txt", null), false);
        chat.clock.advance(Duration.ofHours(2));
        quota.upload(alice, source(text, "b.txt", null), false);

        assertThatThrownBy(() -> quota.upload(alice, source(text, "c.txt", null), false))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfter())
                        .as("until the first upload is a day old").isEqualTo(Duration.ofHours(22)))
                .hasMessage("Upload quota reached: you uploaded 800 bytes in the last 24 hours, and this server takes "
                        + "at most 1000 bytes a day from each user; try again after "
                        + morning.plus(Duration.ofDays(1)));
        assertThat(storage.keys()).as("nothing of it stored").hasSize(2);
        quota.upload(alice, source("x".repeat(200), "fits.txt", null), false);
        quota.upload(bob, source(text, "bobs.txt", null), false);

        chat.clock.advance(Duration.ofHours(22));
        quota.upload(alice, source(text, "next-day.txt", null), false);
        assertThat(storage.keys()).hasSize(5);
    }

    @Test
    void theDailyQuotaIsWrittenInMegabytesAndAByDefaultUploadIsWithinIt() {
        var quota = new UploadAttachmentService(new UploadPolicy(10L * 1024 * 1024,
                UploadPolicy.KNOWN.keySet(), 320, 2L * 1024 * 1024), inspector, storage, chat.attachments, chat.tx,
                chat.clock);
        String mb = "x".repeat(1024 * 1024 + 512);
        quota.upload(alice, source(mb, "a.txt", null), false);

        assertThatThrownBy(() -> quota.upload(alice, source(mb, "b.txt", null), false))
                .hasMessageStartingWith("Upload quota reached: you uploaded about 1MB in the last 24 hours, and this "
                        + "server takes at most 2MB a day from each user");
        assertThat(UploadPolicy.defaults().dailyQuota()).isEqualTo(1024L * 1024 * 1024);
        assertThat(new UploadPolicy(1, UploadPolicy.KNOWN.keySet(), 320).dailyQuota()).as("none").isZero();
    }

    @Test
    void aFailedRecordLeavesNoFileBehind() {
        AttachmentRepository broken = new ForwardingAttachmentRepository(chat.attachments) {
            @Override
            public void add(StoredAttachment attachment) {
                throw new IllegalStateException("database down");
            }
        };
        UploadAttachmentService failing = new UploadAttachmentService(UploadPolicy.defaults(),
                new FakeMediaInspector(), storage, broken, chat.tx, chat.clock);

        assertThatThrownBy(() -> failing.upload(alice, source(JPEG, "a.jpg", null), false))
                .hasMessage("database down");
        assertThat(storage.keys()).isEmpty();
    }

    @Test
    void servesRangesAndNothingForUnknownOrMalformedNames() throws Exception {
        StoredAttachment stored = upload.upload(alice, source("hello world", "notes.txt", "text/plain"), false);

        try (var part = serve.open(stored.name(), new ByteRange(6, 10)).orElseThrow()) {
            assertThat(new String(part.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("world");
        }
        assertThat(serve.describe("../etc/passwd")).isEmpty();
        assertThat(serve.describe("nope.txt")).isEmpty();
        assertThat(serve.describe("a%2F..%2Fb")).isEmpty();
        assertThat(serve.describe(null)).isEmpty();
        assertThat(AttachmentKind.DOCUMENT.showsInline()).isFalse();
        assertThat(AttachmentKind.VIDEO.showsInline()).isTrue();
    }

    private void assertRefused(UploadSource source, boolean imageOnly, String detail) {
        assertThatThrownBy(() -> upload.upload(alice, source, imageOnly))
                .isInstanceOf(RejectedException.class).hasMessage(detail);
    }

    static UploadSource source(String content, String name, String declared) {
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        return new UploadSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public String originalName() {
                return name;
            }

            @Override
            public String declaredType() {
                return declared;
            }
        };
    }
}
