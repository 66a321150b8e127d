package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Downloads without a token, as image loaders and media players make them: the headers that keep a
 * browser from running a file, caching, conditional requests, ranges, HEAD and redirects.
 */
class FileDownloadApiTest extends FileHttpTestSupport {

    private static final String LAST_MODIFIED = "Sat, 04 Oct 2025 18:42:41 GMT";
    private static final String CSP = "default-src 'none'; sandbox";
    private static final String CACHE_FOREVER = "private, max-age=31536000, immutable";

    @Test
    void anImageIsServedInlineWithItsDetectedTypeAndNothingABrowserCouldRun() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);

        MvcTestResult result = get(name);

        assertThat(status(result)).isEqualTo(200);
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(JPEG);
        assertThat(header(result, HttpHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
        assertThat(header(result, HttpHeaders.CONTENT_LENGTH)).isEqualTo(Integer.toString(JPEG.length));
        assertThat(header(result, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(result, HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("inline; filename=\"" + name + "\"");
        assertThat(header(result, "Content-Security-Policy")).isEqualTo(CSP);
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo(CACHE_FOREVER);
        assertThat(header(result, HttpHeaders.ETAG)).matches("\"[0-9a-f-]{36}\"");
        assertThat(header(result, HttpHeaders.LAST_MODIFIED)).isEqualTo(LAST_MODIFIED);
        assertThat(header(result, HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
    }

    @Test
    void aPdfDownloadsAsAnAttachmentOfferingTheUploadersName() {
        String name = stored("Résumé 2025.pdf", "application/pdf", PDF);

        MvcTestResult result = get(name);

        assertThat(status(result)).isEqualTo(200);
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(PDF);
        assertThat(header(result, HttpHeaders.CONTENT_TYPE)).isEqualTo("application/pdf");
        assertThat(header(result, HttpHeaders.CONTENT_DISPOSITION)).isEqualTo(
                "attachment; filename=\"" + name + "\"; filename*=UTF-8''R%C3%A9sum%C3%A9%202025.pdf");
        assertThat(header(result, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(result, "Content-Security-Policy")).isEqualTo(CSP);
    }

    @Test
    void textDownloadsAsUtf8AttachmentSoNoBrowserGuessesItIntoAPage() {
        String name = stored("notes.txt", "text/plain", DIGITS);

        MvcTestResult result = get(name);

        assertThat(status(result)).isEqualTo(200);
        assertThat(MediaType.parseMediaType(header(result, HttpHeaders.CONTENT_TYPE)))
                .isEqualTo(MediaType.parseMediaType("text/plain;charset=utf-8"));
        assertThat(header(result, HttpHeaders.CONTENT_DISPOSITION)).isEqualTo(
                "attachment; filename=\"" + name + "\"; filename*=UTF-8''notes.txt");
        assertThat(header(result, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anImagesPreviewIsAStoredFileToo() {
        Map<String, Object> upload = json(upload("/api/upload-image", "dog.png", "image/png", PNG));
        String previewUrl = (String) upload.get("preview_url");

        MvcTestResult result = mvc.get().uri(previewUrl).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(header(result, HttpHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
        assertThat(header(result, HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline;");
        assertThat(text(result)).isEqualTo("preview-bytes");
    }

    @Test
    void aCurrentCopyIsAnswered304WithoutABody() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);
        String etag = header(get(name), HttpHeaders.ETAG);

        for (String ifNoneMatch : new String[] {etag, "*", "W/" + etag, "\"other\", " + etag, "\"a,b\"," + etag}) {
            MvcTestResult result = mvc.get().uri("/api/files/" + name).header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
                    .exchange();

            assertThat(status(result)).as(ifNoneMatch).isEqualTo(304);
            assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
            assertThat(header(result, HttpHeaders.ETAG)).isEqualTo(etag);
            assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo(CACHE_FOREVER);
        }
    }

    @Test
    void anOutdatedCopyGetsTheFile() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);

        MvcTestResult result = mvc.get().uri("/api/files/" + name).header(HttpHeaders.IF_NONE_MATCH, "\"other\"")
                .header(HttpHeaders.IF_MODIFIED_SINCE, LAST_MODIFIED).exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(JPEG);
    }

    @Test
    void ifModifiedSinceAloneComparesWholeSeconds() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);

        assertThat(status(getWith(name, HttpHeaders.IF_MODIFIED_SINCE, LAST_MODIFIED))).isEqualTo(304);
        assertThat(status(getWith(name, HttpHeaders.IF_MODIFIED_SINCE, "Sat, 04 Oct 2025 18:42:40 GMT")))
                .isEqualTo(200);
        assertThat(status(getWith(name, HttpHeaders.IF_MODIFIED_SINCE, "yesterday"))).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes=0-9      | 0-9/100   | 0123456789",
            "bytes=95-      | 95-99/100 | 56789",
            "bytes=-5       | 95-99/100 | 56789",
            "bytes=90-500   | 90-99/100 | 0123456789",
            "bytes=-500     | 0-99/100  | 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
            "Bytes=3-4      | 3-4/100   | 34",
            "bytes=99-99    | 99-99/100 | 9"})
    void aSingleRangeIsServedAs206(String range, String contentRange, String body) {
        String name = stored("notes.txt", "text/plain", DIGITS);

        MvcTestResult result = getWith(name, HttpHeaders.RANGE, range);

        assertThat(status(result)).isEqualTo(206);
        assertThat(header(result, HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes " + contentRange);
        assertThat(text(result)).isEqualTo(body);
        assertThat(header(result, HttpHeaders.CONTENT_LENGTH)).isEqualTo(Integer.toString(body.length()));
        assertThat(header(result, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(result, HttpHeaders.ETAG)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=99999999999999999999999-"})
    void aRangeOutsideTheFileIs416(String range) {
        String name = stored("notes.txt", "text/plain", DIGITS);

        MvcTestResult result = getWith(name, HttpHeaders.RANGE, range);

        assertProblem(result, 416, "Range Not Satisfiable");
        assertThat(header(result, HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=5-2", "bytes=abc", "items=0-5", "bytes=", "bytes=-", "0-5", "bytes = 3 - 4"})
    void severalOrMalformedRangesGetTheWholeFile(String range) {
        String name = stored("notes.txt", "text/plain", DIGITS);

        MvcTestResult result = getWith(name, HttpHeaders.RANGE, range);

        assertThat(status(result)).isEqualTo(200);
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(DIGITS);
        assertThat(header(result, HttpHeaders.CONTENT_RANGE)).isNull();
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheSameVersion() {
        String name = stored("notes.txt", "text/plain", DIGITS);
        String etag = header(get(name), HttpHeaders.ETAG);

        MvcTestResult same = mvc.get().uri("/api/files/" + name).header(HttpHeaders.RANGE, "bytes=0-1")
                .header(HttpHeaders.IF_RANGE, etag).exchange();
        MvcTestResult sameDate = mvc.get().uri("/api/files/" + name).header(HttpHeaders.RANGE, "bytes=0-1")
                .header(HttpHeaders.IF_RANGE, LAST_MODIFIED).exchange();
        MvcTestResult other = mvc.get().uri("/api/files/" + name).header(HttpHeaders.RANGE, "bytes=0-1")
                .header(HttpHeaders.IF_RANGE, "\"older\"").exchange();
        MvcTestResult weak = mvc.get().uri("/api/files/" + name).header(HttpHeaders.RANGE, "bytes=0-1")
                .header(HttpHeaders.IF_RANGE, "W/" + etag).exchange();

        assertThat(status(same)).isEqualTo(206);
        assertThat(text(same)).isEqualTo("01");
        assertThat(status(sameDate)).isEqualTo(206);
        assertThat(status(other)).isEqualTo(200);
        assertThat(result(other)).isEqualTo(DIGITS);
        assertThat(status(weak)).isEqualTo(200);
    }

    @Test
    void headDescribesTheWholeFileWithoutABody() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);
        MvcTestResult get = get(name);

        MvcTestResult head = mvc.head().uri("/api/files/" + name).exchange();
        MvcTestResult headWithRange = mvc.head().uri("/api/files/" + name).header(HttpHeaders.RANGE, "bytes=0-1")
                .exchange();

        assertThat(status(head)).isEqualTo(200);
        assertThat(head.getResponse().getContentAsByteArray()).isEmpty();
        for (String h : new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, "X-Content-Type-Options",
                HttpHeaders.CONTENT_DISPOSITION, "Content-Security-Policy", HttpHeaders.CACHE_CONTROL,
                HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.ACCEPT_RANGES}) {
            assertThat(header(head, h)).as(h).isNotNull().isEqualTo(header(get, h));
        }
        assertThat(status(headWithRange)).isEqualTo(200);
        assertThat(header(headWithRange, HttpHeaders.CONTENT_LENGTH)).isEqualTo(Integer.toString(JPEG.length));
    }

    @Test
    void anUnknownNameIs404() {
        assertProblem(mvc.get().uri("/api/files/3f2a9c1e-0000-4000-8000-000000000000.png").exchange(), 404,
                "File not found");
        assertProblem(mvc.head().uri("/api/files/3f2a9c1e-0000-4000-8000-000000000000.png").exchange(), 404,
                "File not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/files/..%2F..%2Fetc%2Fpasswd", "/api/files/..%5C..%5Cwindows%5Cwin.ini",
            "/api/files/%2E%2E", "/api/files/.hidden", "/api/files/con.txt", "/api/files/a%00.png"})
    void aNameThatCannotBeAStoredFileIs404(String path) {
        MvcTestResult result = mvc.get().uri(URI.create(path)).exchange();

        assertProblem(result, 404, "File not found");
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isNull();
    }

    @Test
    void aStoreThatOffersPresignedUrlsGetsTheClientRedirected() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);
        files.redirectDownloads();

        MvcTestResult result = get(name);

        assertThat(status(result)).isEqualTo(302);
        assertThat(header(result, HttpHeaders.LOCATION))
                .isEqualTo(InMemoryFiles.PRESIGNED_HOST + name + "?X-Amz-Signature=abc");
        assertThat(header(result, HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
    }

    @Test
    void downloadsNeedNoTokenButAcceptOne() {
        String name = stored("cat.jpg", "image/jpeg", JPEG);

        assertThat(status(getWithToken(mvc, "/api/files/" + name, token))).isEqualTo(200);
        assertThat(status(getWithToken(mvc, "/api/files/" + name, "not-a-token"))).isEqualTo(200);
    }

    private MvcTestResult get(String name) {
        return mvc.get().uri("/api/files/" + name).exchange();
    }

    private MvcTestResult getWith(String name, String header, String value) {
        return mvc.get().uri("/api/files/" + name).header(header, value).exchange();
    }

    private static byte[] result(MvcTestResult result) {
        return result.getResponse().getContentAsByteArray();
    }
}
