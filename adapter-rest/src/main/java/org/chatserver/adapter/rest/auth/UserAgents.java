package org.chatserver.adapter.rest.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chatserver.domain.DeviceLabel;

/**
 * A short label a person recognises ("Chrome on Linux", "Safari on iOS", "SocketChat (iOS app)") for the session a
 * login or sign-up opens, from its {@code User-Agent}. Deliberately small: the common browsers and systems and Apple's
 * networking stack, which the iOS app's requests carry; any other agent is shown as it is, cut short
 * ({@link DeviceLabel#cut}); none at all is no label. Only the first {@value #READ} characters are read, with plain
 * substring searches, so a long or hostile header costs nothing. The header itself is never kept: it says more about
 * the device than a list of one's sessions needs.
 */
final class UserAgents {

    static final int READ = 512;
    private static final int MAX_APP_NAME = 40;

    private UserAgents() {
    }

    /** The label of the device a request came from; null when it could not be told. */
    static DeviceLabel deviceOf(HttpServletRequest request) {
        return deviceOf(asSent(request.getHeader("User-Agent"))).orElse(null);
    }

    /**
     * The header as its sender wrote it: the container reads a header's bytes as ISO-8859-1, so an agent sent in UTF-8
     * ("Ünïcødé", an app name in Japanese) would be shown as "ÃnÃ¯cÃ¸dÃ©"; read again as UTF-8 when its bytes
     * are that, as they are as they came otherwise.
     */
    static String asSent(String header) {
        if (header == null || header.chars().allMatch(c -> c < 0x80) || header.chars().anyMatch(c -> c > 0xFF)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return header;
        }
    }

    static Optional<DeviceLabel> deviceOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        String agent = userAgent.length() > READ ? userAgent.substring(0, READ) : userAgent;
        if (agent.contains("CFNetwork/")) {
            // an app on Apple's URLSession: "SocketChat/12 CFNetwork/1496.0.7 Darwin/23.5.0"
            return DeviceLabel.cut(appName(agent) + " (iOS app)");
        }
        String browser = browser(agent);
        if (browser == null) {
            return DeviceLabel.cut(agent);
        }
        String system = system(agent);
        return DeviceLabel.cut(system == null ? browser : browser + " on " + system);
    }

    /**
     * The agent's first product name when it is a plain one, else {@code CFNetwork}. Apple's stack percent-encodes an
     * app's name ("Socket%20Chat/12" for "Socket Chat"), which is decoded.
     */
    private static String appName(String agent) {
        int slash = agent.indexOf('/');
        if (slash <= 0 || slash > 3 * MAX_APP_NAME || agent.startsWith("CFNetwork/")) {
            return "CFNetwork";
        }
        String name;
        try {
            name = URLDecoder.decode(agent.substring(0, slash).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return "CFNetwork";
        }
        boolean plain = name.codePointCount(0, name.length()) <= MAX_APP_NAME && !name.isBlank()
                && name.codePoints().allMatch(UserAgents::isNameChar);
        return plain ? name : "CFNetwork";
    }

    private static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ' ';
    }

    /** Order matters: Edge and Opera also say Chrome and Safari, Chrome also says Safari. */
    private static String browser(String agent) {
        if (has(agent, "Edg/", "EdgA/", "EdgiOS/")) {
            return "Edge";
        }
        if (has(agent, "OPR/", "Opera")) {
            return "Opera";
        }
        if (has(agent, "SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (has(agent, "Firefox/", "FxiOS/")) {
            return "Firefox";
        }
        if (has(agent, "Chromium/")) {
            return "Chromium";
        }
        if (has(agent, "Chrome/", "CriOS/")) {
            return "Chrome";
        }
        if (agent.contains("Safari/") && agent.contains("Version/")) {
            return "Safari";
        }
        return null;
    }

    /** Order matters: Android also says Linux, an iPhone also says Mac OS X. */
    private static String system(String agent) {
        if (agent.contains("Windows")) {
            return "Windows";
        }
        if (agent.contains("Android")) {
            return "Android";
        }
        if (has(agent, "iPhone", "iPod")) {
            return "iOS";
        }
        if (agent.contains("iPad")) {
            return "iPadOS";
        }
        if (agent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (has(agent, "Mac OS X", "Macintosh")) {
            return "macOS";
        }
        if (agent.contains("Linux")) {
            return "Linux";
        }
        return null;
    }

    private static boolean has(String agent, String... words) {
        for (String word : words) {
            if (agent.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
