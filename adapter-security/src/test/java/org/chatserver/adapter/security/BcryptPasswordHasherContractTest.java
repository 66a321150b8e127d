package org.chatserver.adapter.security;

import org.chatserver.application.contract.PasswordHasherContract;
import org.chatserver.application.port.out.auth.PasswordHasher;

class BcryptPasswordHasherContractTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher newHasher() {
        return new BcryptPasswordHasher(4);
    }
}
