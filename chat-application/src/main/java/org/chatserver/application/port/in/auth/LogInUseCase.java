package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;

public interface LogInUseCase {

    /**
     * Opens a new session. {@link UnauthenticatedException} for a wrong name or password (the
     * same answer for both), {@link TooManyRequestsException} after repeated failures.
     * Raw strings on purpose: a name or password that could never have been registered is just
     * a wrong one.
     */
    TokenPair logIn(LogInCommand command);

    record LogInCommand(String username, String password, String clientAddress) {

        @Override
        public String toString() {
            return "LogInCommand[username=" + username + ", clientAddress=" + clientAddress + "]";
        }
    }
}
