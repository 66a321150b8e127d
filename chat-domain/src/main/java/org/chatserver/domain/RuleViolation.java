package org.chatserver.domain;

/**
 * A rule of the domain refused what a user asked for. The message is the reason, in words a user
 * may read; the kind says how it was refused, so that every adapter can answer in its own terms
 * (an HTTP status, an error frame) without knowing the rules.
 */
public abstract sealed class RuleViolation extends RuntimeException
        permits RuleViolation.NotPermitted, RuleViolation.NotPossible, RuleViolation.Conflict {

    private RuleViolation(String reason) {
        // a refusal is an answer, not a failure: no stack trace to fill in or print
        super(reason, null, false, false);
    }

    /** The user may see what they asked about, but may not do this to it (HTTP 403). */
    public static final class NotPermitted extends RuleViolation {

        public NotPermitted(String reason) {
            super(reason);
        }
    }

    /** Nobody may do this in the state things are in, whoever asks (HTTP 400). */
    public static final class NotPossible extends RuleViolation {

        public NotPossible(String reason) {
            super(reason);
        }
    }

    /** What was asked clashes with the state of the thing itself, e.g. editing a deleted message (HTTP 409). */
    public static final class Conflict extends RuleViolation {

        public Conflict(String reason) {
            super(reason);
        }
    }
}
