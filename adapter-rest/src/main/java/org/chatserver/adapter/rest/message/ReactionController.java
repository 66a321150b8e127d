package org.chatserver.adapter.rest.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionType;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reactions")
@Tag(name = "reactions", description = "One reaction per user per message")
public class ReactionController {

    private static final AvailableReactionsResponse AVAILABLE = new AvailableReactionsResponse(ReactionType.emojis());
    static final String ADDED = "Reaction added successfully";
    static final String REMOVED = "Reaction removed successfully";
    /** Not made on a WebSocket connection, so no connection is left out of the room's broadcast. */
    private static final String NO_ORIGIN = null;

    private final ReactUseCase react;

    public ReactionController(ReactUseCase react) {
        this.react = react;
    }

    @PostMapping(path = "/add", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the caller's reaction, replacing their previous one",
            description = "The room's WebSocket watchers get `reaction_added`. 404 `Message not found`, also in a "
                    + "room the caller cannot see; 422 for a reaction that is not one of /api/reactions/available.")
    ReactionChangeResponse add(AuthenticatedUser caller, @Valid @RequestBody AddReactionRequest body) {
        AddReaction command = new AddReaction(new MessageId(body.messageId()), WireValues.reaction(body.reactionType()),
                NO_ORIGIN);
        return new ReactionChangeResponse(ADDED, MessageController.MAPPER.toReactionItems(react.add(caller, command)));
    }

    @DeleteMapping("/remove/{message_id}")
    @Operation(summary = "Remove the caller's reaction, if any",
            description = "The room's WebSocket watchers get `reaction_removed` when there was one.")
    ReactionChangeResponse remove(AuthenticatedUser caller, @PathVariable("message_id") long messageId) {
        return new ReactionChangeResponse(REMOVED, MessageController.MAPPER.toReactionItems(
                react.remove(caller, new RemoveReaction(new MessageId(messageId), NO_ORIGIN))));
    }

    @GetMapping("/available")
    @Operation(summary = "The reactions there are")
    @SecurityRequirements
    AvailableReactionsResponse available() {
        return AVAILABLE;
    }

    @GetMapping("/message/{message_id}")
    @Operation(summary = "A message's reactions and the caller's own")
    MessageReactionsResponse ofMessage(AuthenticatedUser caller, @PathVariable("message_id") long messageId) {
        return MessageController.MAPPER.toReactionsResponse(react.reactions(caller, new MessageId(messageId)));
    }
}
