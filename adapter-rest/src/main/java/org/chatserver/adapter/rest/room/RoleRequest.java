package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

record RoleRequest(@NotNull(message = "role is required") @Schema(allowableValues = {"moderator", "member"})
                   String role) {
}
