package org.chatserver.adapter.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatserver.domain.DeviceLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserAgentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome on Linux
            Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 | Chrome on Linux
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge on Windows
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox on Windows
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari on macOS
            Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari on iOS
            Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | Chrome on iPadOS
            Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome on Android
            Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera on Windows
            Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome on ChromeOS
            Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0 | Firefox on Android
            Mozilla/5.0 Firefox/133.0 | Firefox
            SocketChat/12 CFNetwork/1496.0.7 Darwin/23.5.0 | SocketChat (iOS app)
            CFNetwork/1496.0.7 Darwin/23.5.0 | CFNetwork (iOS app)
            Socket%20Chat/12 CFNetwork/1496.0.7 Darwin/23.5.0 | Socket Chat (iOS app)
            %E3%83%81%E3%83%A3%E3%83%83%E3%83%88/3 CFNetwork/1496.0.7 Darwin/23.5.0 | チャット (iOS app)
            Socket%ZZChat/12 CFNetwork/1496.0.7 Darwin/23.5.0 | CFNetwork (iOS app)
            Socket%3Cb%3EChat/12 CFNetwork/1496.0.7 Darwin/23.5.0 | CFNetwork (iOS app)
            curl/8.5.0 | curl/8.5.0
            Java-http-client/25 | Java-http-client/25
            """)
    void knownAgentsGetAShortLabel(String agent, String label) {
        assertThat(UserAgents.deviceOf(agent)).contains(new DeviceLabel(label));
    }

    /** The container reads a header's bytes as ISO-8859-1; an agent written in UTF-8 is shown as it was written. */
    @Test
    void anAgentSentInUtf8IsReadAsUtf8AndCutWhereACharacterEnds() {
        String sent = "Ünïcødé-Agent/1.0 日本";
        String asTheContainerReadsIt = new String(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(UserAgents.deviceOf(UserAgents.asSent(asTheContainerReadsIt))).contains(new DeviceLabel(sent));
        String long_ = "x".repeat(59) + "é日";
        assertThat(UserAgents.deviceOf(UserAgents.asSent(new String(long_.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1)))).contains(new DeviceLabel("x".repeat(59) + "é"));
        assertThat(UserAgents.asSent("caf\u00e9 latin-1")).as("bytes that are not UTF-8 stay as read")
                .isEqualTo("caf\u00e9 latin-1");
    }

    @Test
    void anUnknownAgentIsShownAsItIsCutToSixtyCharacters() {
        String agent = "SomeBot/1.0 (+https://example.com/a-very-long-description-of-this-bot-and-what-it-does)";

        assertThat(UserAgents.deviceOf(agent)).contains(new DeviceLabel(agent.substring(0, 60)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noAgentIsNoLabel(String agent) {
        assertThat(UserAgents.deviceOf(agent)).isEmpty();
    }

    @Test
    void onlyTheStartOfAHugeAgentIsRead() {
        // a browser's name after the first 512 characters is not looked for
        String agent = "x".repeat(UserAgents.READ) + " Firefox/133.0";

        assertThat(UserAgents.deviceOf(agent)).contains(new DeviceLabel("x".repeat(60)));
        assertThat(UserAgents.deviceOf("Mozilla/5.0 Firefox/1 " + "y".repeat(1_000_000)))
                .contains(new DeviceLabel("Firefox"));
    }
}
