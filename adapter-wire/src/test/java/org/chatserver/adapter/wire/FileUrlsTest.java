package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatserver.domain.AttachmentRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FileUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/files/3f2a.png", " /api/files/3f2a.png ", "https://chat.example.com/api/files/3f2a.png",
        "HTTP://10.0.0.2:8000/api/files/3f2a.png"})
    void takesOnlyTheStoredNameFromARelativeOrAbsoluteUrl(String url) {
        assertThat(FileUrls.parse(url, null)).isEqualTo(new AttachmentRef("3f2a.png", null));
    }

    @Test
    void keepsTheNameToShowStrippedAndDropsABlankOne() {
        assertThat(FileUrls.parse("/api/files/a.png", "  holiday.png ").displayName()).isEqualTo("holiday.png");
        assertThat(FileUrls.parse("/api/files/a.png", "   ").displayName()).isNull();
    }

    @Test
    void givesOutRelativeUrls() {
        assertThat(FileUrls.of("3f2a.png")).isEqualTo("/api/files/3f2a.png");
    }
}
