package org.chatserver.application.contract;

/**
 * A failure a test causes on purpose, such as a listener that throws. It has no stack trace: the code under
 * test logs it as it logs any failure, and the test output shows that one line, not frames nobody needs.
 */
public final class DeliberateFailure extends RuntimeException {

    public DeliberateFailure(String message) {
        super(message, null, false, false);
    }
}
