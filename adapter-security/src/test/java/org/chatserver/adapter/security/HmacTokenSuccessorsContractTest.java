package org.chatserver.adapter.security;

import java.security.SecureRandom;
import org.chatserver.application.contract.TokenSuccessorsContract;
import org.chatserver.application.port.out.auth.TokenSuccessors;

class HmacTokenSuccessorsContractTest extends TokenSuccessorsContract {

    private byte[] key = new byte[32];

    @Override
    protected TokenSuccessors newSuccessors() {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        return sameSecretAgain();
    }

    @Override
    protected TokenSuccessors sameSecretAgain() {
        return new HmacTokenSuccessors(key.clone());
    }
}
