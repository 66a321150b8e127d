package org.chatserver.application.service.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.fakes.FakeMediaInspector;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.port.in.attachment.ServeAttachmentUseCase.ServedFile;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;
import org.junit.jupiter.api.Test;

/**
 * A file is presented the same way whether the server streams it or sends the client to the
 * store's presigned URL: the store is asked for exactly the headers the stream would carry.
 */
class DownloadHeadersTest {

    private final ChatFixture chat = new ChatFixture();
    private final InMemoryAttachmentStorage storage = new InMemoryAttachmentStorage();
    private final UploadAttachmentService upload = new UploadAttachmentService(UploadPolicy.defaults(),
            new FakeMediaInspector(), storage, chat.attachments, chat.tx, chat.clock);
    private final ServeAttachmentService serve = new ServeAttachmentService(chat.attachments, storage);

    @Test
    void aRedirectIsPresignedWithExactlyTheHeadersTheFileIsStreamedWith() {
        storage.handOutPresignedUrls("https://bucket.example.org/");
        StoredAttachment stored = upload.upload(chat.user("alice"),
                AttachmentServicesTest.source("plain words", "my notes.txt", null), false);

        ServedFile served = serve.describe(stored.name()).orElseThrow();

        assertThat(served.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(served.contentDisposition())
                .isEqualTo("attachment; filename=\"" + stored.name() + "\"; filename*=UTF-8''my%20notes.txt");
        assertThat(served.redirect()).isPresent();
        assertThat(storage.presignRequests()).containsExactly(List.of(served.contentType(), served.contentDisposition()));
    }

    @Test
    void noTypeABrowserWouldRunOrGuessIsEverServed() {
        for (String active : List.of("text/html", "TEXT/HTML; charset=utf-8", "application/xhtml+xml", "image/svg+xml",
                "text/javascript", "application/ecmascript", "application/xml", "*/*", "image/*", "not a type", "")) {
            assertThat(DownloadHeaders.contentType(active, null)).as(active).isEqualTo("application/octet-stream");
        }
        assertThat(DownloadHeaders.contentType("image/png", null)).isEqualTo("image/png");
        assertThat(DownloadHeaders.contentType("Text/Plain; charset=latin1", null)).isEqualTo("text/plain; charset=utf-8");
        assertThat(DownloadHeaders.contentType("text/markdown", null)).isEqualTo("text/markdown; charset=utf-8");
        assertThat(DownloadHeaders.contentType("text/csv", null)).isEqualTo("text/csv; charset=utf-8");
        assertThat(DownloadHeaders.contentType("text/plain", "windows-1252")).isEqualTo("text/plain; charset=windows-1252");
        assertThat(DownloadHeaders.contentType("image/png", "utf-8")).isEqualTo("image/png");
    }

    @Test
    void mediaIsShownInPlaceAndTheUploadersNameIsPercentEncoded() {
        StoredAttachment photo = attachment("b.png", "Ferien 🌞.png", AttachmentKind.IMAGE);
        StoredAttachment document = attachment("c.pdf", "résumé \"final\".pdf", AttachmentKind.DOCUMENT);

        assertThat(DownloadHeaders.contentDisposition(photo)).isEqualTo("inline; filename=\"b.png\"");
        assertThat(DownloadHeaders.contentDisposition(document))
                .isEqualTo("attachment; filename=\"c.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf");
    }

    /** Browsers save under filename*: "report" would be a PDF that nothing on the reader's machine opens. */
    @Test
    void aDownloadsNameEndsInTheExtensionOfWhatTheFileIs() {
        assertThat(DownloadHeaders.contentDisposition(attachment("c.pdf", "report", AttachmentKind.DOCUMENT)))
                .endsWith("filename*=UTF-8''report.pdf");
        assertThat(DownloadHeaders.contentDisposition(attachment("c.pdf", "Report.PDF", AttachmentKind.DOCUMENT)))
                .endsWith("filename*=UTF-8''Report.PDF");
        assertThat(DownloadHeaders.contentDisposition(attachment("c.pdf", "notes.txt", AttachmentKind.DOCUMENT)))
                .endsWith("filename*=UTF-8''notes.txt.pdf");
        assertThat(DownloadHeaders.contentDisposition(attachment("c.pdf", "..", AttachmentKind.DOCUMENT)))
                .endsWith("filename*=UTF-8''c.pdf");
    }

    /** A log is stored as text (.txt) and must not come back as server.log.txt. */
    @Test
    void aNameWithAnyExtensionOfItsTypeKeepsIt() {
        assertThat(DownloadHeaders.contentDisposition(attachment("c.txt", "server.LOG", "text/plain")))
                .endsWith("filename*=UTF-8''server.LOG");
        assertThat(DownloadHeaders.contentDisposition(attachment("c.txt", "server.log.pdf", "text/plain")))
                .endsWith("filename*=UTF-8''server.log.pdf.txt");
    }

    private static StoredAttachment attachment(String name, String originalName, AttachmentKind kind) {
        return new StoredAttachment(name, originalName, 1, "application/octet-stream", kind, new UserId(1), Instant.EPOCH,
                null);
    }

    private static StoredAttachment attachment(String name, String originalName, String mimeType) {
        return new StoredAttachment(name, originalName, 1, mimeType, AttachmentKind.DOCUMENT, new UserId(1),
                Instant.EPOCH, null);
    }
}
