package org.chatserver.application.port.in;

import java.time.Duration;

/** A refusal that says when the same request may be tried again ({@code null}: no estimate). */
public abstract sealed class RetryLaterException extends UseCaseException
        permits TooManyRequestsException, ServiceBusyException {

    private final Duration retryAfter;

    protected RetryLaterException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
