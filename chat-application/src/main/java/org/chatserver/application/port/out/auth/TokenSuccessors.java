package org.chatserver.application.port.out.auth;

/**
 * The refresh token that follows another when it is used, derived with a secret only the servers hold.
 * The same token always has the same successor, so a client that sends a refresh again (its answer was
 * lost, or two of its requests raced) is given the same new token, not a second one; and nobody without
 * the secret can work out a session's next token from an old one.
 */
public interface TokenSuccessors {

    /** The successor of {@code refreshToken}: a new opaque token of at least 256 bits, URL-safe. */
    String successorOf(String refreshToken);
}
