package org.chatserver.application.port.out.attachment;

import java.io.InputStream;
import java.util.Optional;

/** Looks at a file's bytes to say what it really is, whatever its name or declared type claim. */
public interface MediaInspector {

    /**
     * The media type the content shows (magic bytes); {@code fileName} may only refine a type the
     * content already shows (a zip that is a .docx), never override it. Lower case, no parameters,
     * {@code application/octet-stream} when nothing is recognised. The caller closes the stream.
     */
    String detectType(InputStream content, String fileName);

    /**
     * A preview of an image, scaled down to at most {@code maxWidth} pixels wide; empty when the
     * content does not decode as an image. Memory stays bounded whatever the image's dimensions.
     */
    Optional<ImagePreview> preview(InputStream image, int maxWidth);

    /** @param mimeType of the preview's encoding, e.g. image/jpeg or image/png */
    record ImagePreview(byte[] bytes, String mimeType, int width, int height) {
    }
}
