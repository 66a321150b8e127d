package org.chatserver.application.contract;

import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorage;

class InMemoryAttachmentStorageTest extends AttachmentStorageContract {

    private final InMemoryAttachmentStorage storage = new InMemoryAttachmentStorage();

    @Override
    protected AttachmentStorage storage() {
        return storage;
    }
}
