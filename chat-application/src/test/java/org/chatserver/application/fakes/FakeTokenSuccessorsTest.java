package org.chatserver.application.fakes;

import org.chatserver.application.contract.TokenSuccessorsContract;
import org.chatserver.application.port.out.auth.TokenSuccessors;

class FakeTokenSuccessorsTest extends TokenSuccessorsContract {

    private int secrets;

    @Override
    protected TokenSuccessors newSuccessors() {
        secrets++;
        return sameSecretAgain();
    }

    @Override
    protected TokenSuccessors sameSecretAgain() {
        return new FakeTokenSuccessors("secret-" + secrets);
    }
}
