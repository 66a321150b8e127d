package org.chatserver.application.port.in;

import java.time.Duration;

/**
 * The server cannot take this request now (a bounded queue is full, a store it needs is out of
 * reach); the same request may well succeed after {@link #retryAfter()}. Nothing was changed.
 */
public final class ServiceBusyException extends RetryLaterException {

    public ServiceBusyException(String detail, Duration retryAfter) {
        super(detail, retryAfter);
    }
}
