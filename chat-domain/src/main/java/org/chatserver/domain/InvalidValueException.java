package org.chatserver.domain;

/** A value was refused by its own constructor; {@code field} names the input that was wrong. */
public final class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
