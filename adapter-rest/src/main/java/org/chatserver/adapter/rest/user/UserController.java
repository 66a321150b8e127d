package org.chatserver.adapter.rest.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.user.UserSettingsUseCase;
import org.chatserver.application.port.in.user.UserSettingsUseCase.Settings;
import org.chatserver.application.port.in.user.UserSettingsUseCase.SettingsChange;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "People and their settings")
public class UserController {

    private final UserSettingsUseCase settings;

    public UserController(UserSettingsUseCase settings) {
        this.settings = settings;
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
        return response(settings.change(caller, new SettingsChange(body.shareReadReceipts())));
    }

    private static SettingsResponse response(Settings settings) {
        return new SettingsResponse(settings.user().id().value(), settings.user().username().value(),
                WireTime.format(settings.user().createdAt()), settings.shareReadReceipts());
    }
}
