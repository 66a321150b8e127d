package org.chatserver.domain;

/** What a stored file really is, decided by the server from its content. */
public enum AttachmentKind {
    IMAGE, VIDEO, AUDIO, DOCUMENT
}
