package org.chatserver.adapter.rest.auth;

record MessageResponse(String message) {
}
