package org.chatserver.application.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chatserver.application.port.out.attachment.MediaInspector;

/**
 * Knows a handful of magic numbers, enough for use-case tests; the real detection is Tika's,
 * tested in its adapter. An "image" whose bytes say CORRUPT does not decode.
 */
public final class FakeMediaInspector implements MediaInspector {

    @Override
    public String detectType(InputStream content, String fileName) {
        String head = head(content, 16);
        if (head.startsWith("\u00ff\u00d8\u00ff")) {
            return "image/jpeg";
        }
        if (head.startsWith("\u0089PNG")) {
            return "image/png";
        }
        if (head.startsWith("%PDF")) {
            return "application/pdf";
        }
        if (head.startsWith("MZ")) {
            return "application/x-msdownload";
        }
        if (head.toLowerCase().startsWith("<html") || head.toLowerCase().startsWith("<!doctype html")) {
            return "text/html";
        }
        if (head.startsWith("<svg") || head.startsWith("<?xml")) {
            return "image/svg+xml";
        }
        return head.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n') ? "text/plain" : "application/octet-stream";
    }

    @Override
    public Optional<ImagePreview> preview(InputStream image, int maxWidth) {
        String all = head(image, 64);
        if (all.contains("CORRUPT")) {
            return Optional.empty();
        }
        return Optional.of(new ImagePreview("preview-bytes".getBytes(StandardCharsets.ISO_8859_1), "image/jpeg",
                maxWidth, maxWidth / 2));
    }

    private static String head(InputStream in, int n) {
        try {
            return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
