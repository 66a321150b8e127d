package org.chatserver.application.port.in.auth;

public interface RefreshTokensUseCase {

    /**
     * Trades a refresh token for a new pair; the old refresh token stops working. Presenting a
     * refresh token that was already used revokes its whole session.
     */
    TokenPair refresh(String refreshToken);
}
