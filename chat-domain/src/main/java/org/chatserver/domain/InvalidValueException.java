package org.chatserver.domain;

/**
 * A value was refused by its own constructor or by a rule about values. {@code subject} names it
 * in the domain's words ("room name", "message text"); the problem says what is wrong with it, with
 * {@value #NAME} where the value's name goes. {@link #getMessage()} uses the domain's name; an
 * adapter puts in the name its clients know instead (a JSON field), see {@link #describe}.
 */
public final class InvalidValueException extends RuntimeException {

    public static final String NAME = "{}";

    private final String subject;
    private final String problem;

    public InvalidValueException(String subject, String problem) {
        super(problem.replace(NAME, subject));
        this.subject = subject;
        this.problem = problem;
    }

    /** What was refused, in domain words; for an adapter's own checks, the name it gave it. */
    public String subject() {
        return subject;
    }

    /** What is wrong, with the value's name put in as {@code name}. */
    public String describe(String name) {
        return problem.replace(NAME, name);
    }
}
