package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.RejectedException;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Username;

public interface SignUpUseCase {

    /** Registers the user and logs them in. {@link RejectedException} when the name is taken. */
    TokenPair signUp(SignUpCommand command);

    /** {@code device}: what the client says it is, to name the session in the user's list; null when unknown. */
    record SignUpCommand(Username username, PlainPassword password, String clientAddress, DeviceLabel device) {

        /** A sign-up from a device that could not be told. */
        public SignUpCommand(Username username, PlainPassword password, String clientAddress) {
            this(username, password, clientAddress, null);
        }
    }
}
