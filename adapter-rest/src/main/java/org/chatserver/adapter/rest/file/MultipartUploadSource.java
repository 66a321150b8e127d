package org.chatserver.adapter.rest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Pattern;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase.UploadSource;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded part as the use case reads it. The container has already spooled the part to disk,
 * so every {@link #open()} is a fresh stream over that file and the upload is never held in memory
 * ({@code getBytes()} would).
 */
record MultipartUploadSource(MultipartFile file) implements UploadSource {

    private static final Pattern ESCAPED = Pattern.compile("%(22|0[dDaA])");

    @Override
    public InputStream open() throws IOException {
        return file.getInputStream();
    }

    @Override
    public long size() {
        return file.getSize();
    }

    @Override
    public String originalName() {
        return unescaped(file.getOriginalFilename());
    }

    /**
     * A browser writes a file's name into the part's header with its double quotes, carriage returns and line feeds
     * as {@code %22}, {@code %0D} and {@code %0A}, and nothing else escaped (HTML's multipart/form-data encoding;
     * Chrome, Firefox and Safari, and curl's {@code -F}, do so): {@code my "best" notes.txt} arrives as
     * {@code my %22best%22 notes.txt}. Read back as the characters they stand for. A name that really holds
     * {@code %22} cannot be told apart from a quote written so; a browser sends both alike.
     */
    static String unescaped(String submitted) {
        if (submitted == null || submitted.indexOf('%') < 0) {
            return submitted;
        }
        return ESCAPED.matcher(submitted).replaceAll(match -> switch (match.group(1).toUpperCase(Locale.ROOT)) {
            case "22" -> "\"";
            case "0D" -> "\r";
            default -> "\n";
        });
    }

    @Override
    public String declaredType() {
        return file.getContentType();
    }
}
