package org.chatserver.application.fakes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.chatserver.application.port.out.auth.TokenSuccessors;

/** SHA-256 of a secret and the token: deterministic like the real one, with no key handling. */
public final class FakeTokenSuccessors implements TokenSuccessors {

    private final String secret;

    public FakeTokenSuccessors() {
        this("fake-successor-secret");
    }

    public FakeTokenSuccessors(String secret) {
        this.secret = secret;
    }

    @Override
    public String successorOf(String refreshToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((secret + '\n' + refreshToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
