package org.chatserver.adapter.security;

import java.security.SecureRandom;
import org.chatserver.application.contract.AccessTokensContract;
import org.chatserver.application.port.out.auth.AccessTokens;

class JjwtAccessTokensContractTest extends AccessTokensContract {

    @Override
    protected AccessTokens newTokens() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new JjwtAccessTokens(key);
    }
}
