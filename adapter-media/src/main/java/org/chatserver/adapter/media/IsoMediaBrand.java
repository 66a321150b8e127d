package org.chatserver.adapter.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The major brand of an ISO base media file ({@code ftyp} box first), which says MP4 rather than QuickTime. */
record IsoMediaBrand(String major) {

    /**
     * Brands of plain MP4 files as cameras, phones and encoders write them. Tika core recognises only
     * mp41/mp42 and would call an iPhone's or ffmpeg's isom MP4 QuickTime; M4A/M4V brands it knows itself.
     */
    private static final Set<String> MP4_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
            "mp41", "mp42", "mp71", "avc1", "mmp4", "dash", "MSNV", "f4v ");

    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);

    static Optional<IsoMediaBrand> of(byte[] head) {
        if (head.length < 12 || !Arrays.equals(head, 4, 8, FTYP, 0, 4)) {
            return Optional.empty();
        }
        return Optional.of(new IsoMediaBrand(new String(head, 8, 4, StandardCharsets.US_ASCII)));
    }

    boolean isMp4() {
        return MP4_BRANDS.contains(major);
    }

    boolean isQuickTime() {
        return major.equals("qt  ");
    }
}
