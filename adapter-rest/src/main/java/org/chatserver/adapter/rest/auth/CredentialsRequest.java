package org.chatserver.adapter.rest.auth;

import jakarta.validation.constraints.NotNull;
import org.chatserver.application.port.in.auth.LogInUseCase.LogInCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Username;

/** Body of signup and login. Emptiness and length are the domain's to judge (422 from {@code Username}). */
record CredentialsRequest(
        @NotNull(message = "username is required") String username,
        @NotNull(message = "password is required") String password) {

    /** Username first: a client fixing errors one at a time starts at the top of its form. */
    SignUpCommand signUp(String clientAddress, DeviceLabel device) {
        Username name = new Username(username);
        PlainPassword secret = new PlainPassword(password);
        return new SignUpCommand(name, secret, clientAddress, device);
    }

    /** Taken as typed: a name or password that could never have been registered is a 401, not a 422. */
    LogInCommand logIn(String clientAddress, DeviceLabel device) {
        return new LogInCommand(username, password, clientAddress, device);
    }

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + ", password=***]";
    }
}
