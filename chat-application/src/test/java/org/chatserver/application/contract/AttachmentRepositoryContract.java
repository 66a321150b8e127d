package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link AttachmentRepository} must do. Extend it once per implementation (in-memory fake,
 * SQLite, PostgreSQL). Instants are kept to the millisecond, as in {@link UserRepositoryContract}.
 */
public abstract class AttachmentRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456789Z");
    private static final Instant T0_MILLIS = Instant.parse("2026-11-02T10:15:30.123Z");
    private static final Instant T0_WHOLE_SECOND = Instant.parse("2026-11-02T10:15:30Z");
    private static final String PHOTO = "3f2a9c1e-1b2c-4d5e-8f90-123456789abc.jpg";
    private static final String PHOTO_PREVIEW = "3f2a9c1e-1b2c-4d5e-8f90-123456789abc-preview.jpg";

    /** An attachment repository and the user repository it checks uploaders against, over one fresh, empty store. */
    public record Stores(AttachmentRepository attachments, UserRepository users) {
    }

    private AttachmentRepository attachments;
    private UserRepository users;
    private UserId alice;

    /** Called once before each test. */
    protected abstract Stores newStores();

    @BeforeEach
    void createStores() {
        var stores = newStores();
        attachments = stores.attachments();
        users = stores.users();
        alice = users.create(new Username("alice"), new PasswordHash("hash-of-alice"), T0).orElseThrow().id();
    }

    @Test
    void recordedAttachmentIsFoundWithEveryFieldAndTimeToTheMillisecond() {
        attachments.add(new StoredAttachment(PHOTO, "Holiday photo.JPG", 123_456, "image/jpeg",
                AttachmentKind.IMAGE, alice, T0, PHOTO_PREVIEW));

        assertThat(attachments.findByName(PHOTO)).contains(new StoredAttachment(PHOTO, "Holiday photo.JPG", 123_456,
                "image/jpeg", AttachmentKind.IMAGE, alice, T0_MILLIS, PHOTO_PREVIEW));
    }

    @Test
    void textIsFoundWithTheCharsetItIsWrittenIn() {
        attachments.add(new StoredAttachment("menu.txt", "menu.txt", 12, "text/plain", AttachmentKind.DOCUMENT, alice,
                T0, null, "windows-1252"));

        assertThat(attachments.findByName("menu.txt").orElseThrow().charset()).isEqualTo("windows-1252");
        assertThat(attachments.findByName(PHOTO)).isEmpty();
    }

    @Test
    void attachmentWithoutPreviewIsFoundWithoutOne() {
        var pdf = new StoredAttachment("9b1d-report.pdf", "report.pdf", 42, "application/pdf",
                AttachmentKind.DOCUMENT, alice, T0_MILLIS, null);

        attachments.add(pdf);

        assertThat(attachments.findByName("9b1d-report.pdf")).contains(pdf);
    }

    @ParameterizedTest
    @EnumSource(AttachmentKind.class)
    void everyKindIsKept(AttachmentKind kind) {
        attachments.add(new StoredAttachment("file-" + kind + ".bin", "file", 1, "application/octet-stream", kind,
                alice, T0_MILLIS, null));

        assertThat(attachments.findByName("file-" + kind + ".bin")).map(StoredAttachment::kind).contains(kind);
    }

    @Test
    void sizesFromEmptyToBeyondFourGigabytesAreKept() {
        long huge = 5L * 1024 * 1024 * 1024;
        attachments.add(new StoredAttachment("empty.txt", "empty.txt", 0, "text/plain", AttachmentKind.DOCUMENT,
                alice, T0_MILLIS, null));
        attachments.add(new StoredAttachment("huge.mp4", "huge.mp4", huge, "video/mp4", AttachmentKind.VIDEO,
                alice, T0_MILLIS, null));

        assertThat(attachments.findByName("empty.txt")).map(StoredAttachment::size).contains(0L);
        assertThat(attachments.findByName("huge.mp4")).map(StoredAttachment::size).contains(huge);
    }

    @Test
    void longestOriginalNamesAreKeptWholeWhateverTheirScript() {
        // upload cuts display names to 255 characters and names a preview "preview-" + that name
        var name = "preview-" + "😀" + "Ünïcødé 照片 ".repeat(23);
        assertThat(name).hasSize(8 + 255);
        var preview = new StoredAttachment(PHOTO_PREVIEW, name, 2_048, "image/jpeg", AttachmentKind.IMAGE, alice,
                T0_MILLIS, null);

        attachments.add(preview);

        assertThat(attachments.findByName(PHOTO_PREVIEW)).contains(preview);
    }

    @Test
    void aRemovedAttachmentIsForgottenAndOthersStay() {
        attachments.add(photo(PHOTO));
        attachments.add(photo(PHOTO_PREVIEW));

        assertThat(attachments.remove(PHOTO)).isTrue();
        assertThat(attachments.remove(PHOTO)).as("removed already").isFalse();
        assertThat(attachments.findByName(PHOTO)).isEmpty();
        assertThat(attachments.findByName(PHOTO_PREVIEW)).isPresent();
    }

    @Test
    void unknownNameIsNotFound() {
        attachments.add(photo(PHOTO));

        assertThat(attachments.findByName("00000000-0000-0000-0000-000000000000.jpg")).isEmpty();
        assertThat(attachments.findByName(PHOTO_PREVIEW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "3F2A9C1E-1B2C-4D5E-8F90-123456789ABC.JPG", "3f2a9c1e-1b2c-4d5e-8f90-123456789abc.JPG",
        "3f2a9c1e-1b2c-4d5e-8f90-123456789abc", "3f2a9c1e-1b2c-4d5e-8f90-123456789abc.jpg ",
        " 3f2a9c1e-1b2c-4d5e-8f90-123456789abc.jpg", "3f2a9c1e%", "3f2a9c1e-1b2c-4d5e-8f90-123456789ab_.jpg",
        "%", ""
    })
    void namesMatchOnlyExactly(String almost) {
        attachments.add(photo(PHOTO));

        assertThat(attachments.findByName(almost)).isEmpty();
    }

    @Test
    void namesDifferingOnlyInCaseAreDifferentAttachments() {
        var lower = new StoredAttachment("abc.png", "lower.png", 1, "image/png", AttachmentKind.IMAGE, alice,
                T0_MILLIS, null);
        var upper = new StoredAttachment("ABC.png", "upper.png", 2, "image/png", AttachmentKind.IMAGE, alice,
                T0_MILLIS, null);

        attachments.add(lower);
        attachments.add(upper);

        assertThat(attachments.findByName("abc.png")).contains(lower);
        assertThat(attachments.findByName("ABC.png")).contains(upper);
        assertThat(attachments.findByName("Abc.png")).isEmpty();
    }

    @Test
    void secondAttachmentUnderTheSameNameIsRefusedAndTheFirstKept() {
        var bob = users.create(new Username("bob"), new PasswordHash("hash-of-bob"), T0).orElseThrow().id();
        var first = photo(PHOTO);
        attachments.add(first);

        assertThatThrownBy(() -> attachments.add(new StoredAttachment(PHOTO, "other.png", 7, "image/png",
                AttachmentKind.IMAGE, bob, T0_MILLIS.plusSeconds(5), PHOTO_PREVIEW)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PHOTO);

        assertThat(attachments.findByName(PHOTO)).contains(first);
        // the store still takes other names afterwards
        attachments.add(photo(PHOTO_PREVIEW));
        assertThat(attachments.findByName(PHOTO_PREVIEW)).isPresent();
    }

    @Test
    void attachmentOfUnknownUploaderIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> attachments.add(new StoredAttachment(PHOTO, "photo.jpg", 10, "image/jpeg",
                AttachmentKind.IMAGE, new UserId(987_654_321L), T0_MILLIS, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("987654321");

        assertThat(attachments.findByName(PHOTO)).isEmpty();
        // the name was not taken by the refused attempt
        attachments.add(photo(PHOTO));
        assertThat(attachments.findByName(PHOTO)).map(StoredAttachment::uploader).contains(alice);
    }

    @Test
    void attachmentsOfDifferentUploadersStayApart() {
        var bob = users.create(new Username("bob"), new PasswordHash("hash-of-bob"), T0).orElseThrow().id();
        var ofAlice = photo(PHOTO);
        var ofBob = new StoredAttachment("b0b.mp3", "song.mp3", 3_000_000, "audio/mpeg", AttachmentKind.AUDIO, bob,
                T0_MILLIS.plusMillis(1), null);

        attachments.add(ofAlice);
        attachments.add(ofBob);

        assertThat(attachments.findByName(PHOTO)).contains(ofAlice);
        assertThat(attachments.findByName("b0b.mp3")).contains(ofBob);
    }

    @Test
    void theUploadOfAPreviewIsFoundByThePreviewsName() {
        var image = imageWithPreview();
        attachments.add(photo("other.jpg"));

        assertThat(attachments.findByPreview(PHOTO_PREVIEW)).contains(image);
        assertThat(attachments.findByPreview(PHOTO)).as("an image is no preview").isEmpty();
        assertThat(attachments.findByPreview("other-preview.jpg")).isEmpty();
    }

    @Test
    void walkingPageByPageSeesEveryUploadOnceInTheOrderOfTheirNames() {
        var names = java.util.List.of("c0.jpg", "a1-preview.jpg", "a1.jpg", "b2.mp4", "A3.png", "d4.txt", "a10.jpg");
        names.forEach(name -> attachments.add(photo(name)));

        var seen = new java.util.ArrayList<String>();
        String after = null;
        for (var page = attachments.listAfter(null, 3); !page.isEmpty(); page = attachments.listAfter(after, 3)) {
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            page.forEach(a -> seen.add(a.name()));
            after = page.getLast().name();
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(names);
        assertThat(attachments.listAfter(null, 100)).extracting(StoredAttachment::name).containsExactlyElementsOf(seen);
        assertThat(attachments.listAfter(null, 100).getFirst()).isEqualTo(photo(seen.getFirst()));
    }

    @Test
    void aNewStoredSizeIsRecordedForThatUploadAlone() {
        attachments.add(photo(PHOTO));
        attachments.add(photo(PHOTO_PREVIEW));

        assertThat(attachments.recordStoredSize(PHOTO, 7)).isTrue();
        assertThat(attachments.recordStoredSize("gone.jpg", 7)).as("no such upload").isFalse();

        assertThat(attachments.findByName(PHOTO)).contains(new StoredAttachment(PHOTO, "photo.jpg", 7, "image/jpeg",
                AttachmentKind.IMAGE, alice, T0_MILLIS, null));
        assertThat(attachments.findByName(PHOTO_PREVIEW)).map(StoredAttachment::size).contains(10L);
    }

    @Test
    void uploadsWaitForAMessageOldestFirstUntilTheCutoffToTheMillisecond() {
        // a whole second, a tenth after it and a later one: the cutoff compares instants, not how they are written
        attachments.add(photoAt("c.jpg", T0_WHOLE_SECOND.plusMillis(100)));
        attachments.add(photoAt("b.jpg", T0_WHOLE_SECOND));
        attachments.add(photoAt("a.jpg", T0_WHOLE_SECOND.plusMillis(100)));
        attachments.add(photoAt("d.jpg", T0_WHOLE_SECOND.plusSeconds(60)));

        assertThat(attachments.unpostedBefore(T0_WHOLE_SECOND.plusMillis(101), 10)).extracting(StoredAttachment::name)
                .containsExactly("b.jpg", "a.jpg", "c.jpg");
        assertThat(attachments.unpostedBefore(T0_WHOLE_SECOND.plusMillis(100), 10)).extracting(StoredAttachment::name)
                .as("recorded at the cutoff: not before it").containsExactly("b.jpg");
        assertThat(attachments.unpostedBefore(T0_WHOLE_SECOND.plusMillis(101), 2)).extracting(StoredAttachment::name)
                .containsExactly("b.jpg", "a.jpg");
        assertThat(attachments.unpostedBefore(T0_WHOLE_SECOND, 10)).isEmpty();
    }

    @Test
    void aPostedUploadAndItsPreviewWaitNoMoreAndCannotBeForgottenAsUnposted() {
        var image = imageWithPreview();
        attachments.add(photo("waiting.jpg"));

        assertThat(attachments.markPosted(PHOTO, PHOTO_PREVIEW)).isTrue();

        Instant later = T0_MILLIS.plusSeconds(3600);
        assertThat(attachments.unpostedBefore(later, 10)).extracting(StoredAttachment::name)
                .containsExactly("waiting.jpg");
        assertThat(attachments.forgetUnposted(PHOTO)).isFalse();
        assertThat(attachments.forgetUnposted(PHOTO_PREVIEW)).isFalse();
        assertThat(attachments.findByName(PHOTO)).contains(image);
        assertThat(attachments.findByName(PHOTO_PREVIEW)).isPresent();
        assertThat(attachments.markPosted(PHOTO, PHOTO_PREVIEW)).as("posted again").isTrue();
    }

    @Test
    void anUnpostedUploadIsForgottenOnceAndAGoneOneCannotBePosted() {
        var waiting = photo("waiting.jpg");
        attachments.add(waiting);

        assertThat(attachments.forgetUnposted("waiting.jpg")).isTrue();
        assertThat(attachments.forgetUnposted("waiting.jpg")).as("already forgotten").isFalse();

        assertThat(attachments.findByName("waiting.jpg")).isEmpty();
        assertThat(attachments.unpostedBefore(T0_MILLIS.plusSeconds(3600), 10)).isEmpty();
        assertThat(attachments.markPosted("waiting.jpg", null)).isFalse();
    }

    @Test
    void aPreviewPostedAsAFileOfItsOwnStaysWhileItsImageStillWaits() {
        imageWithPreview();

        assertThat(attachments.markPosted(PHOTO_PREVIEW, null)).isTrue();

        assertThat(attachments.unpostedBefore(T0_MILLIS.plusSeconds(3600), 10)).extracting(StoredAttachment::name)
                .containsExactly(PHOTO);
    }

    @Test
    void whatAUserUploadedAfterIsSummedOverTheirOwnUploadsAlone() {
        var bob = users.create(new Username("bob"), new PasswordHash("hash-of-bob"), T0).orElseThrow().id();
        attachments.add(sized("old.jpg", 1_000, alice, T0_WHOLE_SECOND));
        attachments.add(sized("new.jpg", 5_000_000_000L, alice, T0_WHOLE_SECOND.plusMillis(100)));
        attachments.add(sized("newer.jpg", 7, alice, T0_WHOLE_SECOND.plusSeconds(5)));
        attachments.add(sized("bobs.jpg", 900, bob, T0_WHOLE_SECOND.plusSeconds(1)));
        attachments.markPosted("newer.jpg", null);

        assertThat(attachments.uploadedAfter(alice, T0_WHOLE_SECOND.plusMillis(99))).as("posted ones count too")
                .isEqualTo(new AttachmentRepository.UploadedAfter(5_000_000_007L, T0_WHOLE_SECOND.plusMillis(100)));
        assertThat(attachments.uploadedAfter(alice, T0_WHOLE_SECOND.plusMillis(100))).as("strictly after")
                .isEqualTo(new AttachmentRepository.UploadedAfter(7, T0_WHOLE_SECOND.plusSeconds(5)));
        assertThat(attachments.uploadedAfter(alice, T0_WHOLE_SECOND.minusMillis(1))).isEqualTo(
                new AttachmentRepository.UploadedAfter(5_000_001_007L, T0_WHOLE_SECOND));
        assertThat(attachments.uploadedAfter(bob, T0_WHOLE_SECOND))
                .isEqualTo(new AttachmentRepository.UploadedAfter(900, T0_WHOLE_SECOND.plusSeconds(1)));
        assertThat(attachments.uploadedAfter(alice, T0_WHOLE_SECOND.plusSeconds(5)))
                .isEqualTo(new AttachmentRepository.UploadedAfter(0, null));
    }

    /** Records PHOTO with its preview, PHOTO_PREVIEW, as an image upload records both. */
    private StoredAttachment imageWithPreview() {
        var image = new StoredAttachment(PHOTO, "photo.jpg", 10, "image/jpeg", AttachmentKind.IMAGE, alice, T0_MILLIS,
                PHOTO_PREVIEW);
        attachments.add(image);
        attachments.add(photo(PHOTO_PREVIEW));
        return image;
    }

    private StoredAttachment photoAt(String name, Instant at) {
        return sized(name, 10, alice, at);
    }

    private static StoredAttachment sized(String name, long size, UserId uploader, Instant at) {
        return new StoredAttachment(name, "photo.jpg", size, "image/jpeg", AttachmentKind.IMAGE, uploader, at, null);
    }

    private StoredAttachment photo(String name) {
        return new StoredAttachment(name, "photo.jpg", 10, "image/jpeg", AttachmentKind.IMAGE, alice, T0_MILLIS, null);
    }
}
