package org.chatserver.application.port.in;

/** A use case refused a request; the subclass says how, {@link #getMessage()} says why. */
public abstract sealed class UseCaseException extends RuntimeException
        permits NotFoundException, ConflictException, RejectedException, UnauthenticatedException,
        ForbiddenException, TooManyRequestsException, ServiceBusyException {

    protected UseCaseException(String detail) {
        super(detail, null, false, false);
    }
}
