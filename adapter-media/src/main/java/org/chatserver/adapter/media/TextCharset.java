package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which encoding a text file is in, as far as its bytes tell without a statistical detector (Tika core has none):
 * a byte order mark says; UTF-8 shows by decoding without error, which text in a legacy single-byte encoding with
 * any letter beyond ASCII practically never does; what is left is taken for Windows-1252, the encoding of text
 * written on Western European Windows, of which Latin-1 is a part (browsers read a Latin-1 label as Windows-1252).
 * A file in another legacy encoding (Shift_JIS, Windows-1251) is labelled wrongly, but its bytes are kept as sent.
 */
final class TextCharset {

    static final String UTF_8 = "utf-8";
    static final String WINDOWS_1252 = "windows-1252";

    private TextCharset() {
    }

    static String of(InputStream content) {
        try {
            PushbackInputStream in = new PushbackInputStream(content, 2);
            byte[] mark = in.readNBytes(2);
            if (mark.length == 2 && (mark[0] & 0xFF) == 0xFE && (mark[1] & 0xFF) == 0xFF) {
                return "utf-16be";
            }
            if (mark.length == 2 && (mark[0] & 0xFF) == 0xFF && (mark[1] & 0xFF) == 0xFE) {
                return "utf-16le";
            }
            in.unread(mark);
            return decodesAsUtf8(in) ? UTF_8 : WINDOWS_1252;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the text to tell its charset", e);
        }
    }

    private static boolean decodesAsUtf8(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        char[] chunk = new char[8192];
        try {
            while (reader.read(chunk) >= 0) {
                // only whether every byte decodes matters
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
