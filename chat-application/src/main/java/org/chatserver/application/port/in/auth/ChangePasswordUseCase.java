package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.PlainPassword;

public interface ChangePasswordUseCase {

    /**
     * Gives the caller a new password once the current one is confirmed, and ends every other session of theirs (their
     * other devices log in again with the new one; their open connections close); the caller's own session goes on.
     * A wrong current password counts as a failed login of the caller's name and address, so a stolen access token
     * cannot be used to guess it.
     *
     * @throws org.chatserver.application.port.in.ForbiddenException        the current password is not the caller's
     * @throws InvalidValueException                                        the new password is the current one (checked
     *                                                                       only once the current one is confirmed)
     * @throws org.chatserver.application.port.in.TooManyRequestsException  after repeated failures, as for login
     * @throws org.chatserver.application.port.in.ServiceBusyException      password hashing is saturated
     */
    void changePassword(AuthenticatedUser caller, ChangePasswordCommand command);

    /**
     * The current password as typed (a wrong one, however malformed, is just wrong) and the new one, which must be a
     * valid password.
     */
    record ChangePasswordCommand(String currentPassword, PlainPassword newPassword, String clientAddress) {

        /** The new password, in the domain's words. */
        public static final String NEW_PASSWORD = "new password";

        /**
         * The refusal of a new password that is the current one: "changing" to it would log out every other device
         * and change nothing, which is surely not what was meant.
         */
        public static InvalidValueException unchanged() {
            return new InvalidValueException(NEW_PASSWORD, "{} must differ from the current password");
        }

        @Override
        public String toString() {
            return "ChangePasswordCommand[clientAddress=" + clientAddress + "]";
        }
    }
}
