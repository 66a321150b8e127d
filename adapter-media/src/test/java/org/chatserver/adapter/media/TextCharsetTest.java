package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the contract leaves out: byte order marks, and a UTF-8 file whose one bad byte is at the very end. */
class TextCharsetTest {

    private static String of(byte[] text) {
        return TextCharset.of(new ByteArrayInputStream(text));
    }

    @Test
    void aByteOrderMarkSays() {
        assertThat(of("\uFEFFnotes".getBytes(StandardCharsets.UTF_16LE))).isEqualTo("utf-16le");
        assertThat(of("\uFEFFnotes".getBytes(StandardCharsets.UTF_16BE))).isEqualTo("utf-16be");
        assertThat(of("\uFEFFnotes \u00e9".getBytes(StandardCharsets.UTF_8))).isEqualTo("utf-8");
    }

    @Test
    void everyByteCountsNotOnlyTheFirst() {
        byte[] mostlyUtf8 = Samples.concat("caf\u00e9 ".repeat(10_000).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE9});

        assertThat(of(mostlyUtf8)).isEqualTo("windows-1252");
        assertThat(of(new byte[0])).isEqualTo("utf-8");
    }
}
