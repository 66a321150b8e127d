package org.chatserver.domain;

/** What a stored file really is, decided by the server from its content. */
public enum AttachmentKind {
    IMAGE, VIDEO, AUDIO, DOCUMENT;

    /** Images, audio and video show in place; anything else downloads, so a browser never renders it. */
    public boolean showsInline() {
        return this != DOCUMENT;
    }
}
