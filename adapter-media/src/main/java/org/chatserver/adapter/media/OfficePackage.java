package org.chatserver.adapter.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.mime.MediaType;

/**
 * Which Office Open XML document a package is, from its content types: the first entry Office writers put in the
 * zip, {@code [Content_Types].xml}, names the type of the package's main part. Tika core stops at "some Office
 * package" ({@code application/x-tika-ooxml}) and leaves the rest to the name, so a .docx named .doc was refused with
 * that internal name instead of what it is.
 */
final class OfficePackage {

    /** Far more than a package's content types need (about 1 KB, plus 150 bytes a slide or sheet). */
    private static final int MAX_CONTENT_TYPES = 64 * 1024;

    /**
     * By the type of the main part, the macro-enabled kinds first: content types that name two main parts are taken
     * as the one that can hold macros, which is refused.
     */
    private static final List<Map.Entry<String, MediaType>> MAIN_PARTS = List.of(
            main("application/vnd.ms-word.document.macroEnabled.main+xml",
                    "application/vnd.ms-word.document.macroenabled.12"),
            main("application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                    "application/vnd.ms-word.template.macroenabled.12"),
            main("application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                    "application/vnd.ms-excel.sheet.macroenabled.12"),
            main("application/vnd.ms-excel.template.macroEnabled.main+xml",
                    "application/vnd.ms-excel.template.macroenabled.12"),
            main("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                    "application/vnd.ms-powerpoint.presentation.macroenabled.12"),
            main("application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
                    "application/vnd.ms-powerpoint.slideshow.macroenabled.12"),
            main("application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                    "application/vnd.ms-powerpoint.template.macroenabled.12"),
            main("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            main("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            main("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private static Map.Entry<String, MediaType> main(String mainPartType, String documentType) {
        return Map.entry(mainPartType, MediaType.parse(documentType));
    }

    private OfficePackage() {
    }

    /**
     * The document type whose main part the content types in {@code head} (a file's first bytes) name; empty when
     * the first entry is not the content types, is not complete in {@code head}, or names none of these.
     */
    static Optional<MediaType> of(byte[] head) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(head))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals("[Content_Types].xml")) {
                return Optional.empty();
            }
            String contentTypes = new String(zip.readNBytes(MAX_CONTENT_TYPES), StandardCharsets.UTF_8);
            return MAIN_PARTS.stream()
                    .filter(part -> contentTypes.contains("\"" + part.getKey() + "\""))
                    .map(Map.Entry::getValue)
                    .findFirst();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // cut off by the head's end, or not a zip ZipInputStream can read on
        }
    }
}
