package org.chatserver.application.port.in;

public final class NotFoundException extends UseCaseException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
