package org.chatserver.application.port.in;

/** Who is asking could not be established: bad credentials or a bad, expired or revoked token. */
public final class UnauthenticatedException extends UseCaseException {

    public UnauthenticatedException(String detail) {
        super(detail);
    }
}
