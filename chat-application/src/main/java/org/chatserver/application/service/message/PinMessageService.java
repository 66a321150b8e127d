package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.PinMessageUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Message;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

public final class PinMessageService implements PinMessageUseCase {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final RoomMessages roomMessages;
    private final MessageViews views;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public PinMessageService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                             RoomEvents events, Transactions transactions, Clock clock) {
        this.messages = messages;
        this.access = access;
        this.roomMessages = new RoomMessages(messages, access);
        this.views = new MessageViews(reactions);
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PinnedView pin(AuthenticatedUser caller, PinCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        record Pinned(PinnedView view, RoomChange.Mark mark) {
        }
        Pinned pinned = transactions.inTransaction(() -> {
            RoomMessages.Found found = roomMessages.find(caller, command.room(), command.message());
            Message message = found.message();
            message.checkPinnableBy(found.membership());
            // under the room's lock: two pins at once cannot both take the last place
            List<PinnedMessage> current = messages.pinsToChange(message.roomId(), MAX_PINS);
            Optional<PinnedMessage> already = current.stream()
                    .filter(p -> p.message().id().equals(message.id())).findFirst();
            RoomChange.Mark mark = null;
            if (already.isEmpty()) {
                PinnedMessage.checkRoomForAnother(current.size());
                if (messages.pin(message.id(), caller.userId(), now)) {
                    mark = messages.recordChange(message.roomId(), RoomChange.Kind.PINNED, message.id(),
                            caller.userId(), null, now);
                }
            }
            PinnedMessage pin = already.orElse(new PinnedMessage(message, caller.username(), now));
            return new Pinned(new PinnedView(views.of(message, caller.userId()), pin.pinnedBy(), pin.pinnedAt()),
                    mark);
        });
        if (pinned.mark() != null) {
            events.publish(new RoomEvent.PinChanged(command.room(), command.message(), caller.username(), true, now,
                    pinned.mark(), command.origin()));
        }
        return pinned.view();
    }

    @Override
    public void unpin(AuthenticatedUser caller, PinCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RoomChange.Mark mark = transactions.inTransaction(() -> {
            RoomMessages.Found found = roomMessages.find(caller, command.room(), command.message());
            Message message = found.message();
            message.checkPinnableBy(found.membership());
            return messages.unpin(message.id())
                    ? messages.recordChange(message.roomId(), RoomChange.Kind.UNPINNED, message.id(), caller.userId(),
                            null, now)
                    : null;
        });
        if (mark != null) {
            events.publish(new RoomEvent.PinChanged(command.room(), command.message(), caller.username(), false, now,
                    mark, command.origin()));
        }
    }

    @Override
    public List<PinnedView> pins(AuthenticatedUser caller, RoomId room) {
        RoomId visible = access.visibleRoom(caller, room).id();
        List<PinnedMessage> pins = messages.pins(visible, MAX_PINS);
        List<MessageView> viewed = views.of(pins.stream().map(PinnedMessage::message).toList(), caller.userId());
        return java.util.stream.IntStream.range(0, pins.size())
                .mapToObj(i -> new PinnedView(viewed.get(i), pins.get(i).pinnedBy(), pins.get(i).pinnedAt()))
                .toList();
    }
}
