package org.chatserver.application.service.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MentionsUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.domain.InvalidValueException;

public final class MentionsService implements MentionsUseCase {

    private final MentionRepository mentions;
    private final MessageViews views;

    public MentionsService(MentionRepository mentions, ReactionRepository reactions) {
        this.mentions = mentions;
        this.views = new MessageViews(reactions);
    }

    @Override
    public List<MessageView> mentions(AuthenticatedUser caller, Paging paging) {
        if (paging.after() != null) {
            throw new InvalidValueException("page position", "mentions are paged with before only");
        }
        return views.of(mentions.mentionsOf(caller.userId(), paging.before(), paging.limit()), caller.userId());
    }
}
