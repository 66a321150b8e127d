package org.chatserver.application.port.in.auth;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.SessionId;

public interface LogOutUseCase {

    /** Ends the caller's session: its refresh token and every access token of it stop working. */
    void logOut(AuthenticatedUser caller);

    /**
     * Ends the session a refresh token was issued to, as {@link #logOut(AuthenticatedUser)} does, whether or not its
     * access tokens are still valid: how a client whose access token expired logs out without refreshing first. Any
     * refresh token the session was given will do, an already used one too (presenting that to refresh ends the
     * session as well).
     *
     * @throws org.chatserver.application.port.in.UnauthenticatedException when the token was issued to no session
     *                                                                       this server knows
     */
    void logOutWith(String refreshToken);

    /**
     * Ends every other session of the caller (a phone left somewhere, a shared computer): their refresh tokens and
     * access tokens stop working and their open connections close; the caller's own session goes on.
     *
     * @return how many sessions ended
     */
    int logOutOthers(AuthenticatedUser caller);

    /**
     * Ends one other session of the caller (the phone they lost), as {@link #logOutOthers} ends each of the others: its
     * refresh and access tokens stop working and its open connections close.
     *
     * @throws org.chatserver.application.port.in.NotFoundException     no live session of the caller has this id
     *                                                                   (another user's is not found either)
     * @throws org.chatserver.domain.RuleViolation.Conflict             it is the caller's own: that is a logout
     */
    void logOutSession(AuthenticatedUser caller, SessionId session);
}
