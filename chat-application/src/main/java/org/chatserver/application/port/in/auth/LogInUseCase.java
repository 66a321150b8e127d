package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.domain.DeviceLabel;

public interface LogInUseCase {

    /**
     * Opens a new session. {@link UnauthenticatedException} for a wrong name or password (the
     * same answer for both), {@link TooManyRequestsException} after repeated failures.
     * Raw strings on purpose: a name or password that could never have been registered is just
     * a wrong one.
     */
    TokenPair logIn(LogInCommand command);

    /** {@code device}: what the client says it is, to name the session in the user's list; null when unknown. */
    record LogInCommand(String username, String password, String clientAddress, DeviceLabel device) {

        /** A login from a device that could not be told. */
        public LogInCommand(String username, String password, String clientAddress) {
            this(username, password, clientAddress, null);
        }

        @Override
        public String toString() {
            return "LogInCommand[username=" + username + ", clientAddress=" + clientAddress + ", device=" + device + "]";
        }
    }
}
