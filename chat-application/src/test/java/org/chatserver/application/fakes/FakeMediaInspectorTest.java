package org.chatserver.application.fakes;

import org.chatserver.application.contract.MediaInspectorContract;
import org.chatserver.application.port.out.attachment.MediaInspector;

class FakeMediaInspectorTest extends MediaInspectorContract {

    private final FakeMediaInspector inspector = new FakeMediaInspector();

    @Override
    protected MediaInspector inspector() {
        return inspector;
    }
}
