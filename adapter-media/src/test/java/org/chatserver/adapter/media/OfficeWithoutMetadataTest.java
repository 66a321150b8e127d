package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OfficeWithoutMetadataTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final List<String> PROPERTIES = List.of("docProps/core.xml", "docProps/app.xml",
            "docProps/custom.xml");
    /** Parts whose tags are rewritten, deflated again even when nothing in them changed. */
    private static final List<String> REWRITTEN = List.of("[Content_Types].xml", "word/document.xml");

    private static final TikaMediaInspector INSPECTOR = Inspectors.standard();

    @TempDir
    Path folder;

    @AfterAll
    static void close() {
        INSPECTOR.close();
    }

    static byte[] cleaned(byte[] file) {
        return cleaned(file, DOCX);
    }

    static byte[] cleaned(byte[] file, String type) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = INSPECTOR
                    .withoutMetadata(new ByteArrayInputStream(file), type).orElseThrow()) {
                return in.readAllBytes();
            }
        });
    }

    @Test
    void aDocxLosesItsAuthorCompanyDatesAndCustomPropertiesAndKeepsEverythingElse() throws IOException {
        byte[] docx = Samples.docxWithProperties();

        byte[] stored = cleaned(docx);

        Map<String, byte[]> before = readWithZipFile(docx);
        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(after.keySet()).as("the entries, in order").containsExactlyElementsOf(before.keySet());
        assertThat(Samples.unzip(stored)).as("read as a stream").containsExactlyEntriesOf(after);
        for (String name : before.keySet()) {
            if (!PROPERTIES.contains(name)) {
                assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
            }
        }
        String properties = text(after.get("docProps/core.xml")) + text(after.get("docProps/app.xml"))
                + text(after.get("docProps/custom.xml"));
        assertThat(properties).doesNotContain(Samples.AUTHOR).doesNotContain(Samples.COMPANY)
                .doesNotContain("Lumbergh").doesNotContain("2026").doesNotContain("Normal.dotm")
                .contains("<cp:coreProperties").contains("extended-properties\"").contains("custom-properties\"");
        assertThat(INSPECTOR.detectType(new ByteArrayInputStream(stored), "letter.docx")).isEqualTo(DOCX);
        assertThat(cleaned(docx)).as("the same each time").isEqualTo(stored);
    }

    /**
     * Word keeps who commented and who changed what, and when, in the text's own parts, names the reviewers and their
     * accounts in {@code word/people.xml}, keeps a picture of the first page and a company's custom XML. Authors become
     * "Author", dates go, those parts go with every mention of them; the text, the comment and the changes stay.
     */
    @Test
    void aReviewedDocxLosesWhoReviewedItWhenItsThumbnailAndCustomXml() throws IOException {
        byte[] docx = Samples.docxWithReview();

        byte[] stored = cleaned(docx);

        Map<String, byte[]> before = readWithZipFile(docx);
        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(Samples.unzip(stored)).as("read as a stream").containsExactlyEntriesOf(after);
        assertThat(after.keySet()).containsExactly("[Content_Types].xml", "_rels/.rels",
                "word/_rels/document.xml.rels", "word/document.xml", "word/comments.xml", "word/header1.xml",
                "word/styles.xml");
        String reviewer = Samples.REVIEWER;
        for (String part : List.of("word/document.xml", "word/comments.xml", "word/header1.xml")) {
            String expected = text(before.get(part)).replace("w:author=\"" + reviewer + "\"", "w:author=\"Author\"")
                    .replace("w:author='" + reviewer + "'", "w:author=\"Author\"")
                    .replace(" w:date=\"2026-12-05T09:30:00Z\"", "").replace("w:initials=\"RR\"", "w:initials=\"A\"");
            assertThat(text(after.get(part))).as(part).isEqualTo(expected);
        }
        assertThat(after.get("word/styles.xml")).isEqualTo(before.get("word/styles.xml"));
        String everything = text(stored) + after.values().stream().map(OfficeWithoutMetadataTest::text)
                .collect(Collectors.joining());
        assertThat(everything).doesNotContain(reviewer).doesNotContain(Samples.REVIEWER_ACCOUNT)
                .doesNotContain("2026-12-05").doesNotContain("customXml").doesNotContain("thumbnail")
                .doesNotContain("relationships/people").doesNotContain("people+xml");
        assertThat(text(after.get("word/_rels/document.xml.rels"))).as("an external link is no part")
                .contains("Target=\"https://example.org/people.xml\" TargetMode=\"External\"");
        assertConsistent(after);
        assertThat(cleaned(stored)).as("cleaned again").isEqualTo(stored);
    }

    /**
     * Excel names who wrote each note in the comments' list of authors, and who wrote each threaded comment, with their
     * account, in its list of people; PowerPoint who wrote each comment in its lists of comment authors, the modern
     * one with their account; both keep when. Names become "Author", initials "A", accounts go (PowerPoint's, which
     * it needs, become a local one), dates go (a modern comment's, which it needs, becomes the earliest a zip entry
     * can have); the author that ties a threaded comment's legacy copy to it ("tc={its id}") stays, as do the
     * comments themselves, and every other part is as it was.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewedOfficeOpenXml")
    void aReviewedSpreadsheetOrPresentationLosesWhoReviewedItWhenItsThumbnailAndCustomXml(String what, byte[] file,
            List<String> parts, Map<String, List<String>> replaced) throws IOException {
        byte[] stored = cleaned(file);

        Map<String, byte[]> before = readWithZipFile(file);
        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(after.keySet()).containsExactlyElementsOf(parts);
        for (String part : parts) {
            String expected = text(before.get(part));
            List<String> replacements = replaced.getOrDefault(part, List.of());
            for (int i = 0; i < replacements.size(); i += 2) {
                expected = expected.replace(replacements.get(i), replacements.get(i + 1));
            }
            assertThat(text(after.get(part))).as(part).isEqualTo(expected);
        }
        assertWithoutReviewer(stored, after);
        assertConsistent(after);
        assertThat(cleaned(stored)).as("cleaned again").isEqualTo(stored);
    }

    static Stream<Arguments> reviewedOfficeOpenXml() {
        String reviewer = Samples.REVIEWER;
        String date = Samples.REVIEW_DATE;
        return Stream.of(
                Arguments.of("xlsx", Samples.xlsxWithReview(), List.of("[Content_Types].xml", "_rels/.rels",
                        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                        "xl/worksheets/_rels/sheet1.xml.rels", "xl/comments1.xml",
                        "xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml"), Map.of(
                        "[Content_Types].xml", COMPANY_TYPES,
                        "_rels/.rels", THUMBNAIL_RELATIONSHIP,
                        "xl/_rels/workbook.xml.rels", List.of(customXmlRelationship("rId3"), ""),
                        "xl/comments1.xml", List.of("<author>" + reviewer + "</author>", "<author>Author</author>"),
                        "xl/threadedComments/threadedComment1.xml", List.of(" dT=\"" + date + ".00\"", ""),
                        "xl/persons/person.xml", List.of("displayName=\"" + reviewer + "\"", "displayName=\"Author\"",
                                " userId=\"" + Samples.REVIEWER_ACCOUNT + "\" providerId=\"AD\"", ""))),
                Arguments.of("pptx", Samples.pptxWithReview(), List.of("[Content_Types].xml", "_rels/.rels",
                        "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "ppt/slides/slide1.xml",
                        "ppt/slides/_rels/slide1.xml.rels", "ppt/commentAuthors.xml", "ppt/comments/comment1.xml",
                        "ppt/authors.xml", "ppt/comments/modernComment_100_1A2B3C4D.xml"), Map.of(
                        "[Content_Types].xml", COMPANY_TYPES,
                        "_rels/.rels", THUMBNAIL_RELATIONSHIP,
                        "ppt/_rels/presentation.xml.rels", List.of(customXmlRelationship("rId4"), ""),
                        "ppt/commentAuthors.xml", List.of("name=\"" + reviewer + "\" initials=\"RR\"",
                                "name=\"Author\" initials=\"A\""),
                        "ppt/authors.xml", List.of("name=\"" + reviewer + "\" initials=\"RR\" userId=\""
                                + Samples.REVIEWER_ACCOUNT + "\" providerId=\"AD\"",
                                "name=\"Author\" initials=\"A\" userId=\"Author\" providerId=\"None\""),
                        "ppt/comments/comment1.xml", List.of(" dt=\"" + date + ".000\"", ""),
                        "ppt/comments/modernComment_100_1A2B3C4D.xml", List.of("created=\"" + date + ".123\"",
                                "created=\"1980-01-01T00:00:00Z\""))));
    }

    /** What goes from the content types with a company's custom XML: its Override (a Default names no part). */
    private static final List<String> COMPANY_TYPES = List.of("<Override PartName=\"/customXml/itemProps1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".customXmlProperties+xml\"/>", "");
    private static final List<String> THUMBNAIL_RELATIONSHIP = List.of("<Relationship Id=\"rId3\" Type=\"http://"
            + "schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail\" Target=\"docProps/thumbnail.jpeg\"/>",
            "");

    private static String customXmlRelationship(String id) {
        return "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/customXml\" Target=\"../customXml/item1.xml\"/>";
    }

    /**
     * Excel also keeps who last refreshed a pivot table and when, and a shared workbook's log of who saved each
     * revision, when, and who wrote a comment in it; they become "Author" (dates the earliest where required, gone
     * where not), a sheet's or a defined name's name in the log stays.
     */
    @Test
    void anExcelPivotCacheAndSharedWorkbookRevisionsLoseWhoRefreshedAndChangedThem() throws IOException {
        String main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
        String who = Samples.REVIEWER;
        byte[] xlsx = new ZipBuilder().deflated("xl/pivotCache/pivotCacheDefinition1.xml", "<pivotCacheDefinition "
                        + main + " refreshedBy=\"" + who + "\" refreshedDate=\"46361.396\" recordCount=\"2\"/>")
                .deflated("xl/revisions/revisionHeaders.xml", "<headers " + main + "><header guid=\"{1}\" "
                        + "dateTime=\"2026-12-05T09:30:00\" maxSheetId=\"2\" userName=\"" + who + "\"/></headers>")
                .deflated("xl/revisions/userNames.xml", "<users " + main + "><userInfo guid=\"{2}\" name=\"" + who
                        + "\" id=\"7\" dateTime=\"2026-12-05T09:30:00\"/></users>")
                .deflated("xl/revisions/revisionLog1.xml", "<revisions " + main + "><rcmt sheetId=\"1\" cell=\"B2\" "
                        + "guid=\"{3}\" action=\"add\" author=\"" + who + "\"/><rdn rId=\"2\" name=\"Totals\"/>"
                        + "<ris rId=\"3\" sheetId=\"2\" name=\"Q4 figures\"/></revisions>")
                .build();

        Map<String, byte[]> after = readWithZipFile(cleaned(xlsx));

        assertThat(text(after.get("xl/pivotCache/pivotCacheDefinition1.xml"))).isEqualTo("<pivotCacheDefinition "
                + main + " recordCount=\"2\"/>");
        assertThat(text(after.get("xl/revisions/revisionHeaders.xml"))).isEqualTo("<headers " + main + "><header "
                + "guid=\"{1}\" dateTime=\"1980-01-01T00:00:00Z\" maxSheetId=\"2\" userName=\"Author\"/></headers>");
        assertThat(text(after.get("xl/revisions/userNames.xml"))).isEqualTo("<users " + main + "><userInfo "
                + "guid=\"{2}\" name=\"Author\" id=\"7\" dateTime=\"1980-01-01T00:00:00Z\"/></users>");
        assertThat(text(after.get("xl/revisions/revisionLog1.xml"))).isEqualTo("<revisions " + main + "><rcmt "
                + "sheetId=\"1\" cell=\"B2\" guid=\"{3}\" action=\"add\" author=\"Author\"/><rdn rId=\"2\" "
                + "name=\"Totals\"/><ris rId=\"3\" sheetId=\"2\" name=\"Q4 figures\"/></revisions>");
    }

    /**
     * Excel writes the folder a workbook was last saved in, which names the user whose folder it is, as the only choice
     * of a markup compatibility block; the folder goes, the block stays with its choice empty (nothing is chosen), and
     * the rest of the workbook is as it was.
     */
    @Test
    void anExcelWorkbookLosesTheFolderItWasLastSavedIn() throws IOException {
        String absPath = "<x15ac:absPath url=\"C:\\Users\\" + SAVER + "\\Documents\\Budget\\\" "
                + "xmlns:x15ac=\"http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac\"/>";
        String workbook = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" \
                xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">\
                <fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr/>\
                <mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">\
                <mc:Choice Requires="x15">%s</mc:Choice></mc:AlternateContent><bookViews><workbookView/></bookViews>\
                <sheets><sheet name="Q4 figures" sheetId="1"/></sheets></workbook>""";
        byte[] xlsx = new ZipBuilder().deflated("xl/workbook.xml", workbook.formatted(absPath)).build();

        byte[] stored = cleaned(xlsx);

        assertThat(text(readWithZipFile(stored).get("xl/workbook.xml"))).isEqualTo(workbook.formatted(""));
    }

    /**
     * Excel names who reserved a workbook recommended read-only or with a password to modify it, and shows the name to
     * whoever opens it; the name becomes Author, the password's hash (of the password alone) and the recommendation
     * stay, so the workbook is as protected as it was.
     */
    @Test
    void anExcelWorkbookNoLongerNamesWhoReservedIt() throws IOException {
        String workbook = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<fileVersion appName=\"xl\"/><fileSharing readOnlyRecommended=\"1\" userName=\"%s\" "
                + "algorithmName=\"SHA-512\" hashValue=\"q1w2e3==\" saltValue=\"r4t5==\" spinCount=\"100000\"/>"
                + "<workbookPr/><sheets><sheet name=\"Q4 figures\" sheetId=\"1\"/></sheets></workbook>";
        byte[] xlsx = new ZipBuilder().deflated("xl/workbook.xml", workbook.formatted(SAVER)).build();

        byte[] stored = cleaned(xlsx);

        assertThat(text(readWithZipFile(stored).get("xl/workbook.xml"))).isEqualTo(workbook.formatted("Author"));
    }

    /**
     * Word lists the ids of the sessions a document was edited in, which tie it to other documents edited in the
     * same ones, in its settings (and its glossary's); the list goes, every other setting stays, and so do the ids
     * on the text's paragraphs and runs, which the list does not name.
     */
    @Test
    void aWordDocumentLosesTheListOfItsEditingSessions() throws IOException {
        String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        String settings = "<w:settings " + w + "><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>%s"
                + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/"
                + "office/word\" w:val=\"15\"/></w:compat></w:settings>";
        String rsids = "<w:rsids><w:rsidRoot w:val=\"00A1B2C3\"/><w:rsid w:val=\"00A1B2C3\"/>"
                + "<w:rsid w:val=\"00D4E5F6\"/></w:rsids>";
        String document = "<w:document " + w + "><w:body><w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00D4E5F6\">"
                + "<w:r w:rsidR=\"00D4E5F6\"><w:t>Hello</w:t></w:r></w:p></w:body></w:document>";
        byte[] docx = new ZipBuilder().deflated("word/document.xml", document)
                .deflated("word/settings.xml", settings.formatted(rsids))
                .deflated("word/glossary/settings.xml", settings.formatted(rsids)).build();

        Map<String, byte[]> after = readWithZipFile(cleaned(docx));

        assertThat(text(after.get("word/settings.xml"))).isEqualTo(settings.formatted(""));
        assertThat(text(after.get("word/glossary/settings.xml"))).isEqualTo(settings.formatted(""));
        assertThat(text(after.get("word/document.xml"))).isEqualTo(document);
    }

    /**
     * Word names the template a document is attached to, and a mail merge's data and header sources, by their full
     * path (which names the user whose folder it is), as relationships of its settings that its settings' elements
     * name by id. Those relationships go with every element that names them, the mail merge with its connection
     * string and query (which name the same file): no element is left naming a relationship that went. The mail
     * merge's recipient data, a part of the package, and every other setting stay; the glossary's likewise.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            "http://purl.oclc.org/ooxml/officeDocument/relationships"})
    void aWordDocumentLosesTheTemplateAndMailMergeSourceItNamesByTheirPath(String relationships)
            throws IOException {
        String folder = "C:\\Users\\" + SAVER + "\\";
        String settings = "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                + "xmlns:r=\"" + relationships + "\"><w:zoom w:percent=\"100\"/>%s<w:defaultTabStop w:val=\"720\"/>"
                + "%s<w:compat/></w:settings>";
        String template = "<w:attachedTemplate r:id=\"rId1\"/>";
        String mailMerge = "<w:mailMerge><w:mainDocumentType w:val=\"formLetters\"/><w:linkToQuery/>"
                + "<w:dataType w:val=\"native\"/><w:connectString w:val=\"Provider=Microsoft.ACE.OLEDB.12.0;"
                + "User ID=Admin;Data Source=" + folder + "Documents\\Guests.xlsx;Mode=Read\"/>"
                + "<w:query w:val=\"SELECT * FROM `Sheet1$` \"/><w:dataSource r:id=\"rId2\"/>"
                + "<w:headerSource r:id=\"rId5\"/><w:viewMergedData/><w:odso><w:table w:val=\"Sheet1$\"/>"
                + "<w:src r:id=\"rId3\"/><w:fHdr/><w:recipientData r:id=\"rId4\"/></w:odso></w:mailMerge>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">%s</Relationships>";
        String recipientData = "<Relationship Id=\"rId4\" Type=\"" + relationships + "/recipientData\" "
                + "Target=\"recipientData.xml\"/>";
        String templateLink = link("rId1", relationships + "/attachedTemplate",
                folder + "AppData\\Roaming\\Microsoft\\Templates\\Letterhead.dotx");
        String sources = link("rId2", relationships + "/mailMergeSource", folder + "Documents\\Guests.xlsx")
                + link("rId3", relationships + "/mailMergeSource", folder + "Documents\\Guests.xlsx");
        String headerSource = link("rId5", relationships + "/mailMergeHeaderSource",
                folder + "Documents\\Header.docx");
        byte[] docx = new ZipBuilder()
                .deflated("[Content_Types].xml", "<Types><Override PartName=\"/word/recipientData.xml\"/></Types>")
                .deflated("word/document.xml", "<w:document/>")
                .deflated("word/settings.xml", settings.formatted(template, mailMerge))
                .deflated("word/_rels/settings.xml.rels",
                        rels.formatted(templateLink + sources + recipientData + headerSource))
                .deflated("word/recipientData.xml", "<w:recipients/>")
                .deflated("word/glossary/settings.xml", settings.formatted(template, ""))
                .deflated("word/glossary/_rels/settings.xml.rels", rels.formatted(templateLink)).build();

        byte[] stored = cleaned(docx);

        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(text(after.get("word/settings.xml"))).isEqualTo(settings.formatted("", ""));
        assertThat(text(after.get("word/_rels/settings.xml.rels"))).isEqualTo(rels.formatted(recipientData));
        assertThat(text(after.get("word/glossary/settings.xml"))).isEqualTo(settings.formatted("", ""));
        assertThat(text(after.get("word/glossary/_rels/settings.xml.rels"))).isEqualTo(rels.formatted(""));
        assertThat(after.get("word/recipientData.xml")).isEqualTo("<w:recipients/>".getBytes(StandardCharsets.UTF_8));
        assertThat(text(stored) + after.values().stream().map(OfficeWithoutMetadataTest::text)
                .collect(Collectors.joining())).doesNotContain(SAVER);
        assertConsistent(after);
        assertThat(cleaned(stored)).as("cleaned again").isEqualTo(stored);
    }

    /** An external relationship to a local file, as Word writes one. */
    private static String link(String id, String type, String path) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"file:///" + path
                + "\" TargetMode=\"External\"/>";
    }

    /**
     * LibreOffice keeps the name of the printer a document was last set up for, and its driver's data (which may
     * name a user and a host), in its settings, an embedded object's too; they become empty, as LibreOffice writes
     * them when there is no printer, and the view and layout settings stay.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "spreadsheet", "presentation"})
    void anOpenDocumentLosesThePrinterItWasSetUpFor(String kind) throws IOException {
        String type = "application/vnd.oasis.opendocument." + kind;
        String driverData = Base64.getEncoder().encodeToString(("HP LaserJet 4\0" + SAVER + "@" + SAVER
                + "-laptop\0PPD;COPIES=1").getBytes(StandardCharsets.UTF_8));
        String settings = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings>\
                <config:config-item-set config:name="ooo:view-settings"><config:config-item config:name="ViewAreaTop" \
                config:type="long">0</config:config-item></config:config-item-set>\
                <config:config-item-set config:name="ooo:configuration-settings">\
                <config:config-item config:name="PrinterName" config:type="string">%s</config:config-item>\
                <config:config-item config:name="PrintFaxName" config:type="string">%s</config:config-item>\
                <config:config-item config:name="PrinterSetup" config:type="base64Binary">%s</config:config-item>\
                <config:config-item config:name="PrinterIndependentLayout" config:type="string">high-resolution\
                </config:config-item></config:config-item-set></office:settings></office:document-settings>""";
        String printed = settings.formatted("HP LaserJet 4 on " + SAVER + "-laptop", "Fax on " + SAVER + "-laptop",
                driverData);
        byte[] document = new ZipBuilder().stored("mimetype", type).deflated("content.xml", "<office:text/>")
                .deflated("settings.xml", printed).deflated("Object 1/settings.xml", printed).build();

        byte[] stored = cleaned(document, type);

        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(text(after.get("settings.xml"))).isEqualTo(settings.formatted("", "", ""));
        assertThat(text(after.get("Object 1/settings.xml"))).isEqualTo(settings.formatted("", "", ""));
    }

    /** Who last saved a document in a folder of their own and printed it, by their account's name. */
    private static final String SAVER = "alice.smith";

    /**
     * LibreOffice keeps who wrote each annotation (comment), with their initials and when, and who made each tracked
     * change and when, in the content; and a picture of the first page, which the manifest lists. Names become
     * "Author", initials "A", dates (which a change needs) the earliest a zip entry can have; the thumbnail goes
     * with its manifest entry; the mimetype stays first and stored.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "spreadsheet", "presentation"})
    void aReviewedOpenDocumentLosesWhoReviewedItWhenAndItsThumbnail(String kind) throws IOException {
        String type = "application/vnd.oasis.opendocument." + kind;
        byte[] document = Samples.openDocumentWithReview(type);

        byte[] stored = cleaned(document, type);

        Map<String, byte[]> before = readWithZipFile(document);
        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(after.keySet()).containsExactly("mimetype", "content.xml", "meta.xml", "META-INF/manifest.xml");
        assertThat(Arrays.copyOfRange(stored, 30, 38 + type.length())).as("the first entry, its name and content")
                .isEqualTo(Samples.ascii("mimetype" + type));
        String reviewer = Samples.REVIEWER;
        String date = Samples.REVIEW_DATE;
        assertThat(text(after.get("content.xml"))).isEqualTo(text(before.get("content.xml"))
                .replace("<dc:creator>" + reviewer + "</dc:creator>", "<dc:creator>Author</dc:creator>")
                .replace("<dc:date>" + date + ".123456789</dc:date>", "<dc:date>1980-01-01T00:00:00Z</dc:date>")
                .replace("<dc:date>" + date + "</dc:date>", "<dc:date>1980-01-01T00:00:00Z</dc:date>")
                .replace("<meta:creator-initials>RR<", "<meta:creator-initials>A<"))
                .contains("Please check these numbers.");
        assertThat(text(after.get("META-INF/manifest.xml"))).isEqualTo(text(before.get("META-INF/manifest.xml"))
                .replace("<manifest:file-entry manifest:full-path=\"Thumbnails/thumbnail.png\" "
                        + "manifest:media-type=\"image/png\"/>", ""));
        assertWithoutReviewer(stored, after);
        Matcher listed = Pattern.compile("manifest:full-path=\"([^\"]+)\"").matcher(text(after.get("META-INF/manifest.xml")));
        while (listed.find()) {
            if (!listed.group(1).equals("/")) {
                assertThat(after).as("the manifest lists " + listed.group(1)).containsKey(listed.group(1));
            }
        }
        assertThat(cleaned(stored, type)).as("cleaned again").isEqualTo(stored);
    }

    /** An element whose text is replaced loses all it held, markup and comments too; its neighbours stay. */
    @Test
    void anElementWhoseTextIsReplacedLosesAllItHeld() throws IOException {
        String odt = "application/vnd.oasis.opendocument.text";
        byte[] document = new ZipBuilder().stored("mimetype", odt).deflated("styles.xml", "<office:annotation>"
                + "<dc:creator><!-- " + Samples.REVIEWER + " --><x>" + Samples.REVIEWER + "</x><![CDATA[RR]]>"
                + "</dc:creator><dc:creator/><text:p>Draft</text:p></office:annotation>").build();

        Map<String, byte[]> after = readWithZipFile(cleaned(document, odt));

        assertThat(text(after.get("styles.xml"))).isEqualTo("<office:annotation><dc:creator>Author</dc:creator>"
                + "<dc:creator/><text:p>Draft</text:p></office:annotation>");
    }

    /** Neither the reviewer, their account, the day they reviewed nor the dropped parts appear anywhere. */
    private static void assertWithoutReviewer(byte[] stored, Map<String, byte[]> parts) {
        String everything = text(stored) + parts.values().stream().map(OfficeWithoutMetadataTest::text)
                .collect(Collectors.joining());
        assertThat(everything).doesNotContain(Samples.REVIEWER).doesNotContain(Samples.REVIEWER_ACCOUNT)
                .doesNotContain("2026-12-05").doesNotContain("customXml").doesNotContain("thumbnail")
                .doesNotContain("\"RR\"").doesNotContain(">RR<");
    }

    /**
     * Each relationship points at a part the package holds, each relationship id a part names is in its relationships,
     * each content type override names one.
     */
    private static void assertConsistent(Map<String, byte[]> parts) {
        Pattern target = Pattern.compile("<Relationship [^>]*?Target=\"([^\"]+)\"(?![^>]*TargetMode=\"External\")");
        for (String part : parts.keySet()) {
            if (part.endsWith(".rels")) {
                String folder = part.substring(0, part.lastIndexOf("_rels/"));
                Matcher relationship = target.matcher(text(parts.get(part)));
                while (relationship.find()) {
                    String resolved = Path.of("/" + folder + relationship.group(1)).normalize().toString().substring(1);
                    assertThat(parts).as(part + " points at " + relationship.group(1)).containsKey(resolved);
                }
            }
        }
        Pattern reference = Pattern.compile("\\sr:(?:id|embed|link)=\"([^\"]+)\"");
        for (String part : parts.keySet()) {
            int slash = part.lastIndexOf('/') + 1;
            byte[] rels = parts.get(part.substring(0, slash) + "_rels/" + part.substring(slash) + ".rels");
            Matcher id = reference.matcher(text(parts.get(part)));
            while (id.find()) {
                assertThat(rels == null ? "" : text(rels)).as(part + " names relationship " + id.group(1))
                        .contains("Id=\"" + id.group(1) + "\"");
            }
        }
        Matcher override = Pattern.compile("<Override PartName=\"/([^\"]+)\"").matcher(text(parts.get("[Content_Types].xml")));
        while (override.find()) {
            assertThat(parts).as("the content types name " + override.group(1)).containsKey(override.group(1));
        }
    }

    /** What was cleaned once has nothing left to remove: it is stored byte for byte. */
    @Test
    void aDocumentCleanedOnceIsStoredAsItIs() {
        byte[] once = cleaned(Samples.docxWithProperties());

        assertThat(cleaned(once)).isEqualTo(once);
    }

    /** Entries with their sizes before their data, stored or deflated, ZIP64 or not: their bytes are copied. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void everyOtherEntrysCompressedBytesAreCopiedAsTheyAre(String what, ZipBuilder builder) throws IOException {
        builder.stored("[Content_Types].xml", "<Types/>").deflated("word/document.xml", "<w:t>Hello</w:t>".repeat(50))
                .deflated("docProps/core.xml", "<dc:creator>" + Samples.AUTHOR + "</dc:creator>")
                .stored("docProps/app.xml", "<Company>" + Samples.COMPANY + "</Company>")
                .deflated("word/media/image1.png", "not really a picture".repeat(20)).comment(Samples.AUTHOR);
        byte[] zip = builder.build();

        byte[] stored = cleaned(zip);

        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(Samples.unzip(stored)).containsExactlyEntriesOf(after);
        for (ZipBuilder.Written entry : builder.entries()) {
            if (!PROPERTIES.contains(entry.name())) {
                assertThat(after.get(entry.name())).as(entry.name()).isEqualTo(entry.data());
            }
            if (!PROPERTIES.contains(entry.name()) && !REWRITTEN.contains(entry.name())) {
                assertThat(indexOf(stored, entry.compressed())).as(entry.name() + "'s compressed bytes")
                        .isNotNegative();
            }
        }
        assertThat(text(stored)).as("the file as stored").doesNotContain(Samples.AUTHOR)
                .doesNotContain(Samples.COMPANY).doesNotContain("a note.");
    }

    /** The same whether a part to rewrite or drop is stored or deflated, its sizes before or after it, ZIP64 or not. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void partsAreRewrittenAndDroppedHoweverTheyAreWritten(String what, ZipBuilder builder) throws IOException {
        String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        builder.stored("[Content_Types].xml", "<Types><Override PartName=\"/customXml/itemProps1.xml\"/></Types>")
                .stored("docProps/thumbnail.jpeg", "a picture of the first page")
                .deflated("word/document.xml", ("<w:document " + w + "><w:ins w:author=\"" + Samples.REVIEWER
                        + "\" w:date=\"2026-12-05T09:30:00Z\"><w:t>Hello</w:t></w:ins>").repeat(2000) + "</w:document>")
                .deflated("customXml/item1.xml", "<owner>" + Samples.REVIEWER_ACCOUNT + "</owner>".repeat(100))
                .stored("word/comments.xml", "<w:comments " + w + "><w:comment w:author=\"" + Samples.REVIEWER
                        + "\" w:initials=\"RR\"/></w:comments>")
                .deflated("word/media/image1.png", "not really a picture".repeat(20));
        byte[] zip = builder.build();

        byte[] stored = cleaned(zip);

        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(Samples.unzip(stored)).containsExactlyEntriesOf(after);
        assertThat(after.keySet()).containsExactly("[Content_Types].xml", "word/document.xml", "word/comments.xml",
                "word/media/image1.png");
        assertThat(text(after.get("[Content_Types].xml"))).isEqualTo("<Types></Types>");
        assertThat(text(after.get("word/document.xml"))).isEqualTo(("<w:document " + w
                + "><w:ins w:author=\"Author\"><w:t>Hello</w:t></w:ins>").repeat(2000) + "</w:document>");
        assertThat(text(after.get("word/comments.xml"))).isEqualTo("<w:comments " + w
                + "><w:comment w:author=\"Author\" w:initials=\"A\"/></w:comments>");
        assertThat(indexOf(stored, builder.entries().get(5).compressed())).as("the picture's compressed bytes")
                .isNotNegative();
        assertThat(text(stored)).doesNotContain(Samples.REVIEWER_ACCOUNT).doesNotContain("first page");
        assertThat(cleaned(stored)).as("cleaned again").isEqualTo(stored);
    }

    static Stream<Arguments> builders() {
        return Stream.of(
                Arguments.of("sizes in the local headers", new ZipBuilder()),
                Arguments.of("sizes after the data", new ZipBuilder().described(true)),
                Arguments.of("sizes after the data, no signature", new ZipBuilder().described(false)),
                Arguments.of("ZIP64", new ZipBuilder().zip64()),
                Arguments.of("ZIP64, sizes after the data", new ZipBuilder().zip64().described(true)));
    }

    @Test
    void anOpenDocumentLosesItsMetaAndKeepsItsMimetypeFirstAndStored() throws IOException {
        ZipBuilder builder = new ZipBuilder().stored("mimetype", "application/vnd.oasis.opendocument.text")
                .deflated("content.xml", "<office:text>Hello</office:text>")
                .deflated("meta.xml", "<meta:initial-creator>" + Samples.AUTHOR + "</meta:initial-creator>");
        byte[] odt = builder.build();

        byte[] stored;
        try (InputStream in = INSPECTOR
                .withoutMetadata(new ByteArrayInputStream(odt), "application/vnd.oasis.opendocument.text")
                .orElseThrow()) {
            stored = in.readAllBytes();
        }

        assertThat(Arrays.copyOfRange(stored, 30, 38 + 39)).as("the first entry, its name and content")
                .isEqualTo(Samples.ascii("mimetypeapplication/vnd.oasis.opendocument.text"));
        Map<String, byte[]> after = readWithZipFile(stored);
        assertThat(text(after.get("meta.xml"))).doesNotContain(Samples.AUTHOR).contains("<office:meta/>");
        assertThat(text(after.get("content.xml"))).isEqualTo("<office:text>Hello</office:text>");
    }

    /** Cut anywhere, a document is refused saying so, never stored broken; in a part it rewrites or drops too. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"with properties", "reviewed"})
    void aDocumentCutShortAnywhereIsRefused(String which) {
        byte[] docx = which.equals("reviewed") ? Samples.docxWithReview() : Samples.docxWithProperties();

        for (int length = 0; length < docx.length; length++) {
            byte[] cut = Arrays.copyOf(docx, length);
            assertThatThrownBy(() -> cleaned(cut)).as("cut at " + length).isInstanceOf(FileRefusedException.class)
                    .hasMessageStartingWith("Document could not be read to remove its metadata: ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aDocumentThatLiesIsRefusedSayingWhy(String what, byte[] zip, String why) {
        assertThatThrownBy(() -> cleaned(zip)).as(what).isInstanceOf(FileRefusedException.class)
                .hasMessage("Document could not be read to remove its metadata: " + why);
    }

    static Stream<Arguments> hostile() {
        ZipBuilder builder = new ZipBuilder().stored("[Content_Types].xml", "<Types/>")
                .deflated("docProps/core.xml", "<dc:creator>" + Samples.AUTHOR + "</dc:creator>")
                .deflated("word/styles.xml", "<w:style>Normal</w:style>");
        byte[] zip = builder.build();
        int second = (int) builder.entries().get(1).offset();
        int third = (int) builder.entries().get(2).offset();
        int core = builder.entries().get(1).compressed().length;
        int directory = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        int end = indexOf(zip, new byte[] {'P', 'K', 5, 6});
        byte[] described = new ZipBuilder().described(true).deflated("a.xml", "<a/>".repeat(30)).build();
        int descriptor = indexOf(described, new byte[] {'P', 'K', 7, 8});
        ZipBuilder textBuilder = new ZipBuilder().deflated("word/document.xml", "<w:document/>".repeat(20));
        byte[] text = textBuilder.build();
        return Stream.of(
                Arguments.of("a compressed size too large", withInt(zip, second + 18, core + 4),
                        "what follows an entry's data at byte " + (second + 30 + 17 + core + 4) + " is no entry"),
                Arguments.of("a compressed size larger than the file", withInt(zip, third + 18, 0x7FFFFFFF),
                        "it is cut short"),
                Arguments.of("a compressed size too small", withInt(zip, second + 18, 3),
                        "what follows an entry's data at byte " + (second + 30 + 17 + 3) + " is no entry"),
                Arguments.of("a central directory with another CRC", withInt(zip, directory + 16, 12345),
                        "its central directory disagrees with its entries"),
                Arguments.of("a central directory with another offset",
                        withInt(zip, indexOf(zip, Samples.ascii("PK\1\2"), directory + 4) + 42, 0),
                        "its central directory disagrees with its entries"),
                Arguments.of("a central directory listing one entry fewer", withShort(withShort(zip, end + 8, 2),
                        end + 10, 2), "its central directory disagrees with its end record"),
                Arguments.of("an end record at another offset", withInt(zip, end + 16, 7),
                        "its central directory disagrees with its end record"),
                Arguments.of("an encrypted entry", withShort(zip, second + 6, 1), "an entry is encrypted"),
                Arguments.of("a stored entry whose size follows its data", withShort(withShort(zip, 6, 8), 8, 0),
                        "an entry's size follows its data, which is not deflated"),
                Arguments.of("a data descriptor that lies", withInt(described, descriptor + 8, 5),
                        "an entry's data descriptor disagrees with its data"),
                Arguments.of("not a zip", Samples.pdf(), "it is not a zip from its first byte"),
                Arguments.of("a part to rewrite whose CRC lies", withInt(text, 14, 12345),
                        "an entry's data disagrees with its header"),
                Arguments.of("a part to rewrite whose data ends before its size",
                        withInt(text, 18, textBuilder.entries().getFirst().compressed().length + 4),
                        "an entry's data disagrees with its header"),
                Arguments.of("a part to rewrite with a document type declaration",
                        textPart("<!DOCTYPE w:document [<!ENTITY who \"Ann\">]><w:document w:author=\"&who;\"/>"),
                        "its part word/document.xml holds a document type declaration"),
                Arguments.of("a part to rewrite in UTF-16", new ZipBuilder().deflated("word/comments.xml",
                        "\uFEFF<w:comments><w:comment w:author=\"Ann\"/></w:comments>", StandardCharsets.UTF_16LE)
                        .build(), "its part word/comments.xml is not in UTF-8"),
                Arguments.of("a part to rewrite in UTF-16 without a byte order mark", new ZipBuilder().deflated(
                        "word/comments.xml", "<w:comments><w:comment w:author=\"Ann\"/></w:comments>",
                        StandardCharsets.UTF_16LE).build(), "its part word/comments.xml is not in UTF-8"),
                Arguments.of("a part to rewrite that ends inside a tag",
                        textPart("<w:document><w:ins w:author=\"" + Samples.REVIEWER),
                        "its part word/document.xml ends inside a tag"),
                Arguments.of("a part to rewrite with a tag of more than a mebibyte",
                        textPart("<w:ins w:author=\"" + "x".repeat(XmlTagFilter.MAX_TAG) + "\"/>"),
                        "its part word/document.xml holds a tag longer than 1024 KiB"),
                Arguments.of("an element whose text is replaced of more than a mebibyte", new ZipBuilder().deflated(
                        "xl/comments1.xml", "<authors><author>" + "x".repeat(XmlTagFilter.MAX_TAG + 1) + "</author>")
                        .build(), "its part xl/comments1.xml holds an element to rewrite longer than 1024 KiB"),
                Arguments.of("a name too long", withShort(zip, 26, 2000),
                        "an entry's name is empty or longer than 1024 bytes"));
    }

    private static byte[] textPart(String xml) {
        return new ZipBuilder().deflated("word/document.xml", xml).build();
    }

    /**
     * Office files with macros are refused by type; one whose type says it has none but that carries them anyway is
     * refused here: a VBA project in a .docx (which programs other than Word may run), Basic or scripts in
     * OpenDocument (which has no kind of its own for them).
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("macros")
    void aDocumentThatCarriesMacrosIsRefusedSayingSo(String type, String part) {
        byte[] zip = new ZipBuilder().stored("mimetype", type).deflated("content.xml", "<office:text/>")
                .deflated(part, "Sub AutoOpen\n  Shell \"cmd /c calc\"\nEnd Sub").build();

        assertThatThrownBy(() -> {
            try (InputStream in = INSPECTOR.withoutMetadata(new ByteArrayInputStream(zip), type).orElseThrow()) {
                in.readAllBytes();
            }
        }).isInstanceOf(FileRefusedException.class).hasMessage("Document holds macros (" + part + "), which can run "
                + "programs on the computer of whoever opens it: save it without macros");
    }

    static Stream<Arguments> macros() {
        return Stream.of(
                Arguments.of(DOCX, "word/vbaProject.bin"),
                Arguments.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/vbaProject.bin"),
                Arguments.of("application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml"),
                Arguments.of("application/vnd.oasis.opendocument.spreadsheet", "Scripts/python/auto.py"));
    }

    @Test
    void moreEntriesThanItKeepsAreRefused() {
        ZipBuilder builder = new ZipBuilder();
        for (int i = 0; i <= OfficeWithoutMetadata.MAX_ENTRIES; i++) {
            builder.stored("e" + i, "");
        }

        assertThatThrownBy(() -> cleaned(builder.build())).isInstanceOf(FileRefusedException.class)
                .hasMessageEndingWith("it has more than 10000 entries");
    }

    /** A few hundred kilobytes whose sizes follow their data and inflate to more than it takes to find their end. */
    @Test
    void entriesThatInflateToMoreThanItInflatesAreRefused() {
        byte[] bomb = new ZipBuilder().described(true).stored("[Content_Types].xml", "<Types/>")
                .deflatedZeros("word/media/image1.png", OfficeWithoutMetadata.MAX_INFLATED + 1).build();

        assertThatThrownBy(() -> cleaned(bomb)).isInstanceOf(FileRefusedException.class)
                .hasMessageEndingWith("its entries inflate to more than 512 MiB");
    }

    /** Rewriting a part costs more than finding its end: a smaller bound, whichever way its sizes are given. */
    @ParameterizedTest(name = "sizes after the data: {0}")
    @ValueSource(booleans = {false, true})
    void partsToRewriteThatInflateToMoreThanItRewritesAreRefused(boolean described) {
        ZipBuilder builder = new ZipBuilder();
        if (described) {
            builder.described(true);
        }
        byte[] bomb = builder.stored("[Content_Types].xml", "<Types/>")
                .deflatedRepeated("word/document.xml", OfficeWithoutMetadata.MAX_REWRITTEN / 2, (byte) ' ')
                .deflatedRepeated("word/header1.xml", OfficeWithoutMetadata.MAX_REWRITTEN / 2 + 1, (byte) ' ').build();

        assertThatThrownBy(() -> cleaned(bomb)).isInstanceOf(FileRefusedException.class)
                .hasMessageEndingWith("its text and the parts that name others inflate to more than 128 MiB");
    }

    @Test
    void readsAsItGoes() throws IOException {
        byte[] header = ByteBuffer.allocate(30 + 9).order(ByteOrder.LITTLE_ENDIAN).putInt(0x04034b50)
                .putShort((short) 20).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .putInt(1 << 30).putInt(1 << 30).putShort((short) 9).putShort((short) 0)
                .put(Samples.ascii("big.bin\0\0")).array();
        ProbeStream huge = ProbeStream.headerThenFiller(header, 1L << 30);

        try (InputStream in = new OfficeWithoutMetadata(huge, OfficeWithoutMetadata.OFFICE_OPEN_XML)) {
            assertThat(in.readNBytes(1_000_000)).hasSize(1_000_000);
        }
        assertThat(huge.deepestRead()).isLessThan(1_200_000);
    }

    private Map<String, byte[]> readWithZipFile(byte[] zip) throws IOException {
        Path file = Files.write(folder.resolve("read-" + System.nanoTime() + ".zip"), zip);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zipFile = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zipFile.entries())) {
                try (InputStream in = zipFile.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        return indexOf(bytes, part, 0);
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int at = from; at + part.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        return -1;
    }

    private static byte[] withInt(byte[] zip, int at, int value) {
        byte[] lying = zip.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return lying;
    }

    private static byte[] withShort(byte[] zip, int at, int value) {
        byte[] lying = zip.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        return lying;
    }
}
