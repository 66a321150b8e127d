package org.chatserver.adapter.rest.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.user.PresenceUseCase;
import org.chatserver.application.port.in.user.PresenceUseCase.UserView;
import org.chatserver.application.port.in.user.UserSettingsUseCase;
import org.chatserver.application.port.in.user.UserSettingsUseCase.Settings;
import org.chatserver.application.port.in.user.UserSettingsUseCase.SettingsChange;
import org.chatserver.domain.Username;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "People and their settings")
public class UserController {

    private final UserSettingsUseCase settings;
    private final PresenceUseCase presence;

    public UserController(UserSettingsUseCase settings, PresenceUseCase presence) {
        this.settings = settings;
        this.presence = presence;
    }

    @GetMapping("/{username}")
    @Operation(summary = "A user and whether they are around",
            description = "`status`: `online` (connected, sent a frame within the away period), `away` (connected "
                    + "but idle, or said so), `offline`. `last_seen`: now while connected, when their last "
                    + "connection ended once offline, null when never seen. Both are shown for the caller and for "
                    + "those who share a room with them (of any kind); both are null for anyone else. "
                    + "404 `User not found`.")
    UserResponse user(AuthenticatedUser caller, @PathVariable String username) {
        UserView view = presence.user(caller, new Username(username));
        return new UserResponse(view.user().id().value(), view.user().username().value(),
                view.presence().map(p -> WireValues.presence(p.status())).orElse(null),
                view.presence().map(p -> WireTime.format(p.lastSeen())).orElse(null));
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's profile and settings")
    SettingsResponse me(AuthenticatedUser caller) {
        return response(settings.settings(caller));
    }

    @PatchMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the caller's settings",
            description = "Only the keys given change. `share_read_receipts: false`: the caller appears in no "
                    + "seen-by list, members lists show no read position for them and their reading sends no "
                    + "`read` frames; their own unread counts work as before.")
    SettingsResponse change(AuthenticatedUser caller, @RequestBody SettingsRequest body) {
        return response(settings.change(caller, new SettingsChange(body.checkedShareReadReceipts())));
    }

    private static SettingsResponse response(Settings settings) {
        return new SettingsResponse(settings.user().id().value(), settings.user().username().value(),
                WireTime.format(settings.user().createdAt()), settings.shareReadReceipts());
    }
}
