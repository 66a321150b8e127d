package org.chatserver.application.fakes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.contract.TestImages;
import org.chatserver.application.contract.TestImages.JpegSegment;
import org.chatserver.application.port.out.attachment.MediaInspector;

/**
 * Knows a handful of magic numbers, enough for use-case tests; the real detection is Tika's,
 * tested in its adapter. Both pass {@code MediaInspectorContract}.
 *
 * <p>Previews: a PNG or JPEG with a real header gets a preview of its own proportions, refused
 * unread when the header announces more than {@link #MAX_PIXELS}, empty when the file does not end
 * as the format requires (truncated). A pretend image (magic number, no header) gets a preview
 * {@code maxWidth} x {@code maxWidth / 2}, unless its bytes say CORRUPT. {@link #becomeBusy} makes
 * every preview refused as busy.
 */
public final class FakeMediaInspector implements MediaInspector {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** The adapter's default: 7680 x 4320. */
    public static final long MAX_PIXELS = 7680L * 4320L;

    /** More than any header or pretend image here needs; the rest of a file is never read. */
    private static final int HEADER_BYTES = 1024;

    private volatile Duration busyFor;

    /** From now on every preview is refused as busy, try again after {@code retryAfter}. */
    public void becomeBusy(Duration retryAfter) {
        this.busyFor = retryAfter;
    }

    @Override
    public String detectType(InputStream content, String fileName) {
        String head = head(content, 16);
        if (head.startsWith("\u00ff\u00d8\u00ff")) {
            return "image/jpeg";
        }
        if (head.startsWith("\u0089PNG")) {
            return "image/png";
        }
        if (head.startsWith("ID3")) {
            return "audio/mpeg";
        }
        if (head.startsWith("%PDF")) {
            return "application/pdf";
        }
        if (head.startsWith("\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1")) {
            return "application/vnd.ms-office"; // an old Office document whose name does not tell which
        }
        if (head.startsWith("PK\u0003\u0004")) {
            return DOCX; // a pretend Word document: the adapter reads its first entry
        }
        if (head.startsWith("MZ")) {
            return "application/x-msdownload";
        }
        if (head.toLowerCase().startsWith("<html") || head.toLowerCase().startsWith("<!doctype html")) {
            return "text/html";
        }
        if (head.startsWith("<svg") || head.startsWith("<?xml")) {
            return "image/svg+xml";
        }
        // letters beyond ASCII in any encoding are text; control characters are not
        return head.chars().allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n') ? "text/plain" : "application/octet-stream";
    }

    @Override
    public Optional<ImagePreview> preview(InputStream image, int maxWidth) {
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be at least 1, was " + maxWidth);
        }
        Duration busy = busyFor;
        if (busy != null) {
            throw new InspectorBusyException(busy);
        }
        byte[] head = bytes(image, HEADER_BYTES);
        int[] size = pngSize(head);
        boolean png = size != null;
        if (size == null) {
            size = jpegSize(head);
        }
        if (size == null) {
            boolean pretend = startsWith(head, 0xFF, 0xD8, 0xFF) || startsWith(head, 0x89, 'P', 'N', 'G');
            if (!pretend || new String(head, StandardCharsets.ISO_8859_1).contains("CORRUPT")) {
                return Optional.empty();
            }
            return Optional.of(preview(maxWidth, maxWidth / 2));
        }
        long pixels = (long) size[0] * size[1];
        if (pixels > MAX_PIXELS) {
            throw new ImageRefusedException("Image is " + size[0] + " × " + size[1] + " pixels; at most "
                    + MAX_PIXELS + " are accepted");
        }
        byte[] tail = tail(head, image, png ? 12 : 2);
        boolean complete = png ? startsWith(tail, 0, 0, 0, 0, 'I', 'E', 'N', 'D') : startsWith(tail, 0xFF, 0xD9);
        if (!complete || size[0] < 1 || size[1] < 1) {
            return Optional.empty();
        }
        double scale = Math.min(1.0, maxWidth / (double) size[0]);
        return Optional.of(preview(Math.max(1, (int) Math.round(size[0] * scale)),
                Math.max(1, (int) Math.round(size[1] * scale))));
    }

    /**
     * As the adapter does, less carefully: the whole file in memory, only the segments before the first scan looked
     * at, a JFIF thumbnail kept, a pretend image stored as it is. Enough for use-case tests; the adapter's is tested on damaged files too.
     */
    @Override
    public Optional<InputStream> withoutMetadata(InputStream content, String mediaType) {
        if (mediaType.equals(DOCX)) {
            // a pretend Word document: stored as it is, unless it says it is cut short, which it cannot be cleaned of
            byte[] document = bytes(content, Integer.MAX_VALUE);
            if (new String(document, StandardCharsets.ISO_8859_1).contains("CUT SHORT")) {
                return Optional.of(new InputStream() {
                    @Override
                    public int read() {
                        throw new FileRefusedException("Document could not be read to remove its metadata: it is cut "
                                + "short");
                    }
                });
            }
            return Optional.of(new ByteArrayInputStream(document));
        }
        if (mediaType.equals("audio/mpeg")) {
            // a pretend MP3: its tag runs from ID3 to the first line's end, or to the end of a file without one
            String mp3 = new String(bytes(content, Integer.MAX_VALUE), StandardCharsets.ISO_8859_1);
            int line = mp3.indexOf('\n');
            String frames = line < 0 ? "" : mp3.substring(line + 1);
            return Optional.of(new ByteArrayInputStream(frames.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (!mediaType.equals("image/jpeg")) {
            return Optional.empty();
        }
        byte[] jpeg = bytes(content, Integer.MAX_VALUE);
        List<JpegSegment> segments = TestImages.jpegSegments(jpeg);
        if (segments.isEmpty() || segments.getLast().marker() != 0xDA) {
            return Optional.of(new ByteArrayInputStream(jpeg)); // a pretend image, its magic number only
        }
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        stored.write(jpeg, 0, 2);
        boolean turned = false;
        for (JpegSegment segment : segments) {
            int marker = segment.marker();
            if (marker == 0xE1 && segment.startsWith("Exif\0\0") && !turned) {
                int orientation = TestImages.exifEntries(segment.payload()).getOrDefault(0x0112, 1);
                turned = orientation != 1;
                if (turned) {
                    stored.writeBytes(TestImages.jpegSegment(0xE1, java.nio.ByteBuffer.allocate(32)
                            .put("Exif\0\0MM\0*\0\0\0\u0008\0\u0001".getBytes(StandardCharsets.ISO_8859_1))
                            .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
                            .array()));
                }
            } else if (marker == 0xDA) {
                break;
            } else if (marker < 0xE0 || marker > 0xEF && marker != 0xFE || marker == 0xE0 && segment.startsWith("JFIF")
                    || marker == 0xE2 && segment.startsWith("ICC_PROFILE") || marker == 0xEE
                    && segment.startsWith("Adobe")) {
                stored.writeBytes(TestImages.jpegSegment(marker, segment.payload()));
            }
        }
        stored.writeBytes(TestImages.jpegScans(jpeg));
        return Optional.of(new ByteArrayInputStream(stored.toByteArray()));
    }

    /** As the adapter does, without byte order marks: UTF-8 when the bytes survive a round trip through it. */
    @Override
    public String textCharset(InputStream content) {
        byte[] text = bytes(content, Integer.MAX_VALUE);
        return java.util.Arrays.equals(new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), text)
                ? "utf-8" : "windows-1252";
    }

    private static ImagePreview preview(int width, int height) {
        return new ImagePreview("preview-bytes".getBytes(StandardCharsets.ISO_8859_1), "image/jpeg", width, height);
    }

    /** IHDR is always the first chunk: width and height at bytes 16 to 23. */
    private static int[] pngSize(byte[] head) {
        if (head.length < 24 || !startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)
                || !new String(head, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")) {
            return null;
        }
        return new int[] {int32(head, 16), int32(head, 20)};
    }

    /** The first start-of-frame marker (FFC0 to FFC2): height, then width, after length and precision. */
    private static int[] jpegSize(byte[] head) {
        if (!startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return null;
        }
        for (int i = 2; i + 8 < head.length; i++) {
            if ((head[i] & 0xFF) == 0xFF && (head[i + 1] & 0xFF) >= 0xC0 && (head[i + 1] & 0xFF) <= 0xC2) {
                return new int[] {uint16(head, i + 7), uint16(head, i + 5)};
            }
        }
        return null;
    }

    /** The last {@code n} bytes of the whole file, whose first bytes are {@code head}. */
    private static byte[] tail(byte[] head, InputStream rest, int n) {
        byte[] last = head;
        byte[] more;
        while ((more = bytes(rest, 64 * 1024)).length > 0) {
            last = more.length >= n ? more : concat(last, more);
        }
        return java.util.Arrays.copyOfRange(last, Math.max(0, last.length - n), last.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static String head(InputStream in, int n) {
        return new String(bytes(in, n), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(InputStream in, int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
