package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatserver.application.port.out.auth.TokenSuccessors;
import org.junit.jupiter.api.Test;

/** What every {@link TokenSuccessors} must do: the fake the use-case tests use, and the real one. */
public abstract class TokenSuccessorsContract {

    /** A new instance with its own secret. */
    protected abstract TokenSuccessors newSuccessors();

    /** Another instance with the same secret as the last one {@link #newSuccessors()} made (another node). */
    protected abstract TokenSuccessors sameSecretAgain();

    @Test
    void aTokenAlwaysHasTheSameSuccessorOnEveryNodeThatSharesTheSecret() {
        TokenSuccessors successors = newSuccessors();
        String next = successors.successorOf("refresh-token-one");

        assertThat(successors.successorOf("refresh-token-one")).isEqualTo(next);
        assertThat(sameSecretAgain().successorOf("refresh-token-one")).isEqualTo(next);
    }

    @Test
    void differentTokensHaveDifferentSuccessorsThatAreNotTheTokensThemselves() {
        TokenSuccessors successors = newSuccessors();

        assertThat(successors.successorOf("refresh-token-one"))
                .isNotEqualTo(successors.successorOf("refresh-token-two"))
                .isNotEqualTo("refresh-token-one");
        assertThat(successors.successorOf(successors.successorOf("refresh-token-one")))
                .isNotEqualTo(successors.successorOf("refresh-token-one"));
    }

    @Test
    void successorsAreUrlSafeAndLongEnoughToGuessNoneOfThem() {
        String next = newSuccessors().successorOf("refresh-token-one");

        assertThat(next).matches("[A-Za-z0-9_-]{43,}");
    }
}
