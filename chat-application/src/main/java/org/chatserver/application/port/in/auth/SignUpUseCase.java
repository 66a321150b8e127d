package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.RejectedException;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Username;

public interface SignUpUseCase {

    /** Registers the user and logs them in. {@link RejectedException} when the name is taken. */
    TokenPair signUp(SignUpCommand command);

    record SignUpCommand(Username username, PlainPassword password, String clientAddress) {
    }
}
