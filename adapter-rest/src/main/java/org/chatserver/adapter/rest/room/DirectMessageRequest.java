package org.chatserver.adapter.rest.room;

import jakarta.validation.constraints.NotNull;

record DirectMessageRequest(@NotNull(message = "username is required") String username) {
}
