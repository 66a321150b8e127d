package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;

/**
 * An Office document (a zip: Office Open XML's .docx, .xlsx, .pptx and their macro-enabled kinds, OpenDocument's
 * .odt, .ods, .odp) without who wrote it, for whom, when and for how long: the parts that hold the document's
 * properties are replaced by empty ones ({@link #OFFICE_OPEN_XML}: {@code docProps/core.xml} with the author, last
 * modified by, title, subject, keywords and dates, {@code docProps/app.xml} with the company, manager, template,
 * editing time and statistics, {@code docProps/custom.xml} with custom properties, and a core properties part named
 * {@code *.psmdcp} as System.IO.Packaging names it; {@link #OPEN_DOCUMENT}: {@code meta.xml}), stored uncompressed.
 * The parts {@link OfficeParts} names are dropped (a thumbnail, custom XML, Word's list of people) or rewritten tag
 * by tag ({@link XmlTagFilter}: who commented and changed what, where a spreadsheet was saved, a Word document's
 * editing sessions and the template and mail merge source it names by their path, an OpenDocument file's printer,
 * the content types, relationships and manifest that name the dropped parts), inflated and deflated again as they
 * stream, their sizes in a data descriptor after them.
 * Part names are matched whatever their case, as the packaging conventions compare them. Every other entry's compressed bytes are copied as they are, never re-compressed;
 * the entries' times (and the extra fields that hold more of them, or a Unix owner) become 1980-01-01, the archive's
 * and the entries' comments go, and a new central directory is written with the new offsets.
 *
 * <p>Entries must come one after the other from the file's first byte, as every Office writer puts them, and be
 * listed in the same order by the central directory, which follows the last; what is between or before them is
 * refused, what follows the end record (the archive's comment) dropped.
 *
 * <p>Reads as it goes, holding 96 KiB and an 80 KiB piece of the output, a deflater, one tag of a part it rewrites
 * and the text of one element it replaces (each at most {@link XmlTagFilter#MAX_TAG} bytes) and, for each entry, its
 * name and a few numbers (at most {@link #MAX_ENTRIES} entries with names of at most {@link #MAX_NAME} bytes). An entry whose sizes follow its data (general purpose bit 3)
 * is inflated to find where its data ends, the output discarded, at most {@link #MAX_INFLATED} bytes in all; the
 * parts it rewrites at most {@link #MAX_REWRITTEN}, as deflating costs more. A
 * document that cannot be rewritten safely is refused rather than stored broken or with its metadata: reading throws
 * {@link FileRefusedException} saying why (cut short, a central directory that disagrees with the entries, an
 * encrypted entry, sizes that lie, too many entries), at the same point each time it is read.
 */
final class OfficeWithoutMetadata extends RewritingStream {

    static final int MAX_ENTRIES = 10_000;
    static final int MAX_NAME = 1024;
    static final long MAX_INFLATED = 512L * 1024 * 1024;
    /** What is filtered and deflated again, in all: about a second's work. */
    static final long MAX_REWRITTEN = 128L * 1024 * 1024;

    private static final String CORE = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>""";
    private static final String APP = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
            xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>""";
    private static final String CUSTOM = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
            xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>""";
    private static final String META = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            office:version="1.2"><office:meta/></office:document-meta>""";

    /** Office Open XML's property parts, by name in lower case (part names are not case-sensitive). */
    static final Map<String, byte[]> OFFICE_OPEN_XML = Map.of("docprops/core.xml", utf8(CORE),
            "docprops/app.xml", utf8(APP), "docprops/custom.xml", utf8(CUSTOM));
    /** OpenDocument's metadata part. */
    static final Map<String, byte[]> OPEN_DOCUMENT = Map.of("meta.xml", utf8(META));

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final long MAX32 = 0xFFFFFFFFL;
    /** 1980-01-01 00:00, the earliest time a zip entry can have. */
    private static final int DOS_DATE = 1 << 5 | 1;

    private enum Step { ENTRY, COPY, INFLATE, REWRITE, DESCRIPTOR, CENTRAL_DIRECTORY, WRITE_DIRECTORY, DONE }

    /** What the central directory is written from: an entry as written, checked against the original's. */
    private static final class Entry {
        byte[] name;
        int versionNeeded;
        int flags;
        int method;
        long crc;
        long compressedSize;
        long size;
        long offset;
        long originalOffset;
        int versionMadeBy;
        int internalAttributes;
        long externalAttributes;
        /** Written from what the rewriter made of it: a replacement, or its data rewritten by {@link #filter}. */
        boolean replaced;
        /** Not written at all. */
        boolean dropped;
        boolean zip64;
        /** As the source has it, which its central directory must say too. */
        int originalMethod;
        long originalCrc;
        long originalCompressedSize;
        long originalSize;
        boolean originalZip64;
    }

    private final InputStream in;
    private final Map<String, byte[]> replacements;
    private final byte[] buffer = new byte[96 * 1024];
    private int bufferPosition;
    private int bufferLimit;
    /** How many bytes of the source were read past. */
    private long position;
    private boolean sourceEnded;

    /** How many bytes were written before the piece being written. */
    private long written;

    private Step step = Step.ENTRY;
    private final List<Entry> entries = new ArrayList<>();
    private Entry current;
    /** Bytes of the current entry's data still to copy or drop, and whether they are copied. */
    private long dataLeft;
    private boolean copying;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] inflated = new byte[16 * 1024];
    private long inflatedInAll;
    private long inflatedCompressed;
    /** Central directory: how many entries it listed so far, where it starts in the source and in the output. */
    private int listed;
    private long directoryStart;
    /** Where its headers end in the source. */
    private long directoryEnd;
    private long newDirectoryStart;
    private int directoryWritten;

    /** The part being rewritten: its tags filtered, what they become deflated again with {@link #deflater}. */
    private XmlTagFilter filter;
    private final XmlTagFilter.Sink filtered = new XmlTagFilter.Sink();
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 rewrittenCrc = new CRC32();
    /** Whether the source of the part being rewritten is stored rather than deflated, and has been read to its end. */
    private boolean sourceStored;
    private boolean sourceRead;
    private long storedRead;
    private long rewrittenInAll;
    private boolean described;
    private boolean finishing;

    OfficeWithoutMetadata(InputStream in, Map<String, byte[]> replacements) {
        super(in, 80 * 1024); // a local header with the longest name and the largest piece of data copied at once
        this.in = in; // read through a buffer of its own, which the inflater reads from too
        this.replacements = replacements;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        deflater.end();
        super.close();
    }

    @Override
    protected void nextPiece() throws IOException {
        step();
        written += outLimit; // the piece just written, which started empty
    }

    private void step() throws IOException {
        switch (step) {
            case ENTRY -> entry();
            case COPY -> copyData();
            case INFLATE -> inflateData();
            case REWRITE -> rewriteData();
            case DESCRIPTOR -> descriptor();
            case CENTRAL_DIRECTORY -> centralDirectory();
            case WRITE_DIRECTORY -> writeDirectory();
            case DONE -> finish();
        }
    }

    /** At a local header, the central directory, or what is neither. */
    private void entry() throws IOException {
        need(4);
        long signature = u32(0);
        if (signature == CENTRAL) {
            if (entries.isEmpty()) {
                throw refused("it holds no file");
            }
            directoryStart = position;
            newDirectoryStart = written;
            step = Step.CENTRAL_DIRECTORY;
            return;
        }
        if (signature != LOCAL) {
            throw refused(entries.isEmpty() ? "it is not a zip from its first byte"
                    : "what follows an entry's data at byte " + position + " is no entry");
        }
        if (entries.size() == MAX_ENTRIES) {
            throw refused("it has more than " + MAX_ENTRIES + " entries");
        }
        need(30);
        int flags = u16(6);
        int method = u16(8);
        long crc32 = u32(14);
        long compressedSize = u32(18);
        long size = u32(22);
        int nameLength = u16(26);
        int extraLength = u16(28);
        if ((flags & 0x2041) != 0) {
            throw refused("an entry is encrypted");
        }
        if (nameLength == 0 || nameLength > MAX_NAME) {
            throw refused("an entry's name is empty or longer than " + MAX_NAME + " bytes");
        }
        need(30 + nameLength + extraLength);
        Entry entry = new Entry();
        entry.originalOffset = position;
        entry.name = Arrays.copyOfRange(buffer, bufferPosition + 30, bufferPosition + 30 + nameLength);
        entry.versionNeeded = u16(4);
        entry.method = method;
        entry.originalMethod = method;
        boolean described = (flags & 0x08) != 0;
        int zip64At = extraField(30 + nameLength, extraLength, 0x0001);
        entry.zip64 = zip64At >= 0;
        entry.originalZip64 = entry.zip64;
        if (entry.zip64 && (size == MAX32 || compressedSize == MAX32)) {
            // a local header's ZIP64 field holds both sizes, in that order
            if (u16(zip64At + 2) < 16) {
                throw refused("an entry's ZIP64 sizes are cut short");
            }
            size = size == MAX32 ? u64(zip64At + 4) : size;
            compressedSize = compressedSize == MAX32 ? u64(zip64At + 12) : compressedSize;
        }
        if (compressedSize < 0 || size < 0) {
            throw refused("an entry's size is larger than any file");
        }
        skip(30 + nameLength + extraLength);
        entry.originalCrc = crc32;
        entry.originalCompressedSize = compressedSize;
        entry.originalSize = size;
        String part = partName(entry.name);
        byte[] replacement = replacementFor(part);
        boolean openDocument = replacements == OPEN_DOCUMENT;
        XmlTagFilter.Rule rule = replacement == null ? OfficeParts.ruleFor(part, openDocument) : null;
        entry.offset = written;
        entries.add(entry);
        current = entry;
        if (described && method != 8) {
            throw refused("an entry's size follows its data, which is not deflated");
        }
        if (OfficeParts.holdsMacros(part, openDocument)) {
            throw new FileRefusedException("Document holds macros (" + new String(entry.name, StandardCharsets.UTF_8)
                    + "), which can run programs on the computer of whoever opens it: save it without macros");
        }
        if (OfficeParts.dropped(part, openDocument)) {
            entry.dropped = true;
            copying = false;
        } else if (replacement != null) {
            entry.replaced = true;
            entry.flags = flags & 0x800;
            entry.method = 0;
            entry.versionNeeded = 20;
            entry.zip64 = false;
            crc.reset();
            crc.update(replacement);
            entry.crc = crc.getValue();
            entry.compressedSize = replacement.length;
            entry.size = replacement.length;
            localHeader(entry);
            System.arraycopy(replacement, 0, out, outLimit, replacement.length);
            outLimit += replacement.length;
            copying = false;
        } else if (rule != null) {
            if (method != 0 && method != 8) {
                throw refused("its part " + part + " is compressed in a way it cannot read");
            }
            entry.replaced = true;
            entry.flags = flags & 0x800 | 0x08; // its sizes follow its data, known once it is deflated again
            entry.method = 8;
            entry.versionNeeded = 20;
            entry.zip64 = false;
            entry.crc = 0;
            entry.compressedSize = 0;
            entry.size = 0;
            localHeader(entry);
            filter = new XmlTagFilter(rule, part);
            filtered.length = 0;
            deflater.reset();
            rewrittenCrc.reset();
            inflater.reset();
            crc.reset();
            inflatedCompressed = 0;
            sourceStored = method == 0;
            sourceRead = false;
            storedRead = 0;
            finishing = false;
            this.described = described;
            dataLeft = described ? Long.MAX_VALUE : compressedSize;
            step = Step.REWRITE;
            return;
        } else {
            entry.flags = flags & (0x800 | 0x08 | 0x06);
            entry.crc = described ? 0 : crc32;
            entry.compressedSize = described ? 0 : compressedSize;
            entry.size = described ? 0 : size;
            entry.zip64 = entry.zip64 || compressedSize >= MAX32 || size >= MAX32;
            if (entry.zip64) {
                entry.versionNeeded = Math.max(entry.versionNeeded, 45);
            }
            localHeader(entry);
            entry.crc = crc32;
            entry.compressedSize = compressedSize;
            entry.size = size;
            copying = true;
        }
        if (described) {
            inflater.reset();
            crc.reset();
            inflatedCompressed = 0;
            step = Step.INFLATE;
        } else {
            dataLeft = compressedSize;
            step = Step.COPY;
        }
    }

    /**
     * The next stretch of a part being rewritten: what the deflater holds written out, else the next stretch of its
     * source read, inflated, filtered and handed to the deflater, else (at the source's end) the deflater finished
     * and a data descriptor written with what was made.
     */
    private void rewriteData() throws IOException {
        if (!deflater.needsInput() || finishing && !deflater.finished()) {
            outLimit += deflater.deflate(out, outLimit, out.length - outLimit);
            return;
        }
        Entry entry = current;
        if (deflater.finished()) {
            entry.crc = rewrittenCrc.getValue();
            entry.compressedSize = deflater.getBytesWritten();
            entry.size = deflater.getBytesRead();
            put32(DESCRIPTOR);
            put32(entry.crc);
            put32(entry.compressedSize);
            put32(entry.size);
            if (described) {
                step = Step.DESCRIPTOR;
            } else if (crc.getValue() != entry.originalCrc || inflatedSize() != entry.originalSize) {
                throw refused("an entry's data disagrees with its header");
            } else {
                step = Step.ENTRY;
            }
            return;
        }
        if (sourceRead) {
            filter.end();
            deflater.finish();
            finishing = true;
            return;
        }
        int count = sourceStored ? readStored() : inflateSome();
        rewrittenInAll += count;
        if (rewrittenInAll > MAX_REWRITTEN) {
            throw refused("its text and the parts that name others inflate to more than "
                    + MAX_REWRITTEN / (1024 * 1024) + " MiB");
        }
        filtered.length = 0;
        filter.feed(inflated, 0, count, filtered);
        rewrittenCrc.update(filtered.bytes, 0, filtered.length);
        deflater.setInput(filtered.bytes, 0, filtered.length);
    }

    /** The next bytes of a stored part being rewritten, into {@link #inflated}; how many. */
    private int readStored() throws IOException {
        if (dataLeft == 0) {
            sourceRead = true;
            return 0;
        }
        if (!buffered()) {
            throw refused("it is cut short");
        }
        int count = (int) Math.min(dataLeft, Math.min(bufferLimit - bufferPosition, inflated.length));
        System.arraycopy(buffer, bufferPosition, inflated, 0, count);
        crc.update(inflated, 0, count);
        countInflated(count);
        skip(count);
        dataLeft -= count;
        storedRead += count;
        return count;
    }

    /** Inflates the next bytes of a deflated part being rewritten into {@link #inflated}; how many. */
    private int inflateSome() throws IOException {
        if (dataLeft > 0 && !buffered()) {
            throw refused("it is cut short");
        }
        int given = (int) Math.min(dataLeft, bufferLimit - bufferPosition);
        inflater.setInput(buffer, bufferPosition, given);
        int count;
        try {
            count = inflater.inflate(inflated);
        } catch (DataFormatException e) {
            throw refused("an entry's data does not inflate");
        }
        if (count == 0 && !inflater.finished() && (given == 0 || inflater.needsDictionary())) {
            throw refused("an entry's data does not inflate");
        }
        crc.update(inflated, 0, count);
        countInflated(count);
        int consumed = given - inflater.getRemaining();
        skip(consumed);
        inflatedCompressed += consumed;
        if (dataLeft != Long.MAX_VALUE) {
            dataLeft -= consumed;
        }
        if (inflater.finished()) {
            if (dataLeft != Long.MAX_VALUE && dataLeft != 0) {
                throw refused("an entry's data disagrees with its header");
            }
            sourceRead = true;
        }
        return count;
    }

    private void countInflated(int count) {
        inflatedInAll += count;
        if (inflatedInAll > MAX_INFLATED) {
            throw refused("its entries inflate to more than " + MAX_INFLATED / (1024 * 1024) + " MiB");
        }
    }

    /** How many bytes the source of the part being rewritten held. */
    private long inflatedSize() {
        return sourceStored ? storedRead : inflater.getBytesWritten();
    }

    /** Copies or drops the next stretch of an entry's data whose size its header gave. */
    private void copyData() throws IOException {
        if (dataLeft == 0) {
            step = Step.ENTRY;
            return;
        }
        if (!buffered()) {
            throw refused("it is cut short");
        }
        int count = (int) Math.min(dataLeft, Math.min(bufferLimit - bufferPosition, out.length));
        if (copying) {
            System.arraycopy(buffer, bufferPosition, out, 0, count);
            outLimit = count;
        }
        skip(count);
        dataLeft -= count;
    }

    /** Inflates the next stretch of an entry's data whose size follows it, to find where it ends. */
    private void inflateData() throws IOException {
        if (!buffered()) {
            throw refused("it is cut short");
        }
        int given = Math.min(bufferLimit - bufferPosition, out.length);
        inflater.setInput(buffer, bufferPosition, given);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int count = inflater.inflate(inflated);
                if (count == 0 && inflater.needsDictionary()) {
                    throw refused("an entry's data does not inflate");
                }
                crc.update(inflated, 0, count);
                countInflated(count);
            }
        } catch (DataFormatException e) {
            throw refused("an entry's data does not inflate");
        }
        int consumed = given - inflater.getRemaining();
        if (copying) {
            System.arraycopy(buffer, bufferPosition, out, 0, consumed);
            outLimit = consumed;
        }
        skip(consumed);
        inflatedCompressed += consumed;
        if (inflater.finished()) {
            step = Step.DESCRIPTOR;
        }
    }

    /** Reads the data descriptor after an entry inflated, checks it, and writes one with what was found. */
    private void descriptor() throws IOException {
        Entry entry = current;
        int sizes = entry.originalZip64 ? 8 : 4;
        need(4);
        int signature = u32(0) == DESCRIPTOR ? 4 : 0;
        need(signature + 4 + 2 * sizes);
        long crc32 = u32(signature);
        long compressedSize = sizes == 8 ? u64(signature + 4) : u32(signature + 4);
        long size = sizes == 8 ? u64(signature + 12) : u32(signature + 8);
        if (crc32 != crc.getValue() || compressedSize != inflatedCompressed || size != inflater.getBytesWritten()) {
            throw refused("an entry's data descriptor disagrees with its data");
        }
        skip(signature + 4 + 2 * sizes);
        entry.originalCrc = crc32;
        entry.originalCompressedSize = compressedSize;
        entry.originalSize = size;
        if (!entry.replaced && !entry.dropped) {
            entry.crc = crc32;
            entry.compressedSize = compressedSize;
            entry.size = size;
            put32(DESCRIPTOR);
            put32(crc32);
            if (entry.zip64) {
                put64(compressedSize);
                put64(size);
            } else {
                put32(compressedSize);
                put32(size);
            }
        }
        step = Step.ENTRY;
    }

    /** Reads the next record of the central directory, checking it against the entry it lists. */
    private void centralDirectory() throws IOException {
        need(4);
        long signature = u32(0);
        if (signature == CENTRAL) {
            centralHeader();
            return;
        }
        if (listed != entries.size()) {
            throw refused("its central directory disagrees with its entries");
        }
        if (signature == ZIP64_END) {
            need(12);
            long recordSize = u64(4);
            if (recordSize < 44) {
                throw refused("its ZIP64 end of central directory is cut short");
            }
            need(56);
            if (u64(32) != entries.size() || u64(40) != directoryEnd - directoryStart || u64(48) != directoryStart) {
                throw refused("its central directory disagrees with its end record");
            }
            skip(12);
            skipSource(recordSize);
            return;
        }
        if (signature == ZIP64_LOCATOR) {
            need(20);
            skip(20);
            return;
        }
        if (signature != END) {
            throw refused("its central directory ends in what is no end record");
        }
        need(22);
        long count = u16(10);
        long directorySize = u32(12);
        long directoryOffset = u32(16);
        if (count != 0xFFFF && count != (entries.size() & 0xFFFF)
                || directorySize != MAX32 && directorySize != directoryEnd - directoryStart
                || directoryOffset != MAX32 && directoryOffset != directoryStart) {
            throw refused("its central directory disagrees with its end record");
        }
        // the archive's comment and anything after it are not read: none of it is written
        step = Step.WRITE_DIRECTORY;
    }

    private void centralHeader() throws IOException {
        need(46);
        if (listed == entries.size()) {
            throw refused("its central directory disagrees with its entries");
        }
        Entry entry = entries.get(listed);
        int nameLength = u16(28);
        int extraLength = u16(30);
        int commentLength = u16(32);
        long compressedSize = u32(20);
        long size = u32(24);
        long offset = u32(42);
        if (nameLength != entry.name.length) {
            throw refused("its central directory disagrees with its entries");
        }
        need(46 + nameLength + extraLength);
        int zip64At = extraField(46 + nameLength, extraLength, 0x0001);
        if (zip64At >= 0) {
            int at = zip64At + 4;
            int end = at + u16(zip64At + 2);
            if (size == MAX32 && at + 8 <= end) {
                size = u64(at);
                at += 8;
            }
            if (compressedSize == MAX32 && at + 8 <= end) {
                compressedSize = u64(at);
                at += 8;
            }
            if (offset == MAX32 && at + 8 <= end) {
                offset = u64(at);
            }
        }
        boolean sameName = Arrays.equals(buffer, bufferPosition + 46, bufferPosition + 46 + nameLength, entry.name, 0,
                nameLength);
        if (!sameName || offset != entry.originalOffset || u16(10) != entry.originalMethod
                || u32(16) != entry.originalCrc || compressedSize != entry.originalCompressedSize
                || size != entry.originalSize) {
            throw refused("its central directory disagrees with its entries");
        }
        entry.versionMadeBy = u16(4);
        entry.internalAttributes = u16(36);
        entry.externalAttributes = u32(38);
        skip(46 + nameLength + extraLength);
        skipSource(commentLength);
        listed++;
        directoryEnd = position;
    }

    /** Writes the next header of the new central directory, then its end. */
    private void writeDirectory() {
        while (directoryWritten < entries.size() && entries.get(directoryWritten).dropped) {
            directoryWritten++;
        }
        if (directoryWritten < entries.size()) {
            Entry entry = entries.get(directoryWritten++);
            boolean zip64 = entry.zip64 || entry.offset >= MAX32;
            put32(CENTRAL);
            put16(entry.versionMadeBy);
            put16(zip64 ? Math.max(entry.versionNeeded, 45) : entry.versionNeeded);
            put16(entry.flags);
            put16(entry.method);
            put16(0);
            put16(DOS_DATE);
            put32(entry.crc);
            put32(zip64 ? MAX32 : entry.compressedSize);
            put32(zip64 ? MAX32 : entry.size);
            put16(entry.name.length);
            put16(zip64 ? 28 : 0);
            put16(0);
            put16(0);
            put16(entry.internalAttributes);
            put32(entry.externalAttributes);
            put32(zip64 ? MAX32 : entry.offset);
            putBytes(entry.name);
            if (zip64) {
                put16(0x0001);
                put16(24);
                put64(entry.size);
                put64(entry.compressedSize);
                put64(entry.offset);
            }
            return;
        }
        long directorySize = written + outLimit - newDirectoryStart;
        long end = written + outLimit;
        long kept = entries.stream().filter(entry -> !entry.dropped).count();
        boolean zip64 = kept >= 0xFFFF || newDirectoryStart >= MAX32 || directorySize >= MAX32;
        if (zip64) {
            put32(ZIP64_END);
            put64(44);
            put16(45);
            put16(45);
            put32(0);
            put32(0);
            put64(kept);
            put64(kept);
            put64(directorySize);
            put64(newDirectoryStart);
            put32(ZIP64_LOCATOR);
            put32(0);
            put64(end);
            put32(1);
        }
        put32(END);
        put16(0);
        put16(0);
        put16(zip64 ? 0xFFFF : (int) kept);
        put16(zip64 ? 0xFFFF : (int) kept);
        put32(zip64 ? MAX32 : directorySize);
        put32(zip64 ? MAX32 : newDirectoryStart);
        put16(0);
        step = Step.DONE;
        finish();
    }

    /** A local header for {@code entry} as it is written: its times the earliest, no extra field but ZIP64's. */
    private void localHeader(Entry entry) {
        put32(LOCAL);
        put16(entry.versionNeeded);
        put16(entry.flags);
        put16(entry.method);
        put16(0);
        put16(DOS_DATE);
        put32(entry.crc);
        put32(entry.zip64 ? MAX32 : entry.compressedSize);
        put32(entry.zip64 ? MAX32 : entry.size);
        put16(entry.name.length);
        put16(entry.zip64 ? 20 : 0);
        putBytes(entry.name);
        if (entry.zip64) {
            put16(0x0001);
            put16(16);
            put64(entry.size);
            put64(entry.compressedSize);
        }
    }

    /** Where the extra field of {@code id} starts among those at {@code from} of the buffered header; -1 if none. */
    private int extraField(int from, int length, int id) {
        int at = from;
        while (at + 4 <= from + length) {
            int fieldLength = u16(at + 2);
            if (at + 4 + fieldLength > from + length) {
                return -1;
            }
            if (u16(at) == id) {
                return at;
            }
            at += 4 + fieldLength;
        }
        return -1;
    }

    /** A part's name as its rules take it: in lower case, without a leading slash. */
    private static String partName(byte[] name) {
        String part = new String(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return part.startsWith("/") ? part.substring(1) : part;
    }

    /** What the part of this name is replaced with; null when it is not. */
    private byte[] replacementFor(String part) {
        if (replacements == OFFICE_OPEN_XML && part.endsWith(".psmdcp")) {
            return replacements.get("docprops/core.xml"); // where System.IO.Packaging puts the core properties
        }
        return replacements.get(part);
    }

    /** A document refused because it cannot be rewritten safely, saying why. */
    static FileRefusedException refused(String why) {
        return new FileRefusedException("Document could not be read to remove its metadata: " + why);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- the source, read through a buffer ----

    /** At least one byte buffered; false at the source's end. */
    private boolean buffered() throws IOException {
        return bufferPosition < bufferLimit || fillBuffer(1);
    }

    /** {@code count} bytes buffered from {@link #bufferPosition}, or refused as cut short. */
    private void need(int count) throws IOException {
        if (count > buffer.length) {
            throw refused("a header is larger than " + buffer.length + " bytes");
        }
        if (bufferLimit - bufferPosition < count && !fillBuffer(count)) {
            throw refused("it is cut short");
        }
    }

    private boolean fillBuffer(int count) throws IOException {
        if (bufferPosition > 0) {
            System.arraycopy(buffer, bufferPosition, buffer, 0, bufferLimit - bufferPosition);
            bufferLimit -= bufferPosition;
            bufferPosition = 0;
        }
        while (bufferLimit < count && !sourceEnded) {
            int read = in.read(buffer, bufferLimit, buffer.length - bufferLimit);
            if (read < 0) {
                sourceEnded = true;
            } else {
                bufferLimit += read;
            }
        }
        return bufferLimit >= count;
    }

    private void skip(int count) {
        bufferPosition += count;
        position += count;
    }

    /** Reads past {@code count} bytes of the source, which need not fit the buffer. */
    private void skipSource(long count) throws IOException {
        for (long left = count; left > 0; ) {
            if (!buffered()) {
                throw refused("it is cut short");
            }
            int step = (int) Math.min(left, bufferLimit - bufferPosition);
            skip(step);
            left -= step;
        }
    }

    private int u16(int at) {
        return buffer[bufferPosition + at] & 0xFF | (buffer[bufferPosition + at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return u16(at) | (long) u16(at + 2) << 16;
    }

    private long u64(int at) {
        return u32(at) | u32(at + 4) << 32;
    }

    // ---- the output piece ----

    private void put16(int value) {
        out[outLimit++] = (byte) value;
        out[outLimit++] = (byte) (value >>> 8);
    }

    private void put32(long value) {
        put16((int) (value & 0xFFFF));
        put16((int) (value >>> 16 & 0xFFFF));
    }

    private void put64(long value) {
        put32(value & MAX32);
        put32(value >>> 32);
    }

    private void putBytes(byte[] bytes) {
        System.arraycopy(bytes, 0, out, outLimit, bytes.length);
        outLimit += bytes.length;
    }
}
