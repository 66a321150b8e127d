package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.chatserver.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Sample files as the fake media inspector recognises them, and uploads as the app sends them. */
abstract class FileHttpTestSupport extends ChatHttpTestSupport {

    static final byte[] JPEG = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE0}, "\u0000\u0010JFIF pixels of a cat");
    static final byte[] PNG = bytes(new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "pixels of a dog");
    static final byte[] BROKEN_JPEG = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE0}, "CORRUPT");
    static final byte[] PDF = ascii("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
    static final byte[] EXE = bytes(new int[] {'M', 'Z', 0x90, 0x00, 0x03}, "This program cannot be run");
    static final byte[] HTML = ascii("<html><script>alert(document.cookie)</script></html>");
    static final byte[] SVG = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    /** 100 bytes whose every offset is easy to read off. */
    static final byte[] DIGITS = ascii("0123456789".repeat(10));

    String token;

    @BeforeEach
    void signedIn() {
        User alice = chat.register("alice");
        token = tokenOf(alice);
    }

    MvcTestResult upload(String path, String fileName, String declaredType, byte[] content) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .multipart().file(new MockMultipartFile("file", fileName, declaredType, content)).exchange();
    }

    /** Uploads through the API and answers the stored name. */
    String stored(String fileName, String declaredType, byte[] content) {
        MvcTestResult result = upload("/api/upload-file", fileName, declaredType, content);
        assertThat(status(result)).as("upload status: %s", text(result)).isEqualTo(200);
        Map<String, Object> body = json(result);
        return (String) body.get("filename");
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int[] magic, String rest) {
        byte[] tail = rest.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[magic.length + tail.length];
        for (int i = 0; i < magic.length; i++) {
            all[i] = (byte) magic[i];
        }
        System.arraycopy(tail, 0, all, magic.length, tail.length);
        return all;
    }
}
