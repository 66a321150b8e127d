package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.chatserver.adapter.rest.MessageResponse;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase;
import org.chatserver.application.port.in.room.ReadReceiptsUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase;
import org.chatserver.application.port.in.user.PresenceUseCase;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms/{room_id}")
@Tag(name = "membership", description = "Who is in a room")
public class RoomMembershipController {

    private static final MessageResponse JOINED = new MessageResponse("Joined the room");
    private static final MessageResponse LEFT = new MessageResponse("Left the room");

    private final RoomMembershipUseCase membership;
    private final ReadReceiptsUseCase receipts;
    private final PresenceUseCase presence;
    private final ModerateRoomUseCase moderation;

    public RoomMembershipController(RoomMembershipUseCase membership, ReadReceiptsUseCase receipts,
                                    PresenceUseCase presence, ModerateRoomUseCase moderation) {
        this.membership = membership;
        this.receipts = receipts;
        this.presence = presence;
        this.moderation = moderation;
    }

    @GetMapping("/members")
    @Operation(summary = "Members in joining order",
            description = "At most " + RoomMembershipUseCase.MAX_MEMBERS_LIST + ". A public room lists who "
                    + "joined, posted or marked it read; everyone may read it all the same. `last_read_message_id` "
                    + "and `read_at` are null for members who do not share read receipts, and for everyone when the "
                    + "caller is not a member of the room (read receipts are for its members). `status`: online, away "
                    + "or offline; `last_seen`: null when never seen; both null for a member who shares no room "
                    + "with the caller (a public room read by someone not in it). `muted_until`: when the member's "
                    + "mute ends, shown to the owner and moderators (and to the muted member); null otherwise.")
    List<MemberResponse> members(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        RoomMembershipUseCase.MembersList list = membership.members(caller, new RoomId(roomId));
        return RoomController.MAPPER.toMemberResponses(list.members(), receipts.readPositions(caller, list),
                presence.presenceOfMembers(caller, list), moderation.mutedUntil(caller, list));
    }

    @PostMapping("/join")
    @Operation(summary = "Join a public room",
            description = "Joining twice is fine; 403 for a user banned from the room. Private rooms: the creator "
                    + "adds members.")
    MessageResponse join(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        membership.join(caller, new RoomId(roomId));
        return JOINED;
    }

    @PostMapping("/leave")
    @Operation(summary = "Leave a room", description = "400 for the creator of a private room.")
    MessageResponse leave(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        membership.leave(caller, new RoomId(roomId));
        return LEFT;
    }

    @PostMapping(path = "/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a user to a private room",
            description = "Only its creator may: 403 for other members; 400 on a public room; 404 `User not found`.")
    MessageResponse addMember(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @Valid @RequestBody AddMemberRequest body) {
        Username added = membership.addMember(caller, new RoomId(roomId), new Username(body.username()));
        return new MessageResponse("Added " + added.value() + " to the room");
    }

    @DeleteMapping("/members/{username}")
    @Operation(summary = "Remove a user from a private room",
            description = "Its creator and moderators may (a moderator plain members only): 403 for anyone else; "
                    + "404 `User is not a member of this room`. Logged in the room's audit log.")
    MessageResponse removeMember(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable String username) {
        Username removed = membership.removeMember(caller, new RoomId(roomId), new Username(username));
        return new MessageResponse("Removed " + removed.value() + " from the room");
    }
}
