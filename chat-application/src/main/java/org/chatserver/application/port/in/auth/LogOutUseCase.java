package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.AuthenticatedUser;

public interface LogOutUseCase {

    /** Ends the caller's session: its refresh token and every access token of it stop working. */
    void logOut(AuthenticatedUser caller);
}
