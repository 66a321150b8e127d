package org.chatserver.adapter.rest.message;

import jakarta.validation.constraints.NotNull;

record EditMessageRequest(@NotNull(message = "content is required") String content) {
}
