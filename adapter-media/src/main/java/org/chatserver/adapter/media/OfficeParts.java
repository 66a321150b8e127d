package org.chatserver.adapter.media;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What becomes of an Office Open XML package's parts besides its properties, by name in lower case without a leading
 * slash (part names are not case-sensitive): the parts that say who worked on a document and what it looked like are
 * dropped, and the parts that name them or hold the authors of comments and tracked changes are rewritten.
 *
 * <ul>
 * <li>Dropped: {@code docProps/thumbnail.*} (a picture of the first page, as it was last saved), everything under
 * {@code customXml/} (data a company's systems attach: document management ids, the author's department, its
 * classification) and {@code word/people.xml} (each author's name and account id).</li>
 * <li>{@code [Content_Types].xml}: without the {@code Override} of a dropped part; every {@code .rels} part: without
 * the relationships to a dropped part, so that the package holds no relationship to a part it lacks, which Word
 * calls corrupt.</li>
 * <li>A Word document's text parts (body, headers, footers, notes, comments, glossary): every author of a comment or
 * tracked change becomes {@value #AUTHOR}, initials {@value #INITIALS}; their dates go (both are optional).</li>
 * </ul>
 */
final class OfficeParts {

    static final String AUTHOR = "Author";
    static final String INITIALS = "A";

    private static final Pattern WORD_TEXT = Pattern.compile(
            "word/(document|comments|commentsextensible|footnotes|endnotes|header\\d*|footer\\d*|glossary/document)"
                    + "\\.xml");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\s+([^\\s=/>]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final Pattern NAME = Pattern.compile("<([^\\s/>]+)");

    private OfficeParts() {
    }

    /**
     * Code an office program may run: a VBA project (in a package whose type says it has none, so Office would not run
     * it, but other programs may), OpenDocument's Basic libraries and scripts.
     */
    static boolean holdsMacros(String part, boolean openDocument) {
        return openDocument ? part.startsWith("basic/") || part.startsWith("scripts/")
                : part.endsWith("vbaproject.bin");
    }

    static boolean dropped(String part) {
        return part.startsWith("customxml/") || part.startsWith("docprops/thumbnail.") || part.equals("word/people.xml");
    }

    /** The rule its tags are rewritten by; null when the part is copied as it is. */
    static XmlTagFilter.Rule ruleFor(String part) {
        if (part.equals("[content_types].xml")) {
            return OfficeParts::contentType;
        }
        if (part.endsWith(".rels")) {
            String folder = part.contains("_rels/") ? part.substring(0, part.lastIndexOf("_rels/")) : "";
            return tag -> relationship(tag, folder);
        }
        if (WORD_TEXT.matcher(part).matches()) {
            return OfficeParts::withoutAuthors;
        }
        return null;
    }

    private static String contentType(String tag) {
        if (!localName(tag).equals("Override")) {
            return tag;
        }
        String partName = attribute(tag, "PartName");
        return partName != null && dropped(normalized(partName)) ? null : tag;
    }

    private static String relationship(String tag, String folder) {
        if (!localName(tag).equals("Relationship") || "External".equals(attribute(tag, "TargetMode"))) {
            return tag;
        }
        String target = attribute(tag, "Target");
        if (target == null) {
            return tag;
        }
        String resolved = target.startsWith("/") ? target : folder + target;
        return dropped(normalized(resolved)) ? null : tag;
    }

    /** Authors and initials of comments and tracked changes made neutral, their dates gone. */
    private static String withoutAuthors(String tag) {
        if (tag.startsWith("</") || tag.indexOf('=') < 0) {
            return tag;
        }
        StringBuilder rewritten = new StringBuilder(tag.length());
        Matcher attribute = ATTRIBUTE.matcher(tag);
        int copied = 0;
        while (attribute.find()) {
            String name = attribute.group(1);
            String local = name.substring(name.indexOf(':') + 1);
            String replacement = switch (local) {
                case "author" -> " " + name + "=\"" + AUTHOR + "\"";
                case "initials" -> " " + name + "=\"" + INITIALS + "\"";
                case "date", "dateUtc" -> "";
                default -> null;
            };
            if (replacement != null) {
                rewritten.append(tag, copied, attribute.start()).append(replacement);
                copied = attribute.end();
            }
        }
        return copied == 0 ? tag : rewritten.append(tag, copied, tag.length()).toString();
    }

    private static String localName(String tag) {
        Matcher name = NAME.matcher(tag);
        if (!name.lookingAt()) {
            return "";
        }
        String qualified = name.group(1);
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    /** The value of the attribute named {@code name} (without a prefix), its character references unresolved. */
    private static String attribute(String tag, String name) {
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            if (attribute.group(1).equals(name)) {
                String quoted = attribute.group(2);
                return quoted.substring(1, quoted.length() - 1);
            }
        }
        return null;
    }

    /** A part name as {@link #dropped} takes it: lower case, without a leading slash, {@code ..} and {@code .} resolved. */
    private static String normalized(String name) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : name.toLowerCase(Locale.ROOT).split("/")) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
