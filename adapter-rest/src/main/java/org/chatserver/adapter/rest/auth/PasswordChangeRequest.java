package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import org.chatserver.application.port.in.auth.ChangePasswordUseCase.ChangePasswordCommand;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.PlainPassword;

/** Body of a password change. The new password is the domain's to judge (422 naming {@code new_password}). */
record PasswordChangeRequest(
        @JsonProperty("current_password") @NotNull(message = "current_password is required") String currentPassword,
        @JsonProperty("new_password") @NotNull(message = "new_password is required") String newPassword) {

    private static final String NEW_PASSWORD = "new_password";

    /** The current password taken as typed: one that could never have been set is just a wrong one (403). */
    ChangePasswordCommand command(String clientAddress) {
        PlainPassword next;
        try {
            next = new PlainPassword(newPassword);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(NEW_PASSWORD, e.describe(InvalidValueException.NAME));
        }
        return new ChangePasswordCommand(currentPassword, next, clientAddress);
    }

    @Override
    public String toString() {
        return "PasswordChangeRequest[***]";
    }
}
