package org.chatserver.application.port.out.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatserver.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A value, so its cases run once here, not once per storage adapter: every store receives only keys
 * that passed this constructor.
 */
class StorageKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "", ".", "..", "../secret", "..\\secret", "a/../../etc/passwd", "/etc/passwd", "a/b", "a\\b",
        "C:\\windows\\win.ini", "C:x", "a%2Fb", "a%2fb", "%2e%2e", "..%2F", "a%5Cb", "a\u0000.png",
        "a\n.png", "a\r.png", "a\t.png", "a\u007f.png", " a.png", "a .png", ".hidden", "-rf", "_x",
        "a..b", "a.png.", "con", "NUL.txt", "com1.png", "a:b", "a*b", "a?b", "~root", "a\u00e9.png",
        "a\u2215b", "a\uff0fb"
    })
    void refusesAnythingThatIsNotAPlainFileName(String name) {
        assertThatThrownBy(() -> new StorageKey(name))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.subject()).isEqualTo("storage key"));
    }

    @Test
    void refusesNullAndOverlongNamesButTakesTheLongestAllowed() {
        assertThatThrownBy(() -> new StorageKey(null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new StorageKey("a".repeat(StorageKey.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(new StorageKey("x".repeat(StorageKey.MAX_LENGTH)).value()).hasSize(StorageKey.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1e-1b2c-4d5e-8f90-123456789abc.png", "a", "A_b-c.tar.gz", "report.v2.pdf",
        "console.png", "9"})
    void acceptsPlainFileNames(String name) {
        assertThat(new StorageKey(name).value()).isEqualTo(name);
    }
}
