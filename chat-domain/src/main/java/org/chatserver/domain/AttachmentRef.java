package org.chatserver.domain;

/**
 * A file a sender points a message at: the name this server stored it under, and the name to show
 * for it, if the sender gave one. Whether such an upload exists is for the server to look up.
 *
 * @param displayName stripped; null when the sender gave none
 */
public record AttachmentRef(String fileName, String displayName) {

    public AttachmentRef {
        Attachment.checkStoredName(fileName);
        displayName = Attachment.chosenDisplayNameOrNull(displayName);
    }
}
