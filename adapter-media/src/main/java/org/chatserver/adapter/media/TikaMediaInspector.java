package org.chatserver.adapter.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.chatserver.application.port.out.attachment.MediaInspector;

/**
 * Detects types from magic bytes with Tika core's own database (no parsers), then sharpens the two
 * answers where core alone is too coarse for an upload policy: ISO media files (core calls every
 * {@code ftyp} box QuickTime), Office Open XML packages (core calls every one {@code application/x-tika-ooxml})
 * and markup that lacks the headers core looks for (core calls it text). An old Office document whose name does not
 * tell which it is, which core calls {@code application/x-tika-msoffice}, is {@code application/vnd.ms-office}.
 * Previews are decoded by {@link ImageIoPreviews} on a {@link DecodingPool} of their own. A recording is stored without
 * its metadata only when it is whole ({@link IsoMediaCompleteness}, {@link RiffCompleteness}): the cleaners keep what
 * there is of one cut short, and a player shows that broken.
 */
public final class TikaMediaInspector implements MediaInspector, AutoCloseable {

    private static final MediaType QUICKTIME = MediaType.parse("video/quicktime");
    private static final MediaType MP4 = MediaType.parse("video/mp4");
    private static final MediaType HTML = MediaType.parse("text/html");
    private static final MediaType SVG = MediaType.parse("image/svg+xml");
    private static final MediaType OOXML = MediaType.parse("application/x-tika-ooxml");
    /** Tika's internal name for an OLE2 compound file, what .doc, .xls and .ppt share. */
    private static final MediaType OLE2 = MediaType.parse("application/x-tika-msoffice");
    /** The name the world ({@code file}, mail programs) gives an Office compound file of a kind it cannot tell. */
    private static final MediaType OLD_OFFICE = MediaType.parse("application/vnd.ms-office");

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();
    private final DecodingPool pool;
    private final ImageIoPreviews previews;

    public TikaMediaInspector(MediaProperties properties) {
        this(new DecodeLimits(properties.maxPixels(), properties.maxProgressivePixels()),
                new DecodingPool(properties.effectiveDecodeThreads(), properties.decodeQueue(),
                        properties.decodeTimeLimit(), properties.busyRetryAfter()));
    }

    TikaMediaInspector(DecodeLimits limits, DecodingPool pool) {
        this.pool = pool;
        this.previews = new ImageIoPreviews(limits, pool);
    }

    @Override
    public String detectType(InputStream content, String fileName) {
        byte[] head;
        try {
            // Tika never looks past its longest magic offset, so neither do we: a 10 MiB upload costs 64 KiB here
            head = content.readNBytes(mimeTypes.getMinLength());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload to detect its type", e);
        }
        MediaType shown = sharpen(fromMagic(head), head);
        MediaType named = fromName(fileName);
        // Tika itself would take the name when the magic says nothing, turning junk named .jpg into image/jpeg
        boolean refines = !shown.equals(MediaType.OCTET_STREAM) && !isBrandedQuickTime(shown, head) && named != null
                && (named.equals(shown) || registry.isSpecializationOf(named, shown))
                && !isArchiveNamedAsOffice(named, shown);
        MediaType type = refines ? named : shown;
        // Tika's internal names for an Office file of a kind neither its content nor its name tells, which no one
        // knows: an Office Open XML package is a zip, an old (OLE2) Office document application/vnd.ms-office
        MediaType known = type.equals(OOXML) ? MediaType.APPLICATION_ZIP : type.equals(OLE2) ? OLD_OFFICE : type;
        return known.getBaseType().toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<ImagePreview> preview(InputStream image, int maxWidth) {
        return previews.preview(image, maxWidth);
    }

    @Override
    public Optional<InputStream> withoutMetadata(InputStream content, String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> Optional.of(new JpegWithoutMetadata(content));
            case "image/png" -> Optional.of(new PngWithoutMetadata(content));
            case "video/mp4", "video/quicktime", "audio/mp4" ->
                    whole(new IsoMediaCompleteness(content, mediaType), IsoMediaWithoutMetadata::new);
            case "audio/mpeg" -> Optional.of(new Mp3WithoutMetadata(content));
            case "image/webp" -> Optional.of(new WebpWithoutMetadata(content));
            case "image/gif" -> Optional.of(new GifWithoutMetadata(content));
            case "audio/wav", "audio/vnd.wave", "video/x-msvideo" ->
                    whole(new RiffCompleteness(content, mediaType), RiffWithoutMetadata::new);
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
                 "application/vnd.ms-word.document.macroenabled.12",
                 "application/vnd.ms-word.template.macroenabled.12",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
                 "application/vnd.ms-excel.sheet.macroenabled.12",
                 "application/vnd.ms-excel.template.macroenabled.12",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
                 "application/vnd.openxmlformats-officedocument.presentationml.template",
                 "application/vnd.ms-powerpoint.presentation.macroenabled.12",
                 "application/vnd.ms-powerpoint.slideshow.macroenabled.12" ->
                    Optional.of(new OfficeWithoutMetadata(content, OfficeWithoutMetadata.OFFICE_OPEN_XML));
            case "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
                 "application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.graphics" ->
                    Optional.of(new OfficeWithoutMetadata(content, OfficeWithoutMetadata.OPEN_DOCUMENT));
            default -> Optional.empty();
        };
    }

    /** The file cleaned as it is checked, and read to its end by the check whatever the cleaner reads of it. */
    private static Optional<InputStream> whole(CompletenessCheck check, UnaryOperator<InputStream> cleaner) {
        return Optional.of(check.readThrough(cleaner.apply(check)));
    }

    @Override
    public String textCharset(InputStream content) {
        return TextCharset.of(content);
    }

    /** Stops the decoding threads; work still running is abandoned. */
    @Override
    public void close() {
        pool.close();
    }

    private MediaType fromMagic(byte[] head) {
        try {
            return registry.normalize(mimeTypes.detect(new ByteArrayInputStream(head), new Metadata()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
    }

    private MediaType fromName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String lastSegment = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, lastSegment);
        try {
            MediaType type = registry.normalize(mimeTypes.detect(null, metadata));
            return type.equals(MediaType.OCTET_STREAM) ? null : type;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no stream, nothing to read
        }
    }

    /**
     * Core makes Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods, .odp) kinds of zip, so the name
     * would otherwise make any archive one: a zip of an .exe and an .html named .docx or .odt. An Office file shows in
     * its magic, its first entry being {@code [Content_Types].xml}, as every Office writer puts it; an OpenDocument
     * file's is its {@code mimetype}, stored, which core reads.
     */
    private boolean isArchiveNamedAsOffice(MediaType named, MediaType shown) {
        return registry.isSpecializationOf(named, OOXML)
                && !shown.equals(OOXML) && !registry.isSpecializationOf(shown, OOXML)
                || shown.equals(MediaType.APPLICATION_ZIP) && registry.isSpecializationOf(named, MediaType.APPLICATION_ZIP);
    }

    /** Core makes MP4 a kind of QuickTime, so a .mp4 name would otherwise relabel a file branded "qt". */
    private static boolean isBrandedQuickTime(MediaType type, byte[] head) {
        return type.equals(QUICKTIME) && IsoMediaBrand.of(head).filter(IsoMediaBrand::isQuickTime).isPresent();
    }

    /**
     * Text in Windows-1252 (of which Latin-1 is a part): no byte that is a control character other than white space,
     * none of the five that Windows-1252 leaves undefined, and at least one byte.
     */
    private static boolean isSingleByteText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xFF;
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F;
            boolean undefined = c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
            if (control || undefined) {
                return false;
            }
        }
        return true;
    }

    private static MediaType sharpen(MediaType type, byte[] head) {
        if (type.equals(OOXML)) {
            return OfficePackage.of(head).orElse(type);
        }
        if (type.equals(QUICKTIME)) {
            return IsoMediaBrand.of(head).filter(IsoMediaBrand::isMp4).map(brand -> MP4).orElse(type);
        }
        if (type.equals(MediaType.APPLICATION_XML) && Markup.of(head) == Markup.SVG) {
            return SVG; // core finds an svg root only with its namespace, which browsers do not need in HTML
        }
        if (type.equals(MediaType.OCTET_STREAM) && isSingleByteText(head)) {
            // core gives up on text with many letters beyond ASCII and no byte order mark: a short French or German
            // note written on Windows ("été", "Grüße") was refused as binary
            type = MediaType.TEXT_PLAIN;
        }
        if (type.equals(MediaType.TEXT_PLAIN)) {
            return switch (Markup.of(head)) {
                case SVG -> SVG;
                case HTML -> HTML;
                case NONE -> type;
            };
        }
        return type;
    }
}
