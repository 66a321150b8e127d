package org.chatserver.adapter.rest.file;

import java.io.IOException;
import java.io.InputStream;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase.UploadSource;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded part as the use case reads it. The container has already spooled the part to disk,
 * so every {@link #open()} is a fresh stream over that file and the upload is never held in memory
 * ({@code getBytes()} would).
 */
record MultipartUploadSource(MultipartFile file) implements UploadSource {

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
        return file.getOriginalFilename();
    }

    @Override
    public String declaredType() {
        return file.getContentType();
    }
}
