package org.chatserver.adapter.rest.room;

import jakarta.validation.constraints.NotNull;

record AddMemberRequest(@NotNull(message = "username is required") String username) {
}
