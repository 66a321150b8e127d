package org.chatserver.application.fakes;

import org.chatserver.application.contract.AccessTokensContract;
import org.chatserver.application.port.out.auth.AccessTokens;

class FakeAccessTokensTest extends AccessTokensContract {

    @Override
    protected AccessTokens newTokens() {
        return new FakeAccessTokens();
    }
}
