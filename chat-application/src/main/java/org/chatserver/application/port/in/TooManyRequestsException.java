package org.chatserver.application.port.in;

import java.time.Duration;

/** The caller tried too often; {@link #retryAfter()} says when it may try again. */
public final class TooManyRequestsException extends RetryLaterException {

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail, retryAfter);
    }
}
