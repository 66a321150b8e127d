package org.chatserver.adapter.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.chatserver.application.port.out.auth.TokenSuccessors;

/**
 * A refresh token's successor is its HMAC-SHA256 under a key of its own, derived from the signing key
 * (so the signing key is never used for two purposes): every node that shares the signing key derives the
 * same successor, and a token alone says nothing about the one after it.
 */
final class HmacTokenSuccessors implements TokenSuccessors {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "chat-server refresh token successors v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;

    HmacTokenSuccessors(byte[] signingKey) {
        Objects.requireNonNull(signingKey, "signingKey");
        this.key = new SecretKeySpec(mac(new SecretKeySpec(signingKey, ALGORITHM), PURPOSE), ALGORITHM);
    }

    @Override
    public String successorOf(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(key, refreshToken.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] mac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
