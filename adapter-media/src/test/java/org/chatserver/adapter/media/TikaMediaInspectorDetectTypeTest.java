package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.media.Samples.concat;
import static org.chatserver.adapter.media.Samples.text;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TikaMediaInspectorDetectTypeTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
              <script>alert(document.cookie)</script>
            </svg>
            """;
    private static final String HTML = """
            <!DOCTYPE html>
            <html><body><script>fetch('/api/me').then(r => r.text()).then(alert)</script></body></html>
            """;

    private final TikaMediaInspector inspector = Inspectors.standard();

    @AfterEach
    void close() {
        inspector.close();
    }

    static Stream<Arguments> whatClientsSend() {
        return Stream.of(
                Arguments.of("photo.jpg", Samples.jpeg(64, 48), "image/jpeg"),
                Arguments.of("IMG_0001.JPG", Samples.jpeg(64, 48), "image/jpeg"),
                Arguments.of("screenshot.png", Samples.png(64, 48, true), "image/png"),
                Arguments.of("funny.gif", Samples.gif(64, 48), "image/gif"),
                Arguments.of("sticker.webp", Samples.webp(64, 48, Color.RED), "image/webp"),
                Arguments.of("clip.mp4", Samples.isoMedia("mp42", "mp42", "isom"), "video/mp4"),
                Arguments.of("ffmpeg.mp4", Samples.isoMedia("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4"),
                Arguments.of("IMG_0002.MOV", Samples.isoMedia("qt  ", "qt  "), "video/quicktime"),
                Arguments.of("old.avi", Samples.avi(), "video/x-msvideo"),
                Arguments.of("song.mp3", Samples.mp3(true), "audio/mpeg"),
                Arguments.of("untagged.mp3", Samples.mp3(false), "audio/mpeg"),
                Arguments.of("memo.wav", Samples.wav(), "audio/vnd.wave"), // Tika's name; the upload policy's is audio/wav
                Arguments.of("voice.m4a", Samples.isoMedia("M4A ", "M4A ", "mp42", "isom"), "audio/mp4"),
                Arguments.of("report.pdf", Samples.pdf(), "application/pdf"),
                Arguments.of("letter.docx", Samples.docx(), DOCX),
                Arguments.of("letter.doc", Samples.ole2(), "application/msword"),
                Arguments.of("notes.txt", text("See you at 5 pm \uD83D\uDE00\nBring <3 and snacks.\n"), "text/plain"),
                Arguments.of("README.md", text("# Notes\n\n- **one**\n- [two](https://example.org)\n"), "text/markdown"),
                Arguments.of("figures.csv", text("name,amount\nAnn,30\n"), "text/csv"),
                // Tika's own name; the upload policy knows it as plain text
                Arguments.of("server.log", text("2026-12-06 18:00:01 INFO started\n"), "text/x-log"),
                // short notes written on Windows, dense in letters beyond ASCII: Tika core alone calls them binary
                Arguments.of("note.txt", windows1252("Caf\u00e9 na\u00efve r\u00e9sum\u00e9\n"), "text/plain"),
                Arguments.of("gruss.txt", windows1252("Gr\u00fc\u00dfe\n"), "text/plain"),
                Arguments.of("\u00e9t\u00e9.md", windows1252("# Caf\u00e9\n\nIt\u2019s \u201cfine\u201d.\n"),
                        "text/markdown"),
                Arguments.of("dashes.log", windows1252("a \u2013 b \u2014 c\n"), "text/x-log"));
    }

    private static byte[] windows1252(String text) {
        return text.getBytes(java.nio.charset.Charset.forName("windows-1252"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("whatClientsSend")
    void recognisesWhatClientsSend(String fileName, byte[] content, String expected) {
        assertThat(inspector.detectType(new ByteArrayInputStream(content), fileName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("whatClientsSend")
    void recognisesTheSameFilesWithoutAName(String fileName, byte[] content, String expected) {
        String withoutName = inspector.detectType(new ByteArrayInputStream(content), null);
        // containers whose subtype only the name tells stay generic: an OLE2 file may be .doc, .xls or .ppt (an
        // Office Open XML package says what it is in its content types), named as the world names it, not as Tika
        String generic = switch (expected) {
            case "application/msword" -> "application/vnd.ms-office";
            case "text/markdown", "text/csv", "text/x-log" -> "text/plain";
            default -> expected;
        };
        assertThat(withoutName).isEqualTo(generic);
    }

    static Stream<Arguments> whatAttackersSend() {
        return Stream.of(
                Arguments.of("page.html", text(HTML), "text/html"),
                Arguments.of("notes.txt", text(HTML), "text/html"),
                Arguments.of("photo.png", text(HTML), "text/html"),
                Arguments.of("photo.png", text("<script>alert(1)</script>"), "text/html"),
                Arguments.of("readme.txt", text("\n  <img src=x onerror=alert(1)>"), "text/html"),
                Arguments.of("logo.svg", text(SVG), "image/svg+xml"),
                Arguments.of("logo.jpg", text(SVG), "image/svg+xml"),
                Arguments.of("logo.jpg", text("<?xml version=\"1.0\"?>\n" + SVG), "image/svg+xml"),
                Arguments.of("logo.txt", text("<svg onload=\"alert(1)\"/>"), "image/svg+xml"),
                Arguments.of("logo.txt", text("<!-- made by hand -->\n<svg><script>alert(1)</script></svg>"),
                        "image/svg+xml"),
                Arguments.of("install.txt", text("#!/bin/sh\nrm -rf ~\n"), "application/x-sh"),
                Arguments.of("run.txt", text("#!/usr/bin/env python3\nprint('hi')\n"), "application/x-sh"),
                Arguments.of("cat.jpg", Samples.elf(), "application/x-executable"),
                Arguments.of("cat.jpg", Samples.windowsExe(), "application/x-msdownload"),
                Arguments.of("holiday.jpg", Samples.zip("payload.exe", "MZ"), "application/zip"),
                // an archive is no Office document by its name: Office's own first entry is missing
                Arguments.of("letter.docx", Samples.zip("setup.exe", "MZ", "index.html", HTML), "application/zip"),
                Arguments.of("sheet.xlsx", Samples.zip("setup.exe", "MZ"), "application/zip"),
                Arguments.of("minutes.odt", Samples.zip("setup.exe", "MZ"), "application/zip"),
                Arguments.of("budget.ods", Samples.zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                        "setup.exe", "MZ"), "application/zip"),
                // macros named as a document without them are still macros
                Arguments.of("budget.xlsx", Samples.officePackage("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
                        "application/vnd.ms-excel.sheet.macroenabled.12"),
                Arguments.of("slides.pptx",
                        Samples.officePackage("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
                        "application/vnd.ms-powerpoint.presentation.macroenabled.12"),
                Arguments.of("letter.docx", Samples.officePackage("application/vnd.ms-word.document.macroEnabled.main+xml"),
                        "application/vnd.ms-word.document.macroenabled.12"),
                Arguments.of("photo.jpg", concat(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xfe, 0}), "application/octet-stream"),
                Arguments.of("photo.jpg", new byte[0], "application/octet-stream"),
                // a real JPEG keeps its type whatever its name claims
                Arguments.of("invoice.pdf", Samples.jpeg(8, 8), "image/jpeg"),
                Arguments.of("notes.html", text("just words\n"), "text/html"),
                // a page in UTF-16 behind its byte order mark is a page too
                Arguments.of("notes.md", utf16le("\uFEFF<html><script>alert(1)</script></html>"), "text/html"),
                Arguments.of("notes.md", "\uFEFF<svg onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_16BE),
                        "image/svg+xml"));
    }

    private static byte[] utf16le(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("whatAttackersSend")
    void namesContentThatMustBeRefusedForWhatItIs(String fileName, byte[] content, String expected) {
        assertThat(inspector.detectType(new ByteArrayInputStream(content), fileName)).isEqualTo(expected);
    }

    @Test
    void aNameOnlyRefinesWhatTheContentShows() {
        byte[] plainZip = Samples.zip("a.txt", "hello");
        byte[] ole2 = Samples.ole2();

        assertThat(inspector.detectType(new ByteArrayInputStream(plainZip), "archive.zip")).isEqualTo("application/zip");
        assertThat(inspector.detectType(new ByteArrayInputStream(ole2), "sheet.xls")).isEqualTo("application/vnd.ms-excel");
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.docx()), "letter.jpg")).isEqualTo(DOCX);
        assertThat(inspector.detectType(new ByteArrayInputStream(plainZip), "letter.docx"))
                .as("a zip whose content shows no Office package").isEqualTo("application/zip");
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.docx()), "C:\\Users\\me\\letter.docx"))
                .isEqualTo(DOCX);
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.isoMedia("isom", "isom")), "voice.m4a"))
                .isEqualTo("audio/mp4");
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.isoMedia("qt  ", "qt  ")), "clip.mp4"))
                .isEqualTo("video/quicktime");
    }

    /**
     * An RF64 WAV, which a recorder writes past 4 GiB (its sizes 0xFFFFFFFF, the real ones in a ds64 chunk), is not
     * taken for a WAV, even named as one: it is no accepted type, as the API's docs say.
     */
    @Test
    void anRf64WavIsNoWav() {
        byte[] wav = Samples.wav();
        byte[] rf64 = concat(Samples.ascii("RF64"), new byte[] {-1, -1, -1, -1}, Samples.ascii("WAVE"),
                Samples.ascii("ds64"), new byte[] {28, 0, 0, 0}, new byte[28],
                Arrays.copyOfRange(wav, 12, wav.length));

        assertThat(inspector.detectType(new ByteArrayInputStream(rf64), "long-recording.wav"))
                .isEqualTo("application/octet-stream");
    }

    /**
     * An Office package says in its first entry what its main part is: a .docx named .doc is a Word document, not
     * Tika's internal {@code application/x-tika-ooxml}, which is no type anyone knows.
     */
    @Test
    void anOfficePackageIsWhatItsContentTypesSayWhateverItsName() {
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.docx()), "letter.doc")).isEqualTo(DOCX);
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.docx()), null)).isEqualTo(DOCX);
        assertThat(inspector.detectType(new ByteArrayInputStream(
                Samples.officePackage(xlsx + ".main+xml")), "budget.docx"))
                .isEqualTo(xlsx);
        assertThat(inspector.detectType(new ByteArrayInputStream(
                Samples.officePackage("application/vnd.ms-visio.drawing.main+xml")), "drawing"))
                .as("a kind of package it cannot tell, without a name that refines it").isEqualTo("application/zip");
        assertThat(inspector.detectType(new ByteArrayInputStream(
                Samples.officePackage("application/vnd.ms-visio.drawing.main+xml")), "drawing.vsdx"))
                .as("or with one").isEqualTo("application/vnd.ms-visio.drawing");
        assertThat(inspector.detectType(new ByteArrayInputStream(
                Samples.officePackage("application/vnd.ms-visio.drawing.main+xml")), "drawing.docx"))
                .as("as before: the name refines a package it cannot tell").isEqualTo(DOCX);
    }

    /** OpenDocument shows what it is in its first entry, stored: a text, a spreadsheet or a presentation. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.presentation"})
    void anOpenDocumentIsWhatItsMimetypeSays(String type) {
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.openDocument(type)), null)).isEqualTo(type);
        assertThat(inspector.detectType(new ByteArrayInputStream(Samples.openDocument(type)), "minutes.txt"))
                .isEqualTo(type);
    }

    @Test
    void readsOnlyTheHeadOfALargeUpload() {
        CountingStream upload = new CountingStream(new ByteArrayInputStream(concat(Samples.pdf(), new byte[10 << 20])));

        assertThat(inspector.detectType(upload, "big.pdf")).isEqualTo("application/pdf");
        assertThat(upload.read).isLessThanOrEqualTo(64 * 1024);
    }

    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
