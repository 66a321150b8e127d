package org.chatserver.application.service.attachment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatserver.domain.AttachmentKind;

/**
 * Which files the server takes: by the type their content shows, each with the extension it is
 * stored under and the extensions a client's file name may have for it.
 *
 * @param maxBytes      largest accepted file, inclusive
 * @param allowedTypes  the detected media types accepted, a subset of {@link #KNOWN} (an alias, such as
 *                      {@code audio/vnd.wave}, stands for its name there)
 * @param previewWidth  width of image previews, pixels
 * @param dailyQuota    the most bytes one user's uploads may hold that were recorded in the last 24 hours, previews
 *                      included; 0: no limit
 */
public record UploadPolicy(long maxBytes, Set<String> allowedTypes, int previewWidth, long dailyQuota) {

    /** The kinds the iOS app sends, and the text files teams share (Markdown, CSV, logs). */
    public static final Map<String, FileType> KNOWN = known();

    public UploadPolicy {
        // a configuration written before WAV was audio/wav names audio/vnd.wave
        allowedTypes = allowedTypes.stream().map(UploadPolicy::canonical).collect(Collectors.toUnmodifiableSet());
        for (String type : allowedTypes) {
            if (!KNOWN.containsKey(type)) {
                throw new IllegalArgumentException("unknown upload type " + type + "; known: " + KNOWN.keySet());
            }
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (previewWidth < 16) {
            throw new IllegalArgumentException("previewWidth must be at least 16");
        }
        if (dailyQuota < 0) {
            throw new IllegalArgumentException("dailyQuota must not be negative");
        }
    }

    /** Without a daily quota. */
    public UploadPolicy(long maxBytes, Set<String> allowedTypes, int previewWidth) {
        this(maxBytes, allowedTypes, previewWidth, 0);
    }

    public static UploadPolicy defaults() {
        return new UploadPolicy(10L * 1024 * 1024, KNOWN.keySet(), 320, 1024L * 1024 * 1024);
    }

    Optional<FileType> accepted(String detectedType) {
        return allowedTypes.contains(detectedType) ? Optional.of(KNOWN.get(detectedType)) : Optional.empty();
    }

    /**
     * Why a detected type is refused, saying what it is where its name alone would not tell a user: an old Office
     * document of a kind neither its content nor its file name says ({@code application/vnd.ms-office}).
     */
    String notAllowed(String detectedType) {
        String refusal = "File type " + detectedType + " is not allowed";
        if (MACRO_ENABLED.contains(detectedType)) {
            return refusal + ": it is an Office document with macros (.docm, .xlsm, .pptm or a template of them), "
                    + "which can run programs on the computer of whoever opens it; save it without macros (.docx, "
                    + ".xlsx, .pptx)";
        }
        if (!detectedType.equals(OLD_OFFICE)) {
            return refusal;
        }
        refusal += ": it is an old Microsoft Office document (.doc, .xls or .ppt) whose name does not say which";
        return allowedTypes.contains("application/msword")
                ? refusal + "; a Word document is accepted with a name ending in .doc (or saved as .docx)"
                : refusal;
    }

    private static final String OLD_OFFICE = "application/vnd.ms-office";

    /**
     * Office Open XML documents whose macros Office runs: never accepted, since a chat is where a macro that installs
     * something arrives looking like a colleague's spreadsheet. Their macro-free kinds are.
     */
    private static final Set<String> MACRO_ENABLED = Set.of("application/vnd.ms-word.document.macroenabled.12",
            "application/vnd.ms-word.template.macroenabled.12", "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.ms-excel.template.macroenabled.12", "application/vnd.ms-excel.addin.macroenabled.12",
            "application/vnd.ms-excel.sheet.binary.macroenabled.12",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
            "application/vnd.ms-powerpoint.template.macroenabled.12",
            "application/vnd.ms-powerpoint.addin.macroenabled.12");

    /** The same type, allowing for the aliases clients and libraries use. */
    static boolean sameType(String declared, String detected) {
        return canonical(declared).equals(canonical(detected))
                // what Windows browsers declare for any .csv where Excel is installed
                || canonical(declared).equals("application/vnd.ms-excel") && canonical(detected).equals("text/csv")
                // text is text: which kind (plain, markdown, csv) comes from the name, and a sender's system may know
                // .md or .csv as text/plain, or name a .txt markdown; nothing is disguised between them
                || canonical(declared).startsWith("text/") && canonical(detected).startsWith("text/");
    }

    /** A media type without parameters, its aliases mapped to the names in {@link #KNOWN}. */
    static String canonical(String type) {
        String t = type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return switch (t) {
            case "image/jpg", "image/pjpeg" -> "image/jpeg";
            // Tika's name; browsers and iOS know audio/wav
            case "audio/vnd.wave", "audio/x-wav", "audio/wave" -> "audio/wav";
            case "audio/x-m4a", "audio/m4a" -> "audio/mp4";
            case "audio/mp3", "audio/mpeg3", "audio/x-mpeg" -> "audio/mpeg";
            case "video/avi", "video/msvideo" -> "video/x-msvideo";
            case "image/x-png" -> "image/png";
            case "text/x-log" -> "text/plain"; // Tika's name for a .log: text, which browsers know as text/plain
            case "text/x-markdown" -> "text/markdown";
            case "text/comma-separated-values" -> "text/csv";
            default -> t;
        };
    }

    /** @param extension the one it is stored under, with the dot */
    public record FileType(AttachmentKind kind, String extension, List<String> nameExtensions) {
    }

    private static Map<String, FileType> known() {
        Map<String, FileType> m = new LinkedHashMap<>();
        m.put("image/jpeg", new FileType(AttachmentKind.IMAGE, ".jpg", List.of("jpg", "jpeg", "jpe")));
        m.put("image/png", new FileType(AttachmentKind.IMAGE, ".png", List.of("png")));
        m.put("image/gif", new FileType(AttachmentKind.IMAGE, ".gif", List.of("gif")));
        m.put("image/webp", new FileType(AttachmentKind.IMAGE, ".webp", List.of("webp")));
        m.put("video/mp4", new FileType(AttachmentKind.VIDEO, ".mp4", List.of("mp4", "m4v")));
        m.put("video/quicktime", new FileType(AttachmentKind.VIDEO, ".mov", List.of("mov", "qt")));
        m.put("video/x-msvideo", new FileType(AttachmentKind.VIDEO, ".avi", List.of("avi")));
        m.put("audio/mpeg", new FileType(AttachmentKind.AUDIO, ".mp3", List.of("mp3")));
        m.put("audio/wav", new FileType(AttachmentKind.AUDIO, ".wav", List.of("wav", "wave")));
        m.put("audio/mp4", new FileType(AttachmentKind.AUDIO, ".m4a", List.of("m4a", "mp4")));
        m.put("application/pdf", new FileType(AttachmentKind.DOCUMENT, ".pdf", List.of("pdf")));
        m.put("application/msword", new FileType(AttachmentKind.DOCUMENT, ".doc", List.of("doc")));
        m.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                new FileType(AttachmentKind.DOCUMENT, ".docx", List.of("docx")));
        m.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                new FileType(AttachmentKind.DOCUMENT, ".xlsx", List.of("xlsx")));
        m.put("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                new FileType(AttachmentKind.DOCUMENT, ".pptx", List.of("pptx")));
        m.put("application/vnd.oasis.opendocument.text", new FileType(AttachmentKind.DOCUMENT, ".odt", List.of("odt")));
        m.put("application/vnd.oasis.opendocument.spreadsheet",
                new FileType(AttachmentKind.DOCUMENT, ".ods", List.of("ods")));
        m.put("application/vnd.oasis.opendocument.presentation",
                new FileType(AttachmentKind.DOCUMENT, ".odp", List.of("odp")));
        m.put("text/plain", new FileType(AttachmentKind.DOCUMENT, ".txt", List.of("txt", "text", "log")));
        m.put("text/markdown", new FileType(AttachmentKind.DOCUMENT, ".md", List.of("md", "markdown")));
        m.put("text/csv", new FileType(AttachmentKind.DOCUMENT, ".csv", List.of("csv")));
        return Map.copyOf(m);
    }
}
