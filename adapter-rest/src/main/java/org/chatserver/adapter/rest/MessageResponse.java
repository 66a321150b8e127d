package org.chatserver.adapter.rest;

/** The old server's plain acknowledgement, {@code {"message": "..."}}. */
public record MessageResponse(String message) {
}
