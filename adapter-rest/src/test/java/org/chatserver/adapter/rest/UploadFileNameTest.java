package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * File names as a real container parses them out of the part's {@code Content-Disposition}: Tomcat refuses a name
 * holding a NUL character before any controller sees the upload, which MockMvc's parts never do.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadFileNameTest extends RealHttpUploadTestSupport {

    /** It was told "file must be sent as a multipart/form-data file part", which it was. */
    @Test
    void aNulInTheFileNameIsNamedAsTheProblem() throws Exception {
        HttpResponse<String> response = upload("notes\u0000.exe.txt");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        Map<String, Object> body = jsonOf(response);
        assertThat(body).containsEntry("detail", "file: file name must not contain a NUL character");
        assertThat(body.get("errors")).isEqualTo(
                List.of(Map.of("field", "file", "message", "file name must not contain a NUL character")));
        assertThat(files.uploads()).as("uploads that reached the store").isZero();
    }

    /** The container passes them on; the use case leaves them out of the name it shows. */
    @Test
    void otherControlCharactersInTheFileNameAreLeftOutOfTheNameShown() throws Exception {
        HttpResponse<String> response = upload("no\u0001t\u007fes.txt");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jsonOf(response)).containsEntry("original_filename", "notes.txt");
    }

    /** Trimmed away by the container with the spaces at either end, they never reach the store nor the name shown. */
    @Test
    void nulsAtEitherEndOfTheFileNameAreTrimmedAway() throws Exception {
        for (String name : List.of("notes.txt\u0000", "\u0000notes.txt", " \u0000notes.txt\u0000 ")) {
            HttpResponse<String> response = upload(name);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(jsonOf(response)).containsEntry("original_filename", "notes.txt");
        }
    }

    private HttpResponse<String> upload(String fileName) throws Exception {
        return uploadOverHttp(fileName, "text/plain",
                "hello".getBytes(StandardCharsets.US_ASCII));
    }
}
