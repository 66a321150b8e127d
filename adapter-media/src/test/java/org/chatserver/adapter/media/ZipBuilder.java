package org.chatserver.adapter.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip byte by byte as the tests choose: each entry stored or deflated, its sizes in its local header or in a
 * data descriptor after its data (with or without the descriptor's signature), ZIP64 fields or not; the compressed
 * bytes of each entry are kept to compare with what a rewrite copied.
 */
final class ZipBuilder {

    /** An entry as written: {@code data} is what it holds, {@code compressed} its bytes in the zip. */
    record Written(String name, byte[] data, byte[] compressed, int method, long offset, long crc, long size) {
    }

    private final ByteArrayOutputStream zip = new ByteArrayOutputStream();
    private final List<Written> entries = new ArrayList<>();
    private boolean zip64;
    private boolean described;
    private boolean descriptorSignature = true;
    private String comment = "";

    /** Every entry and the end of the central directory with ZIP64 fields. */
    ZipBuilder zip64() {
        zip64 = true;
        return this;
    }

    /** The entries added from now on have their sizes in a data descriptor; with its signature unless told. */
    ZipBuilder described(boolean signature) {
        described = true;
        descriptorSignature = signature;
        return this;
    }

    ZipBuilder comment(String text) {
        comment = text;
        return this;
    }

    ZipBuilder deflated(String name, String text) {
        return deflated(name, text, StandardCharsets.UTF_8);
    }

    ZipBuilder deflated(String name, String text, Charset charset) {
        byte[] data = text.getBytes(charset);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length * 2 + 64];
        int length = deflater.deflate(buffer);
        deflater.end();
        return add(name, data, Arrays.copyOf(buffer, length), 8);
    }

    /** An entry of {@code count} zero bytes, deflated as they are made: a small entry that inflates to a lot. */
    ZipBuilder deflatedZeros(String name, long count) {
        return deflatedRepeated(name, count, (byte) 0);
    }

    /** An entry of {@code count} bytes {@code fill}, deflated as they are made. */
    ZipBuilder deflatedRepeated(String name, long count, byte fill) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[1 << 20];
        Arrays.fill(zeros, fill);
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (long left = count; left > 0; left -= zeros.length) {
            int chunk = (int) Math.min(left, zeros.length);
            crc.update(zeros, 0, chunk);
            deflater.setInput(zeros, 0, chunk);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return add(name, new byte[0], compressed.toByteArray(), 8, crc.getValue(), count);
    }

    ZipBuilder stored(String name, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return add(name, data, data, 0);
    }

    private ZipBuilder add(String name, byte[] data, byte[] compressed, int method) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return add(name, data, compressed, method, crc.getValue(), data.length);
    }

    /** {@code data} is what the entry holds, or nothing when only its {@code crc} and {@code size} are known. */
    private ZipBuilder add(String name, byte[] data, byte[] compressed, int method, long crc, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = zip.size();
        boolean descriptor = described && method == 8;
        ByteBuffer header = le(30 + nameBytes.length + (zip64 ? 20 : 0));
        header.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) (0x800 | (descriptor ? 8 : 0)))
                .putShort((short) method).putShort((short) 0x6000).putShort((short) 0x5A86)
                .putInt(descriptor ? 0 : (int) crc)
                .putInt(zip64 ? -1 : descriptor ? 0 : compressed.length)
                .putInt(zip64 ? -1 : descriptor ? 0 : (int) size)
                .putShort((short) nameBytes.length).putShort((short) (zip64 ? 20 : 0)).put(nameBytes);
        if (zip64) {
            header.putShort((short) 1).putShort((short) 16).putLong(descriptor ? 0 : size)
                    .putLong(descriptor ? 0 : compressed.length);
        }
        zip.writeBytes(header.array());
        zip.writeBytes(compressed);
        if (descriptor) {
            ByteBuffer trailer = le(24);
            if (descriptorSignature) {
                trailer.putInt(0x08074b50);
            }
            trailer.putInt((int) crc);
            if (zip64) {
                trailer.putLong(compressed.length).putLong(size);
            } else {
                trailer.putInt(compressed.length).putInt((int) size);
            }
            zip.write(trailer.array(), 0, trailer.position());
        }
        entries.add(new Written(name, data, compressed, method, offset, crc, size));
        return this;
    }

    List<Written> entries() {
        return List.copyOf(entries);
    }

    byte[] build() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(zip.toByteArray());
        long directoryStart = file.size();
        for (Written entry : entries) {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = le(46 + name.length + (zip64 ? 28 : 0) + 7);
            header.putInt(0x02014b50).putShort((short) 0x031E).putShort((short) (zip64 ? 45 : 20))
                    .putShort((short) 0x800).putShort((short) entry.method()).putShort((short) 0x6000)
                    .putShort((short) 0x5A86).putInt((int) entry.crc())
                    .putInt(zip64 ? -1 : entry.compressed().length).putInt(zip64 ? -1 : (int) entry.size())
                    .putShort((short) name.length).putShort((short) (zip64 ? 28 : 0)).putShort((short) 7)
                    .putShort((short) 0).putShort((short) 0).putInt(0x81A40000)
                    .putInt(zip64 ? -1 : (int) entry.offset())
                    .put(name);
            if (zip64) {
                header.putShort((short) 1).putShort((short) 24).putLong(entry.size())
                        .putLong(entry.compressed().length).putLong(entry.offset());
            }
            header.put("a note.".getBytes(StandardCharsets.US_ASCII));
            file.writeBytes(header.array());
        }
        long directorySize = file.size() - directoryStart;
        if (zip64) {
            long end = file.size();
            ByteBuffer record = le(56 + 20);
            record.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entries.size()).putLong(directorySize).putLong(directoryStart);
            record.putInt(0x07064b50).putInt(0).putLong(end).putInt(1);
            file.writeBytes(record.array());
        }
        byte[] commentBytes = comment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer end = le(22 + commentBytes.length);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) (zip64 ? -1 : entries.size())).putShort((short) (zip64 ? -1 : entries.size()))
                .putInt(zip64 ? -1 : (int) directorySize).putInt(zip64 ? -1 : (int) directoryStart)
                .putShort((short) commentBytes.length).put(commentBytes);
        file.writeBytes(end.array());
        return file.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
