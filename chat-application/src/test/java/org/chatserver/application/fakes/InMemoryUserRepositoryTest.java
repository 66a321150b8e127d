package org.chatserver.application.fakes;

import org.chatserver.application.contract.UserRepositoryContract;
import org.chatserver.application.port.out.user.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository newRepository() {
        return new InMemoryUserRepository();
    }
}
