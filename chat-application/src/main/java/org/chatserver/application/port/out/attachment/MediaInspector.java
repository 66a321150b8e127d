package org.chatserver.application.port.out.attachment;

import java.io.InputStream;
import java.time.Duration;
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
     * A preview of an image, scaled down to at most {@code maxWidth} pixels wide and never up; empty
     * when the content does not decode as an image. Memory and time stay bounded whatever the image
     * claims to be: an image whose header announces more than the inspector decodes is refused
     * before any pixel is decoded. The caller closes the stream.
     *
     * @throws ImageRefusedException  the image is one the inspector will not decode (too many pixels,
     *                                too costly a format, over its time limit); the message says why
     * @throws InspectorBusyException every decoder is busy and no more work may wait: nothing was
     *                                decoded, try again later
     * @throws IllegalArgumentException when {@code maxWidth} is below 1
     */
    Optional<ImagePreview> preview(InputStream image, int maxWidth);

    /**
     * The file as it is to be stored and served: without what its format records about where, when and with what
     * it was made (a JPEG's EXIF with its GPS position, XMP, IPTC, comments, thumbnails, and whatever follows the
     * image; a PNG's text, time and EXIF chunks; a WebP's EXIF and XMP; a GIF's comments and XMP; a video's user
     * data, metadata and times, where a phone writes the place it was recorded; an MP3's tags; a WAV's or AVI's
     * INFO lists, broadcast extension, iXML, ID3 and XMP chunks; an Office document's author, company, dates and
     * custom properties), shown or played the same way (a JPEG keeps its
     * EXIF orientation, colour profile and JFIF; a PNG its orientation and the chunks that change how it shows; a
     * video its samples where they were; an MP3 its frames; a WAV or AVI its sound and frames) and its pixels
     * untouched, not re-encoded. Empty for a type this inspector stores as it is. The stream returned reads
     * {@code content} as it goes, so memory stays bounded whatever the file's size, and yields the same bytes each
     * time it is made over the same content. A file that is damaged is cleaned as far as it can be read and never
     * refused here, but for a kind whose metadata cannot be removed from a damaged file without storing it broken (an
     * Office document, a zip), and a recording cut short, which would be stored to show as a player that does not
     * play (an MP4, a WAV, as the inspector can tell): reading such a stream throws {@link FileRefusedException}, the
     * same each time, so before any byte would be stored when the stream is read once through first. The caller
     * closes both streams.
     *
     * @param mediaType as {@link #detectType} said, or the name the upload policy knows it by ({@code audio/wav})
     */
    Optional<InputStream> withoutMetadata(InputStream content, String mediaType);

    /**
     * The character encoding text is written in, lower case, as a {@code charset} parameter names it: {@code utf-8}
     * when every byte decodes as UTF-8 (ASCII included) or a UTF-8 byte order mark leads; {@code utf-16le} or
     * {@code utf-16be} after their byte order mark; otherwise {@code windows-1252}, which every byte decodes in and
     * browsers take for Latin-1 too. Reads the whole stream, a chunk at a time. The caller closes it.
     */
    String textCharset(InputStream content);

    /** @param mimeType of the preview's encoding, e.g. image/jpeg or image/png */
    record ImagePreview(byte[] bytes, String mimeType, int width, int height) {
    }

    /** An image the inspector will not decode; the message is for the person who sent it. */
    final class ImageRefusedException extends RuntimeException {

        public ImageRefusedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A file the inspector cannot store without its metadata, nor store whole without removing it (an Office
     * document that is cut short or whose parts disagree), or a recording cut short; the message is for the person
     * who sent it.
     */
    final class FileRefusedException extends RuntimeException {

        public FileRefusedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** No decoder free and the waiting line full; the work was not started. */
    final class InspectorBusyException extends RuntimeException {

        private final Duration retryAfter;

        public InspectorBusyException(Duration retryAfter) {
            super("every image decoder is busy; try again after " + retryAfter, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** When it is worth trying again. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
