package org.chatserver.adapter.security;

/** The signing key configuration cannot give a usable key; the message names the property to fix. */
public final class InvalidSigningKeyException extends IllegalStateException {

    InvalidSigningKeyException(String message) {
        super(message);
    }

    InvalidSigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
