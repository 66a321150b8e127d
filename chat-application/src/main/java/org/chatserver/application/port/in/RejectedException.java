package org.chatserver.application.port.in;

/** Well-formed but refused, e.g. a username that is already registered (400 on the wire). */
public final class RejectedException extends UseCaseException {

    public RejectedException(String detail) {
        super(detail);
    }
}
