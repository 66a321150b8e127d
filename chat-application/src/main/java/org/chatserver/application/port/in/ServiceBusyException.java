package org.chatserver.application.port.in;

import java.time.Duration;

/**
 * The server cannot take this request now, through no fault of the client's: try again after
 * {@link #retryAfter()} (503 with {@code Retry-After} on the wire).
 */
public final class ServiceBusyException extends UseCaseException {

    private final Duration retryAfter;

    public ServiceBusyException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
