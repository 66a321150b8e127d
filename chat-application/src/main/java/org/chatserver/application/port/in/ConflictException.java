package org.chatserver.application.port.in;

/** The request clashes with existing state, e.g. a duplicate room name. */
public final class ConflictException extends UseCaseException {

    public ConflictException(String detail) {
        super(detail);
    }
}
