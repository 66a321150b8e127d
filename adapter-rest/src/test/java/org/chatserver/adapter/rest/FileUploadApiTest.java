package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Uploads as the app makes them: answer shapes, what the server refuses and why. */
class FileUploadApiTest extends FileHttpTestSupport {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void anUploadedImageAnswersEveryKeyTheAppNeedsAndAPreview() {
        MvcTestResult result = upload("/api/upload-file", "cat.jpg", "image/jpeg", JPEG);

        assertThat(status(result)).isEqualTo(200);
        Map<String, Object> body = json(result);
        String name = (String) body.get("filename");
        assertThat(name).matches(UUID + "\\.jpg");
        assertThat(body).containsEntry("file_url", "/api/files/" + name)
                .containsEntry("file_size", JPEG.length)
                .containsEntry("mime_type", "image/jpeg")
                .containsEntry("message", "File uploaded successfully")
                .containsEntry("original_filename", "cat.jpg")
                .containsEntry("preview_url", "/api/files/" + name.replace(".jpg", "-preview.jpg"));
    }

    /** A client learns the limit, and the refusal a larger file gets, before it sends any of the file. */
    @Test
    void theUploadLimitsAreTheLimitAppliedAndItsRefusal() {
        MvcTestResult result = mvc.get().uri("/api/upload-limits").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "max_file_size", 10 * 1024 * 1024,
                "too_large_detail", "File size must be less than 10MB"));
        assertThat(status(mvc.get().uri("/api/upload-limits").exchange())).as("without a token").isEqualTo(401);
    }

    /** As a browser writes the name of a file called {@code my "best" notes.pdf} into the upload (HTML's encoding). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "my %22best%22 notes.pdf | my \"best\" notes.pdf",
        "%22quoted%22.pdf        | \"quoted\".pdf",
        "100% sure %2522.pdf     | 100% sure %2522.pdf",
        "50%.pdf                 | 50%.pdf"})
    void aNameWithQuotesAsABrowserSendsItIsShownWithItsQuotes(String sent, String shown) {
        Map<String, Object> body = json(upload("/api/upload-file", sent, "application/pdf", PDF));

        assertThat(body).containsEntry("original_filename", shown);
    }

    /** Cut to its last 255 characters: it was cut in UTF-16 units, inside an emoji, and shown with a `?`. */
    @Test
    void aLongNameOfEmojiKeepsItsLast255CharactersWhole() {
        Map<String, Object> body = json(upload("/api/upload-file", "😀".repeat(300) + ".pdf", "application/pdf", PDF));

        assertThat(body).containsEntry("original_filename", "😀".repeat(251) + ".pdf");
    }

    @Test
    void aDocumentHasNoPreviewAndIsStoredUnderTheExtensionOfWhatItIs() {
        Map<String, Object> body = json(upload("/api/upload-file", "report", "application/octet-stream", PDF));

        assertThat((String) body.get("filename")).matches(UUID + "\\.pdf");
        assertThat(body).containsEntry("mime_type", "application/pdf")
                .containsEntry("original_filename", "report")
                .containsEntry("preview_url", null);
        assertThat(List.of("file_url", "filename", "file_size", "mime_type", "message"))
                .allSatisfy(key -> assertThat(body.get(key)).as(key).isNotNull());
    }

    @Test
    void anUploadedImageOverTheImageEndpointHasItsOwnShape() {
        MvcTestResult result = upload("/api/upload-image", "dog.png", "image/png", PNG);

        assertThat(status(result)).isEqualTo(200);
        Map<String, Object> body = json(result);
        String name = (String) body.get("filename");
        assertThat(name).matches(UUID + "\\.png");
        assertThat(body).containsOnlyKeys("image_url", "filename", "message", "preview_url")
                .containsEntry("image_url", "/api/files/" + name)
                .containsEntry("message", "Image uploaded successfully")
                .containsEntry("preview_url", "/api/files/" + name.replace(".png", "-preview.jpg"));
    }

    @Test
    void theImageEndpointRefusesADocument() {
        assertProblem(upload("/api/upload-image", "cat.jpg", "image/jpeg", PDF), 400, "File must be an image");
        assertProblem(upload("/api/upload-image", "notes.pdf", "application/pdf", PDF), 400, "File must be an image");
    }

    @Test
    void anImageThatDoesNotDecodeIsRefused() {
        assertProblem(upload("/api/upload-image", "cat.jpg", "image/jpeg", BROKEN_JPEG), 400, "File must be an image");
        assertProblem(upload("/api/upload-file", "cat.jpg", "image/jpeg", BROKEN_JPEG), 400,
                "File is not a valid image");
    }

    @Test
    void whenEveryImageDecoderIsBusyAnImageIsRefusedForNowSayingWhenToComeBack() {
        files.decodersBusy(Duration.ofMillis(2500));

        MvcTestResult refused = upload("/api/upload-image", "dog.png", "image/png", PNG);

        assertProblem(refused, 503, "The server is busy with other images; try again in 3 seconds");
        assertThat(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(status(upload("/api/upload-file", "report.pdf", "application/pdf", PDF))).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EXE  | holiday.jpg | image/jpeg      | File type application/x-msdownload is not allowed",
            "HTML | cat.png     | image/png       | File type text/html is not allowed",
            "SVG  | logo.svg    | image/svg+xml   | File type image/svg+xml is not allowed",
            "PNG  | dog.png     | application/pdf | Declared type application/pdf does not match the content, which is image/png",
            "PDF  | invoice.jpg | image/jpeg      | Declared type image/jpeg does not match the content, which is application/pdf",
            "PDF  | invoice.jpg |                 | File name extension .jpg does not match the content, which is application/pdf"})
    void whatTheContentIsDecidesAndDisguisesAreRefusedWithTheReason(String sample, String fileName,
                                                                    String declaredType, String detail) {
        byte[] content = switch (sample) {
            case "EXE" -> EXE;
            case "HTML" -> HTML;
            case "SVG" -> SVG;
            case "PNG" -> PNG;
            case "PDF" -> PDF;
            default -> throw new IllegalArgumentException(sample);
        };

        assertProblem(upload("/api/upload-file", fileName, declaredType, content), 400, detail);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertProblem(upload("/api/upload-file", "empty.txt", "text/plain", new byte[0]), 400, "File is empty");
    }

    @Test
    void withoutAFilePartTheAnswerIs422NamingIt() {
        MvcTestResult result = mvc.post().uri("/api/upload-file").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .multipart().file(new MockMultipartFile("attachment", "cat.jpg", "image/jpeg", JPEG)).exchange();

        assertProblem(result, 422, "file: file is required");
        assertThat(json(result).get("errors")).isEqualTo(List.of(Map.of("field", "file", "message", "file is required")));
    }

    @Test
    void aFileSentAsAPlainFieldIsNamedForWhatItIs() {
        MvcTestResult result = mvc.post().uri("/api/upload-file").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .multipart().param("file", "hello").exchange();

        assertProblem(result, 422, "file: file must be sent as a multipart/form-data file part");
    }

    /** One file per upload: a second file part was dropped without a word, and its sender never got it back. */
    @Test
    void twoFilePartsAreRefusedNotHalfStored() {
        MvcTestResult result = mvc.post().uri("/api/upload-file").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .multipart().file(new MockMultipartFile("file", "cat.jpg", "image/jpeg", JPEG))
                .file(new MockMultipartFile("file", "dog.jpg", "image/jpeg", JPEG)).exchange();

        assertProblem(result, 422, "file: file must be sent once: one file per upload");
    }

    /** Refused after storing, it left a file on disk that nothing links to, at every retry of the client. */
    @Test
    void anUploadWhoseAnswerTheClientCannotAcceptIsRefusedBeforeAnythingIsStored() {
        for (String path : new String[] {"/api/upload-file", "/api/upload-image"}) {
            MvcTestResult result = mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.ACCEPT, "image/png")
                    .multipart().file(new MockMultipartFile("file", "cat.jpg", "image/jpeg", JPEG)).exchange();

            assertThat(status(result)).as(path).isEqualTo(406);
        }
        assertThat(files.uploads()).as("uploads that reached the store").isZero();
    }

    @Test
    void aBodyThatIsNotMultipartIs415() {
        MvcTestResult result = postJsonWithToken(mvc, "/api/upload-image", token, "{\"file\":\"cat.jpg\"}");

        assertThat(status(result)).isEqualTo(415);
        assertThat(json(result).get("detail")).isInstanceOf(String.class);
    }

    @Test
    void uploadsNeedABearerToken() {
        MvcTestResult file = mvc.post().uri("/api/upload-file")
                .multipart().file(new MockMultipartFile("file", "cat.jpg", "image/jpeg", JPEG)).exchange();
        MvcTestResult image = mvc.post().uri("/api/upload-image")
                .multipart().file(new MockMultipartFile("file", "cat.jpg", "image/jpeg", JPEG)).exchange();

        assertProblem(file, 401, "Not authenticated");
        assertThat(header(file, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(status(image)).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDocsShowUploadsAsMultipartWithBearerAndDownloadsAsPublic() {
        Map<String, Object> paths = (Map<String, Object>) json(mvc.get().uri("/v3/api-docs").exchange()).get("paths");

        Map<String, Object> uploadFile = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/upload-file"))
                .get("post");
        Map<String, Object> download = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/files/{name}"))
                .get("get");
        assertThat(uploadFile).doesNotContainKey("security");
        assertThat((Map<String, Object>) ((Map<String, Object>) uploadFile.get("requestBody")).get("content"))
                .containsOnlyKeys(MediaType.MULTIPART_FORM_DATA_VALUE);
        assertThat(download.get("security")).isEqualTo(List.of());
        assertThat((Map<String, Object>) download.get("responses")).containsKeys("200", "206", "302", "304", "404", "416");
    }
}
