package org.chatserver.application.port.in;

import java.time.Duration;

public final class TooManyRequestsException extends UseCaseException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
