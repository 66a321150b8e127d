package org.chatserver.adapter.security;

import org.chatserver.application.contract.PasswordHasherContract;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.junit.jupiter.api.AfterEach;

/** The hasher as the server wires it: bcrypt behind the bounded pool. */
class BoundedPasswordHasherContractTest extends PasswordHasherContract {

    private BoundedPasswordHasher hasher;

    @Override
    protected PasswordHasher newHasher() {
        hasher = new BoundedPasswordHasher(new BcryptPasswordHasher(4), 1, 4);
        return hasher;
    }

    @AfterEach
    void stop() {
        hasher.close();
    }
}
