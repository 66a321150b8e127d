package org.chatserver.adapter.rest.room;

import jakarta.validation.constraints.NotNull;

record MuteRequest(@NotNull(message = "username is required") String username,
                   @NotNull(message = "minutes is required") Integer minutes) {
}
