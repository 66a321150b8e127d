package org.chatserver.adapter.media;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What becomes of an office package's parts besides its properties, by name in lower case without a leading slash
 * (part names are matched whatever their case): the parts that say who worked on a document and what it looked like
 * are dropped, and the parts that name them or hold the people who commented and changed it are rewritten.
 *
 * <p>Office Open XML:
 * <ul>
 * <li>Dropped: {@code docProps/thumbnail.*} (a picture of the first page, as it was last saved), everything under
 * {@code customXml/} (data a company's systems attach: document management ids, the author's department, its
 * classification) and {@code word/people.xml} (each author's name and account id).</li>
 * <li>{@code [Content_Types].xml}: without the {@code Override} of a dropped part; every {@code .rels} part: without
 * the relationships to a dropped part, so that the package holds no relationship to a part it lacks, which Office
 * calls corrupt.</li>
 * <li>Who commented or changed what becomes {@value #AUTHOR}, their initials {@value #INITIALS}, their accounts go;
 * when goes where the format lets it, else it becomes {@value #EARLIEST}: a Word document's text parts (body,
 * headers, footers, notes, comments, glossary: authors, initials, dates of comments and tracked changes), Excel's
 * comments (their list of authors), threaded comments' people ({@code xl/persons/}) and dates, who last refreshed
 * a pivot table and when, a shared workbook's revisions ({@code xl/revisions/}), who reserved a workbook
 * recommended read-only or with a password to modify it ({@code fileSharing}'s {@code userName}), PowerPoint's
 * comment authors ({@code ppt/commentAuthors.xml}, {@code ppt/authors.xml}) and comments' dates.</li>
 * <li>Dropped from their parts: the folder a workbook was last saved in ({@code x15ac:absPath} in
 * {@code xl/workbook.xml}, which names the user whose folder it is) and the ids of the sessions a Word document was
 * edited in ({@code w:rsids} in {@code word/settings.xml}); with their relationships, the template a Word document
 * is attached to and a mail merge's data source, which name files by their full path ({@link #SETTINGS_LINKS}).</li>
 * </ul>
 *
 * <p>OpenDocument: its thumbnail ({@code Thumbnails/}) is dropped and {@code META-INF/manifest.xml} no longer lists
 * it; in {@code content.xml} and {@code styles.xml} the creator of each annotation and tracked change becomes
 * {@value #AUTHOR}, its initials {@value #INITIALS} and its date {@value #EARLIEST} (which a tracked change
 * requires; {@code dc:} and {@code meta:} as every OpenDocument writer declares them); in {@code settings.xml} the
 * printer's name and its driver's data become empty.
 */
final class OfficeParts {

    static final String AUTHOR = "Author";
    static final String INITIALS = "A";
    /** A date that says nothing: the earliest a zip entry can have, which every entry is given. */
    static final String EARLIEST = "1980-01-01T00:00:00Z";
    /** An attribute's replacement that removes it. */
    private static final String REMOVED = "";

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\s+([^\\s=/>]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final Pattern NAME = Pattern.compile("<([^\\s/>]+)");

    /** Who reserved a workbook ({@code <fileSharing userName=...>}), which Excel shows to those who open it. */
    private static final Neutral FILE_SHARER = Neutral.attributes(Map.of("userName", AUTHOR));
    /** Office Open XML's parts that name people or trace them, by name, and what becomes of that. */
    private static final Map<Pattern, XmlTagFilter.Rule> PEOPLE = Map.ofEntries(
            Map.entry(Pattern.compile("word/(document|comments|commentsextensible|footnotes|endnotes|header\\d*"
                    + "|footer\\d*|glossary/document)\\.xml"), Neutral.attributes(Map.of("author", AUTHOR,
                    "initials", INITIALS, "date", REMOVED, "dateUtc", REMOVED))),
            // a threaded comment's legacy copy is written by "tc={its id}", which ties the two together
            Map.entry(Pattern.compile("xl/comments\\d*\\.xml"), new Neutral(Map.of(), Map.of("author",
                    author -> author.startsWith("tc={") ? author : AUTHOR))),
            Map.entry(Pattern.compile("xl/persons/person\\d*\\.xml"),
                    Neutral.attributes(Map.of("displayName", AUTHOR, "userId", REMOVED, "providerId", REMOVED))),
            Map.entry(Pattern.compile("xl/threadedcomments/[^/]+\\.xml"), Neutral.attributes(Map.of("dT", REMOVED))),
            // who last refreshed a pivot table, and when
            Map.entry(Pattern.compile("xl/pivotcache/pivotcachedefinition\\d*\\.xml"),
                    Neutral.attributes(Map.of("refreshedBy", REMOVED, "refreshedDate", REMOVED))),
            // a shared workbook's log of changes: who saved each revision and when, who shares it, who wrote a
            // comment in it (a revision's "name" elsewhere is a sheet's or a defined name's)
            Map.entry(Pattern.compile("xl/revisions/(revisionheaders|usernames)\\.xml"),
                    Neutral.attributes(Map.of("userName", AUTHOR, "name", AUTHOR, "dateTime", EARLIEST))),
            Map.entry(Pattern.compile("xl/revisions/revisionlog\\d*\\.xml"),
                    Neutral.attributes(Map.of("author", AUTHOR))),
            Map.entry(Pattern.compile("ppt/(commentauthors|authors)\\.xml"), Neutral.attributes(Map.of("name", AUTHOR,
                    "initials", INITIALS, "userId", AUTHOR, "providerId", "None"))),
            Map.entry(Pattern.compile("ppt/comments/[^/]+\\.xml"),
                    Neutral.attributes(Map.of("dt", REMOVED, "created", EARLIEST))),
            // the folder a workbook was last saved in (C:\Users\<name>\...), which Excel writes as the only choice
            // of an mc:AlternateContent; the choice is left empty, which Markup Compatibility allows: nothing is chosen
            // and who reserved it when it is recommended read-only or has a password to modify it: the name stays out
            // of the password's hash, which is of the password alone, so the protection holds
            Map.entry(Pattern.compile("xl/workbook\\.xml"), tag -> switch (localName(tag)) {
                case "absPath" -> null;
                case "fileSharing" -> FILE_SHARER.rewrite(tag);
                default -> tag;
            }),
            // the ids of the sessions a document was edited in, which tie it to others edited in the same ones (the
            // rsid attributes throughout the text stay, as Word reads them without the list), and the elements that
            // name the settings' links to files outside the document, which go with them (SETTINGS_LINKS)
            Map.entry(Pattern.compile("word/(glossary/)?settings\\.xml"),
                    without(Set.of("rsids", "attachedTemplate", "mailMerge"))));
    /** The relationships of a Word document's settings (and its glossary's), by name in lower case. */
    private static final Pattern SETTINGS_RELATIONSHIPS =
            Pattern.compile("word/(glossary/)?_rels/settings\\.xml\\.rels");
    /**
     * The types (the last segment of the URI, the same in transitional and strict) of the settings' relationships to
     * files outside the document that go: the template it is attached to ({@code w:attachedTemplate}) and a mail
     * merge's data and header sources ({@code w:dataSource}, {@code w:headerSource}, {@code w:odso}'s {@code w:src}),
     * which Word writes as the file's full path ({@code file:///C:\Users\<name>\...}). Every element that can name
     * one of them is dropped from the settings, the whole {@code w:mailMerge} with its connection string and query
     * (which name the same file), so that no element is left naming a relationship that went (an id a reader cannot
     * resolve). The mail merge's recipient data (which recipients were chosen) is a part of the package: its
     * relationship stays, unused, as a relationship nothing names is allowed.
     */
    private static final Set<String> SETTINGS_LINKS = Set.of("attachedTemplate", "mailMergeSource",
            "mailMergeHeaderSource");
    /** OpenDocument's annotations and tracked changes, in its content and in its styles' headers and footers. */
    private static final Neutral OPEN_DOCUMENT_PEOPLE = new Neutral(Map.of(), Map.of("dc:creator", always(AUTHOR),
            "dc:date", always(EARLIEST), "meta:creator-initials", always(INITIALS)));
    /**
     * OpenDocument's settings that name the printer a document was last set up for, and hold its driver's data
     * (which may name a user and a host): emptied, as LibreOffice writes them when there is no printer. The part
     * stays, with its view settings and the layout settings a document depends on ({@code PrinterIndependentLayout},
     * compatibility options), which a reader would otherwise take at defaults that can move its text.
     */
    private static final Set<String> PRINTER_SETTINGS = Set.of("PrinterName", "PrinterSetup", "PrintFaxName");
    private static final XmlTagFilter.Rule OPEN_DOCUMENT_SETTINGS = new XmlTagFilter.Rule() {
        @Override
        public String rewrite(String tag) {
            return tag;
        }

        @Override
        public UnaryOperator<String> content(String startTag) {
            return localName(startTag).equals("config-item")
                    && PRINTER_SETTINGS.contains(attribute(startTag, "config:name")) ? always("") : null;
        }
    };

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

    static boolean dropped(String part, boolean openDocument) {
        return openDocument ? part.equals("thumbnails") || part.startsWith("thumbnails/")
                : part.startsWith("customxml/") || part.startsWith("docprops/thumbnail.")
                        || part.equals("word/people.xml");
    }

    /** The rule its tags are rewritten by; null when the part is copied as it is. */
    static XmlTagFilter.Rule ruleFor(String part, boolean openDocument) {
        if (openDocument) {
            if (part.equals("meta-inf/manifest.xml")) {
                return OfficeParts::manifestEntry;
            }
            if (part.equals("settings.xml") || part.endsWith("/settings.xml")) { // an embedded object's too
                return OPEN_DOCUMENT_SETTINGS;
            }
            return part.equals("content.xml") || part.equals("styles.xml") ? OPEN_DOCUMENT_PEOPLE : null;
        }
        if (part.equals("[content_types].xml")) {
            return OfficeParts::contentType;
        }
        if (part.endsWith(".rels")) {
            String folder = part.contains("_rels/") ? part.substring(0, part.lastIndexOf("_rels/")) : "";
            boolean settings = SETTINGS_RELATIONSHIPS.matcher(part).matches();
            return tag -> settings && isSettingsLink(tag) ? null : relationship(tag, folder);
        }
        return PEOPLE.entrySet().stream().filter(people -> people.getKey().matcher(part).matches())
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * Attributes (by local name) whose values are replaced, or removed where the replacement is {@link #REMOVED}, and
     * elements (by qualified name) whose text is replaced.
     */
    private record Neutral(Map<String, String> attributes, Map<String, UnaryOperator<String>> elements)
            implements XmlTagFilter.Rule {

        static Neutral attributes(Map<String, String> attributes) {
            return new Neutral(attributes, Map.of());
        }

        @Override
        public String rewrite(String tag) {
            if (tag.indexOf('=') < 0 || attributes.isEmpty()) {
                return tag;
            }
            StringBuilder rewritten = new StringBuilder(tag.length());
            Matcher attribute = ATTRIBUTE.matcher(tag);
            int copied = 0;
            while (attribute.find()) {
                String name = attribute.group(1);
                String value = attributes.get(name.substring(name.indexOf(':') + 1));
                if (value != null) {
                    rewritten.append(tag, copied, attribute.start());
                    if (!value.equals(REMOVED)) {
                        rewritten.append(' ').append(name).append("=\"").append(value).append('"');
                    }
                    copied = attribute.end();
                }
            }
            return copied == 0 ? tag : rewritten.append(tag, copied, tag.length()).toString();
        }

        @Override
        public UnaryOperator<String> content(String startTag) {
            Matcher name = NAME.matcher(startTag);
            return name.lookingAt() ? elements.get(name.group(1)) : null;
        }
    }

    /** Drops the elements of these local names with all they hold. */
    private static XmlTagFilter.Rule without(Set<String> localNames) {
        return tag -> localNames.contains(localName(tag)) ? null : tag;
    }

    private static boolean isSettingsLink(String tag) {
        String type = localName(tag).equals("Relationship") ? attribute(tag, "Type") : null;
        return type != null && SETTINGS_LINKS.contains(type.substring(type.lastIndexOf('/') + 1));
    }

    private static UnaryOperator<String> always(String text) {
        return held -> text;
    }

    private static String manifestEntry(String tag) {
        if (!localName(tag).equals("file-entry")) {
            return tag;
        }
        String path = attribute(tag, "manifest:full-path");
        return path != null && dropped(normalized(path), true) ? null : tag;
    }

    private static String contentType(String tag) {
        if (!localName(tag).equals("Override")) {
            return tag;
        }
        String partName = attribute(tag, "PartName");
        return partName != null && dropped(normalized(partName), false) ? null : tag;
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
        return dropped(normalized(resolved), false) ? null : tag;
    }

    private static String localName(String tag) {
        Matcher name = NAME.matcher(tag);
        if (!name.lookingAt()) {
            return "";
        }
        String qualified = name.group(1);
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    /** The value of the attribute named {@code name}, prefix and all, its character references unresolved. */
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
