package org.chatserver.application.port.in;

public interface AuthenticateUseCase {

    /** The caller behind an access token, or {@link UnauthenticatedException}. */
    AuthenticatedUser authenticate(String accessToken);
}
