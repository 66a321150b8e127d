package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessTokens} must do: the fake the use-case tests use, and the real signer.
 * Times are whole seconds, as JWT carries them.
 */
public abstract class AccessTokensContract {

    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plusSeconds(900);

    private AccessTokens tokens;

    /** Called once before each test. */
    protected abstract AccessTokens newTokens();

    @BeforeEach
    void createTokens() {
        tokens = newTokens();
    }

    private static AccessTokenClaims claims(long user, String name, long session) {
        return new AccessTokenClaims(new UserId(user), new Username(name), new SessionId(session), ISSUED, EXPIRES);
    }

    @Test
    void anIssuedTokenVerifiesToItsClaimsUntilItExpires() {
        AccessTokenClaims claims = claims(7, "alice", 42);
        String token = tokens.issue(claims);

        assertThat(tokens.verify(token, ISSUED)).contains(claims);
        assertThat(tokens.verify(token, EXPIRES.minusSeconds(1))).contains(claims);
        assertThat(tokens.verify(token, EXPIRES)).as("dead from the second exp names").isEmpty();
        assertThat(tokens.verify(token, EXPIRES.plusSeconds(3600))).isEmpty();
    }

    @Test
    void eachTokenCarriesItsOwnClaims() {
        String alice = tokens.issue(claims(7, "alice", 42));
        String bob = tokens.issue(claims(8, "bob", 43));

        assertThat(alice).isNotEqualTo(bob);
        assertThat(tokens.verify(bob, ISSUED).orElseThrow().username().value()).isEqualTo("bob");
        assertThat(tokens.verify(bob, ISSUED).orElseThrow().sessionId()).isEqualTo(new SessionId(43));
    }

    @Test
    void anythingItDidNotIssueIsRefused() {
        String token = tokens.issue(claims(7, "alice", 42));

        for (String forged : new String[] {token + "x", token.substring(0, token.length() - 1), "", " ",
                "not-a-token", "a.b.c"}) {
            assertThat(tokens.verify(forged, ISSUED)).as(forged).isEmpty();
        }
        assertThat(tokens.verify(null, ISSUED)).isEmpty();
    }
}
