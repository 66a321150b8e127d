package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;

public interface AuthenticateUseCase {

    /** The caller behind an access token, or {@link UnauthenticatedException}. */
    AuthenticatedUser authenticate(String accessToken);
}
