package org.chatserver.application.fakes;

import org.chatserver.application.contract.PasswordHasherContract;
import org.chatserver.application.port.out.auth.PasswordHasher;

class FakePasswordHasherTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher newHasher() {
        return new FakePasswordHasher();
    }
}
