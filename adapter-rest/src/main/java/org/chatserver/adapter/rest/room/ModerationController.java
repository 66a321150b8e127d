package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import org.chatserver.adapter.rest.MessageResponse;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.AuditPage;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.ChangeRole;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.Muted;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mute;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{room_id}")
@Tag(name = "moderation", description = "Roles, mutes, bans and the audit log of a room")
public class ModerationController {

    private static final String DEFAULT_LIMIT = "" + AuditPage.DEFAULT_LIMIT;
    private static final String ROLE = "role";

    private final ModerateRoomUseCase moderation;

    public ModerationController(ModerateRoomUseCase moderation) {
        this.moderation = moderation;
    }

    @PutMapping(path = "/members/{username}/role", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Make a member a moderator, or a moderator a member",
            description = "By the room's owner only (403 for anyone else, and for the owner's own role); 404 for a "
                    + "user who is not a member; 422 for a role other than `moderator` or `member`.")
    RoleResponse changeRole(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable String username, @Valid @RequestBody RoleRequest body) {
        ChangeRole command = new ChangeRole(new RoomId(roomId), new Username(username), role(body.role()));
        return RoomController.MAPPER.toRoleResponse(moderation.changeRole(caller, command));
    }

    @PostMapping(path = "/mutes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mute a member for some minutes",
            description = "By the owner and moderators. The member's posts are refused with 403 until then; a new "
                    + "mute replaces the last one. `minutes` 1 to " + Mute.MAX_MINUTES + ".")
    MuteResponse mute(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @Valid @RequestBody MuteRequest body) {
        Muted muted = moderation.mute(caller, new MuteMember(new RoomId(roomId), new Username(body.username()),
                body.minutes()));
        return new MuteResponse(muted.member().value(), WireTime.format(muted.mute().until()));
    }

    @DeleteMapping("/mutes/{username}")
    @Operation(summary = "End a mute early", description = "404 `User is not muted in this room`.")
    MessageResponse unmute(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable String username) {
        Username unmuted = moderation.unmute(caller, new RoomId(roomId), new Username(username));
        return new MessageResponse("Unmuted " + unmuted.value());
    }

    @PostMapping(path = "/bans", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ban a user from the room",
            description = "By the owner and moderators. Takes them out at once (their WebSocket connections to the "
                    + "room close with 1008) and keeps them out: they cannot join, post, watch or be added until "
                    + "the ban is lifted. Banning twice is fine.")
    MessageResponse ban(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @Valid @RequestBody AddMemberRequest body) {
        Username banned = moderation.ban(caller, new RoomId(roomId), new Username(body.username()));
        return new MessageResponse("Banned " + banned.value() + " from the room");
    }

    @DeleteMapping("/bans/{username}")
    @Operation(summary = "Lift a ban", description = "404 `User is not banned from this room`.")
    MessageResponse unban(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable String username) {
        Username unbanned = moderation.unban(caller, new RoomId(roomId), new Username(username));
        return new MessageResponse("Lifted the ban of " + unbanned.value());
    }

    @GetMapping("/audit")
    @Operation(summary = "The room's audit log, newest first",
            description = "For the owner and moderators (403 for other members). Role changes, mutes, unmutes, "
                    + "bans, unbans, removals, and deletions of others' messages. `before`: an `entry_id`, for the "
                    + "entries older than it; `limit` 1 to " + AuditPage.MAX_LIMIT + " (default "
                    + AuditPage.DEFAULT_LIMIT + ").")
    List<AuditItem> audit(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        return RoomController.MAPPER.toAuditItems(moderation.audit(caller,
                new AuditPage(new RoomId(roomId), before, limit)));
    }

    /** Only these two can be given: a room's one owner is its creator. */
    private static Membership.Role role(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "moderator" -> Membership.Role.MODERATOR;
            case "member" -> Membership.Role.MEMBER;
            default -> throw new InvalidValueException(ROLE, "role must be moderator or member");
        };
    }
}
