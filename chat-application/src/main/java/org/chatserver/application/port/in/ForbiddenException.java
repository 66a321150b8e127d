package org.chatserver.application.port.in;

public final class ForbiddenException extends UseCaseException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
