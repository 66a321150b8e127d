package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.chatserver.adapter.media.Samples;
import org.chatserver.application.contract.TestImages;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every kind the iOS app sends is accepted, and hostile files are refused, decided by the real
 * content inspection (Apache Tika, ImageIO) over real HTTP uploads.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UploadKindsTest {

    @LocalServerPort
    int port;

    HttpTestClient http;
    String token;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("upload-kinds-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @BeforeEach
    void signUp() {
        http = new HttpTestClient(port);
        token = http.post("/api/auth/signup", AuthFlowContract.credentials(
                "kinds" + UUID.randomUUID().toString().substring(0, 8), "correct horse"), null).text("access_token");
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("photo.jpg", "image/jpeg", Samples.jpeg(64, 48), "image/jpeg", ".jpg"),
                Arguments.of("shot.png", "image/png", Samples.png(64, 48, true), "image/png", ".png"),
                Arguments.of("funny.gif", "image/gif", Samples.gif(64, 48), "image/gif", ".gif"),
                Arguments.of("sticker.webp", "image/webp", Samples.webp(64, 48, Color.RED), "image/webp", ".webp"),
                Arguments.of("clip.mp4", "video/mp4", Samples.isoMovie("mp42", "isom", "mp42"), "video/mp4", ".mp4"),
                Arguments.of("IMG_0002.MOV", "video/quicktime", Samples.isoMovie("qt  ", "qt  "), "video/quicktime", ".mov"),
                Arguments.of("old.avi", "video/x-msvideo", Samples.avi(), "video/x-msvideo", ".avi"),
                Arguments.of("song.mp3", "audio/mpeg", Samples.mp3(false), "audio/mpeg", ".mp3"),
                Arguments.of("memo.wav", "audio/wav", Samples.wav(), "audio/wav", ".wav"),
                Arguments.of("memo.wav", "audio/x-wav", Samples.wav(), "audio/wav", ".wav"),
                Arguments.of("voice.m4a", "audio/x-m4a", Samples.isoMovie("M4A ", "M4A ", "isom"), "audio/mp4", ".m4a"),
                Arguments.of("report.pdf", "application/pdf", Samples.pdf(), "application/pdf", ".pdf"),
                Arguments.of("letter.doc", "application/msword", Samples.ole2(), "application/msword", ".doc"),
                Arguments.of("letter.docx", null, Samples.docx(),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
                Arguments.of("budget.xlsx", null, Samples.officePackage(XLSX + ".main+xml"), XLSX, ".xlsx"),
                Arguments.of("slides.pptx", null, Samples.officePackage(PPTX + ".main+xml"), PPTX, ".pptx"),
                Arguments.of("minutes.odt", null, Samples.openDocument(ODT), ODT, ".odt"),
                Arguments.of("budget.ods", null, Samples.openDocument(ODS), ODS, ".ods"),
                Arguments.of("slides.odp", null, Samples.openDocument(ODP), ODP, ".odp"),
                Arguments.of("notes.txt", "text/plain", "just some notes\n".getBytes(StandardCharsets.UTF_8),
                        "text/plain", ".txt"),
                Arguments.of("README.md", "text/markdown", MARKDOWN, "text/markdown", ".md"),
                Arguments.of("figures.csv", "text/csv", CSV, "text/csv", ".csv"),
                Arguments.of("figures.csv", "application/vnd.ms-excel", CSV, "text/csv", ".csv"),
                // text declared as another kind of text: the name says which, nothing is disguised
                Arguments.of("README.md", "text/plain", MARKDOWN, "text/markdown", ".md"),
                Arguments.of("figures.csv", "text/plain", CSV, "text/csv", ".csv"),
                Arguments.of("notes.txt", "text/markdown", "just some notes\n".getBytes(StandardCharsets.UTF_8),
                        "text/plain", ".txt"),
                Arguments.of("server.log", null, LOG, "text/plain", ".txt"));
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final String ODT = "application/vnd.oasis.opendocument.text";
    private static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    private static final String ODP = "application/vnd.oasis.opendocument.presentation";
    private static final Set<String> OFFICE = Set.of(".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp");

    private static final byte[] MARKDOWN = "# Release notes\n\n- **faster** uploads\n- [docs](https://example.org)\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] CSV = "name,amount\nAnn,30\nBob,12\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LOG = "2026-12-06 18:00:01 INFO  started in 1.2 s\n2026-12-06 18:00:02 WARN  slow\n"
            .getBytes(StandardCharsets.UTF_8);

    /** Teams share notes, tables and logs: served as the text they are, to download, never as a page. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("textFiles")
    void textFilesTeamsShareAreServedAsTextToDownload(String name, byte[] content, String contentType) {
        var uploaded = http.upload("/api/upload-file", "file", name, null, content, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        var served = http.download(uploaded.text("file_url"));
        assertThat(served.headers().firstValue("Content-Type").map(type -> type.replace("; ", ";"))).hasValue(contentType);
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").endsWith("filename*=UTF-8''" + name);
    }

    static Stream<Arguments> textFiles() {
        return Stream.of(
                Arguments.of("README.md", MARKDOWN, "text/markdown;charset=utf-8"),
                Arguments.of("figures.csv", CSV, "text/csv;charset=utf-8"),
                Arguments.of("server.log", LOG, "text/plain;charset=utf-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void eachKindTheAppSendsIsAccepted(String name, String declared, byte[] content, String mime, String extension) {
        var uploaded = http.upload("/api/upload-file", "file", name, declared, content, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.text("mime_type")).isEqualTo(mime);
        assertThat(uploaded.text("filename")).endsWith(extension);
        var served = http.download(uploaded.text("file_url"));
        if (OFFICE.contains(extension)) {
            // its entries' times become the earliest a zip has, which a document with no properties otherwise keeps
            Map<String, byte[]> parts = Samples.unzip(served.body());
            Map<String, byte[]> sent = Samples.unzip(content);
            assertThat(parts.keySet()).containsExactlyElementsOf(sent.keySet());
            parts.remove("meta.xml"); // an OpenDocument's, emptied (anOfficeDocumentIsServedWithoutItsAuthorAndDates)
            sent.remove("meta.xml");
            assertThat(parts).as("the document's parts").containsExactlyEntriesOf(sent);
        } else {
            assertThat(served.body()).isEqualTo(content);
        }
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /**
     * A phone writes where a photo was taken into its EXIF, and every member of the room could read it from the file
     * as uploaded. It is served without, shown the same: turned by its orientation, the same pixels.
     */
    @Test
    void aPhonePhotoIsServedWithoutWhereItWasTakenTurnedAndPixelForPixelAsTaken() throws IOException {
        BufferedImage sideways = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D paint = sideways.createGraphics();
        paint.setColor(Color.RED);
        paint.fillRect(0, 0, 200, 200);
        paint.setColor(Color.BLUE);
        paint.fillRect(200, 0, 200, 200);
        paint.dispose();
        byte[] photo = TestImages.phonePhoto(sideways, 6);

        var uploaded = http.upload("/api/upload-file", "file", "IMG_0001.jpg", "image/jpeg", photo, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE).doesNotContain("ns.adobe.com");
        assertThat(TestImages.jpegSegments(served)).filteredOn(s -> s.marker() == 0xE1).singleElement()
                .satisfies(exif -> assertThat(TestImages.exifEntries(exif.payload())).as("the EXIF's entries")
                        .containsExactly(Map.entry(0x0112, 6)));
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        assertThat(pixels(served)).as("the pixels").isEqualTo(pixels(photo));
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                http.download(uploaded.text("preview_url")).body()));
        assertThat(preview.getHeight()).as("the preview's height, upright").isEqualTo(400);
        assertThat(new Color(preview.getRGB(100, 5)).getRed()).as("red at the top of the preview").isGreaterThan(200);
    }

    /**
     * An editor or a phone writes the place and time into a PNG's text chunks and its EXIF as well; the EXIF's
     * orientation, which browsers honour, is kept and the preview is turned by it as a JPEG's is.
     */
    @Test
    void aPngIsServedWithoutWhereAndWhenItWasMadeAndPixelForPixelAsMade() throws IOException {
        byte[] png = TestImages.phonePng(TestImages.picture(64, 48, BufferedImage.TYPE_INT_ARGB), 6);

        var uploaded = http.upload("/api/upload-file", "file", "screenshot.png", "image/png", png, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE);
        assertThat(TestImages.pngChunks(served)).extracting(Map.Entry::getKey)
                .containsExactly("IHDR", "eXIf", "sRGB", "IDAT", "IEND");
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        assertThat(pixels(served)).as("the pixels").isEqualTo(pixels(png));
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                http.download(uploaded.text("preview_url")).body()));
        assertThat(new int[] {preview.getWidth(), preview.getHeight()}).as("the preview, upright as orientation 6 says")
                .containsExactly(48, 64);
    }

    /**
     * A phone writes where a video was recorded into its movie's metadata (an iPhone's .MOV, an Android's .mp4, a
     * voice memo's .m4a), with the phone and the time. It is served without them, as long as uploaded and its samples
     * byte for byte where they were, so that it plays as before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("phoneRecordings")
    void aPhoneVideoIsServedWithoutWhereItWasRecordedAndItsSamplesWhereTheyWere(String name, String brand,
                                                                               boolean movieFirst, String mime) {
        byte[] video = Samples.phoneVideo(brand, movieFirst);

        var uploaded = http.upload("/api/upload-file", "file", name, null, video, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.text("mime_type")).isEqualTo(mime);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(Samples.VIDEO_PLACE).doesNotContain(TestImages.PHONE).doesNotContain(TestImages.PLACE);
        assertThat(served).as("the file as served").hasSameSizeAs(video);
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        int samples = new String(video, StandardCharsets.ISO_8859_1).indexOf("mdat") + 4;
        assertThat(Arrays.copyOfRange(served, samples, samples + 256)).as("the samples (mdat)")
                .isEqualTo(Arrays.copyOfRange(video, samples, samples + 256));
    }

    /**
     * An action camera appends its GPS track after a video's last box, which may start like a box of its own; it is
     * not served, file_size says so.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\0\1GPS ", "\0\0\0\100GPS "})
    void aVideoIsServedWithoutWhatACameraAppendedAfterItsLastBox(String start) {
        byte[] video = Samples.phoneVideo("isom", true);
        byte[] trailer = (start + Samples.VIDEO_PLACE + " 8db42d694ccc418790edff439fe026bf")
                .getBytes(StandardCharsets.ISO_8859_1);

        var uploaded = http.upload("/api/upload-file", "file", "VID_0001.mp4", "video/mp4",
                Samples.concat(video, trailer), token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(Samples.VIDEO_PLACE).doesNotContain("8db42d69");
        assertThat(served).as("the file as served: the video without the trailer").hasSameSizeAs(video);
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
    }

    /** An mdat whose 64-bit size is 2^63 or more runs to the end of the file, as any larger than the file does. */
    @Test
    void aVideoWhoseSamplesClaimTwoToTheSixtyThreeBytesKeepsThem() {
        byte[] samples = new byte[256];
        Arrays.fill(samples, (byte) 0x5A);
        byte[] mdat = Samples.concat(new byte[] {0, 0, 0, 1, 'm', 'd', 'a', 't', (byte) 0x80, 0, 0, 0, 0, 0, 0, 0},
                samples);
        byte[] video = Samples.concat(Samples.isoMovie("isom", "isom"), mdat);

        var uploaded = http.upload("/api/upload-file", "file", "clip.mp4", "video/mp4", video, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(http.download(uploaded.text("file_url")).body()).as("the file as served, samples kept")
                .isEqualTo(video);
    }

    static Stream<Arguments> phoneRecordings() {
        return Stream.of(
                Arguments.of("IMG_0003.MOV", "qt  ", false, "video/quicktime"),
                Arguments.of("VID_20261206.mp4", "isom", true, "video/mp4"),
                Arguments.of("memo.m4a", "M4A ", true, "audio/mp4"));
    }

    /**
     * A recorder or a music library writes the device, names, comments and pictures into an MP3's ID3 tags. It is
     * served without them at either end, its frames byte for byte.
     */
    @Test
    void anMp3IsServedWithoutItsTagsItsFramesAsTheyWere() {
        var uploaded = http.upload("/api/upload-file", "file", "memo.mp3", "audio/mpeg", Samples.taggedMp3(), token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(served).as("the file as served: its frames only").isEqualTo(Samples.mp3(false));
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
    }

    /** Music tools write APEv2 (ReplayGain, comments, covers) and Lyrics3 tags before the ID3v1 tag at the end. */
    @Test
    void anMp3IsServedWithoutItsApeAndLyricsTags() {
        byte[] v1 = Arrays.copyOf(Samples.ascii("TAG" + Samples.MP3_END_PLACE), 128);
        byte[] mp3 = Samples.concat(Samples.mp3(false),
                Samples.apeTag(true, "Artist", TestImages.PHONE, "Comment", "recorded at " + TestImages.PLACE),
                Samples.lyrics3v2("[00:01]" + TestImages.PLACE), v1);

        var uploaded = http.upload("/api/upload-file", "file", "song.mp3", "audio/mpeg", mp3, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(served).as("the file as served: its frames only").isEqualTo(Samples.mp3(false));
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
    }

    /**
     * Word writes who wrote a document and who last changed it, when, and the company and manager into its properties;
     * it is served without them, its text and every other part as uploaded, and it still opens as a .docx.
     */
    @Test
    void aDocxIsServedWithoutItsAuthorCompanyAndDates() {
        byte[] docx = Samples.docxWithProperties();

        var uploaded = http.upload("/api/upload-file", "file", "report.docx", null, docx, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        Map<String, byte[]> before = Samples.unzip(docx);
        Map<String, byte[]> after = Samples.unzip(served);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        assertThat(new String(after.get("word/document.xml"), StandardCharsets.UTF_8)).as("the text")
                .contains("The quarterly figures are attached.");
        for (String part : List.of("[Content_Types].xml", "_rels/.rels", "word/document.xml")) {
            assertThat(after.get(part)).as(part).isEqualTo(before.get(part));
        }
        String properties = new String(after.get("docProps/core.xml"), StandardCharsets.UTF_8)
                + new String(after.get("docProps/app.xml"), StandardCharsets.UTF_8)
                + new String(after.get("docProps/custom.xml"), StandardCharsets.UTF_8);
        assertThat(properties).doesNotContain(Samples.AUTHOR).doesNotContain(Samples.COMPANY)
                .doesNotContain("Lumbergh").doesNotContain("2026-");
    }

    /**
     * A review leaves its reviewer's name on each comment and tracked change, with the date, their account in the
     * list of people, and a company's custom XML and a thumbnail of the first page; they are served without.
     */
    @Test
    void aReviewedDocxIsServedWithoutWhoReviewedItWhen() {
        byte[] docx = Samples.docxWithReview();

        var uploaded = http.upload("/api/upload-file", "file", "report.docx", null, docx, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        Map<String, byte[]> after = Samples.unzip(served);
        assertThat(after.keySet()).doesNotContain("word/people.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml")
                .contains("word/document.xml", "word/comments.xml");
        String everything = after.values().stream().map(part -> new String(part, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(everything).contains("Please check these numbers.").contains("Revenue grew.")
                .contains("w:author=\"Author\"").doesNotContain(Samples.REVIEWER)
                .doesNotContain(Samples.REVIEWER_ACCOUNT).doesNotContain("2026-12-05").doesNotContain("customXml");
    }

    /**
     * Excel, PowerPoint and LibreOffice, like Word, keep who commented and changed what, and when, with their accounts,
     * a company's custom XML and a thumbnail; a reviewed file is served without them, its comments still there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewedOfficeDocuments")
    void aReviewedOfficeDocumentIsServedWithoutWhoReviewedItWhen(String name, byte[] document, String mime) {
        var uploaded = http.upload("/api/upload-file", "file", name, null, document, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.text("mime_type")).isEqualTo(mime);
        byte[] served = http.download(uploaded.text("file_url")).body();
        Map<String, byte[]> after = Samples.unzip(served);
        assertThat(after.keySet()).doesNotContain("docProps/thumbnail.jpeg", "customXml/item1.xml",
                "Thumbnails/thumbnail.png");
        String everything = new String(served, StandardCharsets.ISO_8859_1) + after.values().stream()
                .map(part -> new String(part, StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(everything).contains("Please check these numbers.").contains("Author")
                .doesNotContain(Samples.REVIEWER).doesNotContain(Samples.REVIEWER_ACCOUNT).doesNotContain("2026-12-05")
                .doesNotContain("thumbnail").doesNotContain("customXml");
    }

    static Stream<Arguments> reviewedOfficeDocuments() {
        return Stream.of(
                Arguments.of("budget.xlsx", Samples.xlsxWithReview(), XLSX),
                Arguments.of("slides.pptx", Samples.pptxWithReview(), PPTX),
                Arguments.of("minutes.odt", Samples.openDocumentWithReview(ODT), ODT),
                Arguments.of("budget.ods", Samples.openDocumentWithReview(ODS), ODS),
                Arguments.of("slides.odp", Samples.openDocumentWithReview(ODP), ODP));
    }

    /** Excel, PowerPoint and LibreOffice write who made a file and when into it as Word does; it is served without. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("officeDocuments")
    void anOfficeDocumentIsServedWithoutItsAuthorAndDates(String name, byte[] document, String mime,
                                                           String properties) {
        var uploaded = http.upload("/api/upload-file", "file", name, null, document, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.text("mime_type")).isEqualTo(mime);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        Map<String, byte[]> before = Samples.unzip(document);
        Map<String, byte[]> after = Samples.unzip(served);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String part : before.keySet()) {
            if (!part.startsWith(properties)) {
                assertThat(after.get(part)).as(part).isEqualTo(before.get(part));
            }
        }
        String all = new String(served, StandardCharsets.ISO_8859_1) + after.values().stream()
                .map(part -> new String(part, StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(all).doesNotContain(Samples.AUTHOR).doesNotContain(Samples.COMPANY).doesNotContain("2026-")
                .doesNotContain("LibreOffice/");
    }

    static Stream<Arguments> officeDocuments() {
        return Stream.of(
                Arguments.of("budget.xlsx", Samples.xlsxWithProperties(), XLSX, "docProps/"),
                Arguments.of("slides.pptx", Samples.pptxWithProperties(), PPTX, "docProps/"),
                Arguments.of("minutes.odt", Samples.openDocument(ODT), ODT, "meta.xml"),
                Arguments.of("budget.ods", Samples.openDocument(ODS), ODS, "meta.xml"),
                Arguments.of("slides.odp", Samples.openDocument(ODP), ODP, "meta.xml"));
    }

    /** A camera or an editor writes the place and device into a WebP's EXIF and XMP, and into a GIF's comments. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("editedImages")
    void aWebpOrGifIsServedWithoutItsMetadataPixelForPixelAsMade(String name, byte[] image) throws IOException {
        var uploaded = http.upload("/api/upload-file", "file", name, null, image, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE);
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        assertThat(pixels(served)).as("the pixels").isEqualTo(pixels(image));
    }

    static Stream<Arguments> editedImages() {
        return Stream.of(
                Arguments.of("sticker.webp", Samples.phoneWebp(64, 48, Color.GREEN)),
                Arguments.of("funny.gif", Samples.phoneGif(64, 48)));
    }

    /**
     * A recorder writes the device, the artist, comments, the software and the date into a WAV's INFO list, a broadcast
     * recorder its originator and a description into {@code bext}, a camera its name and the date into an AVI. They are
     * served without them, as long as uploaded, the sound and the frames byte for byte.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("riffRecordings")
    void aWavOrAviIsServedWithoutItsMetadataItsSoundAndFramesAsTheyWere(String name, byte[] recording, String kept,
            byte[] keptBytes) {
        var uploaded = http.upload("/api/upload-file", "file", name, null, recording, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        byte[] served = http.download(uploaded.text("file_url")).body();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).as("the file as served")
                .doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE).doesNotContain("2026");
        assertThat(served).as("as long as uploaded").hasSize(recording.length);
        assertThat(uploaded.json().path("file_size").asLong()).as("file_size").isEqualTo(served.length);
        int at = new String(recording, StandardCharsets.ISO_8859_1).indexOf(kept);
        assertThat(Arrays.copyOfRange(served, at, at + keptBytes.length)).as(kept).isEqualTo(keptBytes);
    }

    static Stream<Arguments> riffRecordings() {
        byte[] avi = Samples.phoneAvi();
        int movi = new String(avi, StandardCharsets.ISO_8859_1).indexOf("movi");
        return Stream.of(
                Arguments.of("memo.wav", Samples.phoneWav(), "data", Samples.concat(Samples.ascii("data"),
                        new byte[] {0x40, 6, 0, 0}, Samples.wavSamples())),
                Arguments.of("clip.avi", avi, "movi", Arrays.copyOfRange(avi, movi, avi.length)));
    }

    private static int[] pixels(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /**
     * Text written on Windows is in Windows-1252 (of which Latin-1 is a part): served as UTF-8, a browser showed
     * "Caf\uFFFD" for "Café". It is served in the charset it is in, its bytes as sent; UTF-8 stays UTF-8.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("encodedTexts")
    void textIsServedInTheCharsetItIsWrittenIn(String name, String encoding, String charset) {
        String text = "Meeting notes for the caf\u00e9 team, Monday\nMenu: cr\u00e8me br\u00fbl\u00e9e, "
                + "na\u00efve apple pie.\nBudget: 500 EUR a month; next meeting on Friday.\n";
        byte[] content = text.getBytes(java.nio.charset.Charset.forName(encoding));

        var uploaded = http.upload("/api/upload-file", "file", name, null, content, token);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        var served = http.download(uploaded.text("file_url"));
        String type = served.headers().firstValue("Content-Type").orElseThrow().replace("; ", ";");
        assertThat(type).endsWith(";charset=" + charset);
        assertThat(new String(served.body(), java.nio.charset.Charset.forName(type.substring(type.indexOf('=') + 1))))
                .as("the text as a browser decodes it").isEqualTo(text);
        assertThat(served.body()).as("the bytes as sent").isEqualTo(content);
    }

    static Stream<Arguments> encodedTexts() {
        return Stream.of(
                Arguments.of("notes.txt", "windows-1252", "windows-1252"),
                Arguments.of("figures.csv", "ISO-8859-1", "windows-1252"),
                Arguments.of("notes.md", "UTF-8", "utf-8"));
    }

    /** Browsers and iOS know a WAV as audio/wav (or audio/x-wav); Tika's audio/vnd.wave some players refuse. */
    @Test
    void aVoiceMemoIsAudioWavInItsMessageAndItsDownload() {
        var uploaded = http.upload("/api/upload-file", "file", "memo.wav", "audio/x-wav", Samples.wav(), token);
        long room = http.post("/api/rooms", "{\"name\":\"wav-" + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                token).json().path("id").asLong();

        var posted = http.post("/api/rooms/" + room + "/messages", "{\"content\":\"\",\"message_type\":\"audio\","
                + "\"file_url\":\"" + uploaded.text("file_url") + "\",\"mime_type\":\"audio/x-wav\"}", token);

        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.text("mime_type")).isEqualTo("audio/wav");
        assertThat(http.download(uploaded.text("file_url")).headers().firstValue("Content-Type")).hasValue("audio/wav");
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("renamed executable", "cat.jpg", "image/jpeg", Samples.windowsExe(), "not allowed"),
                Arguments.of("ELF binary", "cat.png", "image/png", Samples.elf(), "not allowed"),
                Arguments.of("HTML posing as an image", "photo.png", "image/png",
                        "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8),
                        "text/html"),
                Arguments.of("SVG", "logo.svg", "image/svg+xml",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8),
                        "image/svg+xml"),
                Arguments.of("HTML named .md", "README.md", "text/markdown",
                        "<script>alert(1)</script>\n# Notes\n".getBytes(StandardCharsets.UTF_8), "text/html"),
                Arguments.of("shell script", "install.txt", "text/plain",
                        "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8), "not allowed"),
                Arguments.of("declared type contradicts the content", "photo.jpg", "application/pdf",
                        Samples.jpeg(32, 32), "does not match the content"),
                Arguments.of("extension contradicts the content", "report.pdf", null, Samples.jpeg(32, 32),
                        "does not match the content"),
                Arguments.of("a .docx named .doc", "letter.doc", null, Samples.docx(), "File name extension .doc "
                        + "does not match the content, which is application/vnd.openxmlformats-officedocument"
                        + ".wordprocessingml.document"),
                Arguments.of("a .docx named .doc, declared as one", "letter.doc", "application/msword", Samples.docx(),
                        "Declared type application/msword does not match the content, which is "
                                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                Arguments.of("an old Office document without a name that tells", "letter", null, Samples.ole2(),
                        "File type application/vnd.ms-office is not allowed: it is an old Microsoft Office document "
                                + "(.doc, .xls or .ppt) whose name does not say which; a Word document is accepted "
                                + "with a name ending in .doc (or saved as .docx)"),
                Arguments.of("an old Office document named otherwise", "scan.pdf", "application/octet-stream",
                        Samples.ole2(), "it is an old Microsoft Office document (.doc, .xls or .ppt)"),
                Arguments.of("a spreadsheet with macros", "budget.xlsm", null,
                        Samples.officePackage("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
                        "File type application/vnd.ms-excel.sheet.macroenabled.12 is not allowed: it is an Office "
                                + "document with macros (.docm, .xlsm, .pptm or a template of them), which can run "
                                + "programs on the computer of whoever opens it; save it without macros (.docx, "
                                + ".xlsx, .pptx)"),
                Arguments.of("a spreadsheet with macros named as one without", "budget.xlsx", null,
                        Samples.officePackage("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
                        "File type application/vnd.ms-excel.sheet.macroenabled.12 is not allowed: it is an Office "
                                + "document with macros"),
                Arguments.of("a Word document with macros", "letter.docm", null,
                        Samples.officePackage("application/vnd.ms-word.document.macroEnabled.main+xml"),
                        "File type application/vnd.ms-word.document.macroenabled.12 is not allowed: it is an Office "
                                + "document with macros"),
                Arguments.of("a presentation with macros", "slides.pptm", null,
                        Samples.officePackage("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
                        "File type application/vnd.ms-powerpoint.presentation.macroenabled.12 is not allowed: it is "
                                + "an Office document with macros"),
                Arguments.of("a text with a Basic macro", "minutes.odt", null, Samples.openDocument(ODT,
                        new String[] {"Basic/Standard/Module1.xml", "Sub Main\n  Shell \"calc\"\nEnd Sub"}),
                        "Document holds macros (Basic/Standard/Module1.xml), which can run programs on the computer "
                                + "of whoever opens it: save it without macros"),
                Arguments.of("a program named .xlsx", "budget.xlsx", null, Samples.windowsExe(),
                        "File type application/x-msdownload is not allowed"),
                Arguments.of("an archive named .xlsx", "budget.xlsx", null, Samples.zip("setup.exe", "MZ"),
                        "File type application/zip is not allowed"),
                Arguments.of("an archive named .odt", "minutes.odt", null, Samples.zip("setup.exe", "MZ"),
                        "File type application/zip is not allowed"),
                Arguments.of("a spreadsheet named .docx", "budget.docx", null, Samples.officePackage(XLSX + ".main+xml"),
                        "File name extension .docx does not match the content, which is " + XLSX),
                // issue 8: each of these took seconds of CPU and hundreds of MB to decode, stalling the chat
                Arguments.of("519-byte progressive JPEG claiming 10000 x 10000", "bomb.jpg", "image/jpeg",
                        Samples.progressiveJpegClaiming(10_000, 10_000),
                        "Image is 10000 × 10000 pixels (100.0 megapixels); at most 33.2 megapixels are accepted"),
                Arguments.of("progressive JPEG over the progressive limit", "web.jpg", "image/jpeg",
                        Samples.progressiveJpegClaiming(5000, 4000), "Progressive JPEG is 5000 × 4000 pixels"),
                Arguments.of("PNG of 1 x 100,000,000", "long.png", "image/png", Samples.pngHeader(1, 100_000_000, 8),
                        "Image is 1 × 100000000 pixels"),
                Arguments.of("16-bit PNG of 10000 x 10000", "deep.png", "image/png",
                        Samples.pngHeader(10_000, 10_000, 16), "Image is 10000 × 10000 pixels"),
                // an ID3 tag whose size (synchsafe) claims 200 MB: nothing would be left to store and serve
                Arguments.of("an MP3 whose tag claims 200 MB", "memo.mp3", "audio/mpeg",
                        Samples.concat(new byte[] {'I', 'D', '3', 3, 0, 0, 95, 47, 4, 0}, Samples.taggedMp3()),
                        "File is empty once its metadata is removed"),
                // a recording whose upload or copy broke off: shown as a player that does not play
                Arguments.of("a video cut short", "VID_0001.mp4", "video/mp4",
                        Arrays.copyOf(Samples.phoneVideo("isom", true), Samples.phoneVideo("isom", true).length - 400),
                        "Video file is incomplete (truncated or damaged): its mdat box ends"),
                Arguments.of("a voice memo cut short", "memo.wav", "audio/wav",
                        Arrays.copyOf(Samples.wav(), Samples.wav().length - 100),
                        "Audio file is incomplete (truncated or damaged): its data chunk ends 100 bytes past the end "
                                + "of the file"),
                // its properties could not be removed, nor could it be stored whole without them
                Arguments.of("a .docx cut short", "report.docx", null,
                        Arrays.copyOf(Samples.docxWithProperties(), Samples.docxWithProperties().length - 40),
                        "Document could not be read to remove its metadata: it is cut short"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileFilesAreRefusedSayingWhy(String what, String name, String declared, byte[] content, String why) {
        var refused = http.upload("/api/upload-file", "file", name, declared, content, token);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("detail")).contains(why);
    }
}
