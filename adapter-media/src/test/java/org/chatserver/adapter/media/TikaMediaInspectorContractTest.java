package org.chatserver.adapter.media;

import org.chatserver.application.contract.MediaInspectorContract;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.junit.jupiter.api.AfterEach;

class TikaMediaInspectorContractTest extends MediaInspectorContract {

    private final TikaMediaInspector inspector = Inspectors.standard();

    @AfterEach
    void close() {
        inspector.close();
    }

    @Override
    protected MediaInspector inspector() {
        return inspector;
    }
}
