package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.out.message.MessageRepository.Appended;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.application.port.out.message.MessageRepository.StoredPost;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserEvent;

/**
 * Posting, with group commit ({@link PostBatches}): posts to one room that arrive while an earlier batch is
 * stored are stored together in one transaction ({@link MessageRepository#storePosts}), then published in
 * order and answered; {@linkplain Batching#acrossRooms across rooms}, the waiting posts of several rooms share
 * the transaction, each room's written as its own batch. Each post is checked on its own (room, mute, reply,
 * membership) and a refused one is answered with its refusal without holding the others back; when the batch's
 * writing fails, nothing of it is stored and each post is stored again on its own, so that only the post at
 * fault fails.
 */
public final class PostMessageService implements PostMessageUseCase {

    /**
     * Group commit's bounds: posts in one transaction, and posts of one room waiting for it; where batches
     * are stored ({@link PostBatches}; by default each on the thread of the post that leads it); and whether a
     * batch holds posts of one room or of any ({@link #acrossRooms}).
     */
    public record Batching(int maxBatch, int maxWaiting, Executor storer, boolean acrossRooms) {

        public static final Batching DEFAULT = new Batching(64, 1_000);

        public Batching {
            if (maxBatch < 1 || maxWaiting < 1) {
                throw new IllegalArgumentException("a batch holds at least one post, and at least one may wait");
            }
            Objects.requireNonNull(storer, "storer");
        }

        /** Batches of one room, stored on the thread of the post that leads them. */
        public Batching(int maxBatch, int maxWaiting) {
            this(maxBatch, maxWaiting, PostBatches.ON_LEADERS_THREAD);
        }

        /** Batches of one room, stored on {@code storer}. */
        public Batching(int maxBatch, int maxWaiting, Executor storer) {
            this(maxBatch, maxWaiting, storer, false);
        }

        /**
         * For a database with one writer (SQLite): all rooms share one queue, and a batch holds posts of several
         * rooms (up to {@code maxBatch} of each) in one transaction, stored on the thread of the post that leads
         * it and published while the next one is stored; {@code maxWaiting} bounds the server's waiting posts,
         * not a room's.
         */
        public static Batching acrossRooms(int maxBatch, int maxWaiting) {
            return new Batching(maxBatch, maxWaiting, PostBatches.ON_LEADERS_THREAD, true);
        }
    }

    private final MessageRepository messages;
    private final MessageViews views;
    private final AttachmentRepository attachments;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final Mentioning mentioning;
    private final PostBatches<Post> batches;
    private final UserEvents userEvents;
    private final LongAdder stored = new LongAdder();

    /** Without mentions: {@code @names} stay text (for tests of other features). */
    public PostMessageService(MessageRepository messages, ReactionRepository reactions,
                              AttachmentRepository attachments, RoomAccess access, RoomEvents events,
                              Transactions transactions, Clock clock) {
        this(messages, reactions, attachments, access, events, transactions, clock, null);
    }

    /** @param mentioning what to do about {@code @names}; null: nothing */
    public PostMessageService(MessageRepository messages, ReactionRepository reactions,
                              AttachmentRepository attachments, RoomAccess access, RoomEvents events,
                              Transactions transactions, Clock clock, Mentioning mentioning) {
        this(messages, reactions, attachments, access, events, transactions, clock, mentioning, Batching.DEFAULT);
    }

    public PostMessageService(MessageRepository messages, ReactionRepository reactions,
                              AttachmentRepository attachments, RoomAccess access, RoomEvents events,
                              Transactions transactions, Clock clock, Mentioning mentioning, Batching batching) {
        this(messages, reactions, attachments, access, events, transactions, clock, mentioning, batching,
                UserEvents.NONE);
    }

    /**
     * @param userEvents where the author's streams hear that posting to a public room joined them to it
     */
    public PostMessageService(MessageRepository messages, ReactionRepository reactions,
                              AttachmentRepository attachments, RoomAccess access, RoomEvents events,
                              Transactions transactions, Clock clock, Mentioning mentioning, Batching batching,
                              UserEvents userEvents) {
        this.userEvents = userEvents;
        this.mentioning = mentioning;
        this.messages = messages;
        this.views = new MessageViews(reactions);
        this.attachments = attachments;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.batches = new PostBatches<>(batching.maxBatch(), batching.maxWaiting(), this::store, batching.storer(),
                batching.acrossRooms());
    }

    @Override
    public Posted post(AuthenticatedUser caller, PostMessageCommand command) {
        MessageDraft draft = null;
        RuntimeException refused = null;
        try {
            draft = draft(caller, command);
        } catch (InvalidValueException | RuleViolation e) {
            if (command.clientId() == null) {
                throw e;
            }
            // answered in the batch, where a resend of a message stored before is answered with it: its file may
            // have gone with its deletion since
            refused = e;
        }
        return batches.submit(command.room(), new Post(caller, command, draft, refused));
    }

    /** Messages this service stored and committed so far (a resend answered with its first message is none). */
    public long storedMessages() {
        return stored.sum();
    }

    /** Rooms with posts being stored or waiting; idle rooms hold nothing (for tests). */
    int busyRooms() {
        return batches.busyRooms();
    }

    /** Posts to the room waiting behind the batch being stored (for tests). */
    int waiting(RoomId room) {
        return batches.waiting(room);
    }

    private static final class Post extends PostBatches.Pending {
        final AuthenticatedUser caller;
        final PostMessageCommand command;
        private final MessageDraft draft;
        private final RuntimeException draftRefused;

        Post(AuthenticatedUser caller, PostMessageCommand command, MessageDraft draft, RuntimeException draftRefused) {
            this.caller = caller;
            this.command = command;
            this.draft = draft;
            this.draftRefused = draftRefused;
        }

        /** What to store, read before the batch; throws what refused it then. */
        MessageDraft draft() {
            if (draftRefused != null) {
                throw draftRefused;
            }
            return draft;
        }

        String clientId() {
            return command.clientId() == null ? null : command.clientId().value();
        }
    }

    /**
     * A post that passed its checks, and what to store.
     *
     * @param joined its author was not a member of the (public) room: the post joined them; empty otherwise
     */
    private record Checked(Post post, NewMessage message, Mentioning.Resolved mentions, Room room,
                           Optional<UserEvent.RoomAdded> joined) {
    }

    /** What a post became in the transaction: refused, or stored (then with what to publish and whom to tell). */
    private record Outcome(Post post, RuntimeException refusal, StoredPost stored, List<RoomMember> called,
                           List<RoomMember> addressees, Optional<UserEvent.RoomAdded> joined, MessageView resent) {

        Outcome(Post post, RuntimeException refusal, StoredPost stored, List<RoomMember> called,
                List<RoomMember> addressees, Optional<UserEvent.RoomAdded> joined) {
            this(post, refusal, stored, called, addressees, joined, null);
        }

        static Outcome refused(Post post, RuntimeException refusal) {
            return new Outcome(post, refusal, null, List.of(), List.of(), Optional.empty());
        }

        /**
         * The resend of a message stored before: answered with it as it is now, its reactions and the author's own
         * included (as history shows it: a client reconciling with the answer keeps them), nothing stored or
         * published.
         */
        static Outcome resent(Post post, StoredPost first, MessageView now, Optional<UserEvent.RoomAdded> joined) {
            return new Outcome(post, null, first, List.of(), List.of(), joined, now);
        }
    }

    /**
     * Stores one batch (of one room, or of several rooms room by room); on a failure, each post again on its own.
     * Gives what publishes and answers it (PostBatches runs it after the batch before was published).
     */
    private Runnable store(List<Post> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = transactions.inTransaction(() -> writeRoomByRoom(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                return () -> batch.getFirst().fail(e);
            }
            // nothing of the batch is stored: each post in a transaction of its own, so that one at fault
            // (or a store that failed for a moment) fails alone and every other post is stored and answered
            List<Runnable> each = new ArrayList<>(batch.size());
            for (Post post : batch) {
                each.add(store(List.of(post)));
            }
            return () -> each.forEach(Runnable::run);
        }
        // after commit: nobody may ever see a message that rolled back; in order, before the next batch's
        return () -> outcomes.forEach(this::settle);
    }

    /** Each room's posts of the batch, in arrival order, one room after another. */
    private List<Outcome> writeRoomByRoom(List<Post> batch) {
        Map<RoomId, List<Post>> byRoom = new LinkedHashMap<>();
        for (Post post : batch) {
            byRoom.computeIfAbsent(post.command.room(), r -> new ArrayList<>()).add(post);
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (List<Post> posts : byRoom.values()) {
            outcomes.addAll(write(posts));
        }
        return outcomes;
    }

    /** The posts of one room. */
    private List<Outcome> write(List<Post> batch) {
        Instant now = clock.instant();
        RoomId room = batch.getFirst().command.room();
        // every author's membership and mute in two look-ups for the batch, not two a post
        RoomAccess.Authors authors = access.authors(room, batch.stream().map(p -> p.caller.userId()).toList());
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<Checked> checked = new ArrayList<>(batch.size());
        for (Post post : batch) {
            try {
                checked.add(check(post, authors, now));
            } catch (UseCaseException | RuleViolation | InvalidValueException e) {
                // refused before anything of it was written: the others go on. Unless it is the resend of a
                // message stored before (its ack was lost, then the author was muted, banned, ...): a resend is
                // answered with the first message, whatever happened since
                Optional<Message> first = post.clientId() == null ? Optional.empty()
                        : messages.findByClientId(post.caller.userId(), post.clientId())
                                .filter(message -> message.roomId().equals(room));
                outcomes.add(first.map(message -> Outcome.resent(post,
                                new StoredPost(new Appended(message, null, false), null),
                                views.of(message, post.caller.userId()), Optional.empty()))
                        .orElseGet(() -> Outcome.refused(post, e)));
            }
        }
        if (checked.isEmpty()) {
            return outcomes;
        }
        List<StoredPost> stored = messages.storePosts(room, checked.stream().map(Checked::message).toList(), now);
        for (int i = 0; i < checked.size(); i++) {
            Checked c = checked.get(i);
            StoredPost s = stored.get(i);
            if (!s.appended().created()) {
                try {
                    s.appended().message().resentTo(room);
                } catch (InvalidValueException anotherRoomsMessage) {
                    outcomes.add(Outcome.refused(c.post(), anotherRoomsMessage));
                    continue;
                }
                outcomes.add(Outcome.resent(c.post(), s, views.of(s.appended().message(), c.post().caller.userId()),
                        c.joined()));
                continue;
            }
            List<RoomMember> called = c.mentions() == null ? List.of()
                    : mentioning.record(s.appended().message(), c.mentions());
            List<RoomMember> addressees = mentioning == null ? List.of()
                    : mentioning.addressees(c.room(), c.post().caller.userId());
            outcomes.add(new Outcome(c.post(), null, s, called, addressees, c.joined()));
        }
        return outcomes;
    }

    /** The checks of one post, in the batch's transaction; joins a public room its author is not in yet. */
    private Checked check(Post post, RoomAccess.Authors authors, Instant now) {
        AuthenticatedUser caller = post.caller;
        PostMessageCommand command = post.command;
        MessageDraft draft = post.draft();
        RoomAccess.Visit visit = authors.visit(caller);
        authors.checkMayPost(caller.userId(), now);
        // before joining: a post refused for its reply must not leave its author a member
        MessageId replyTo = parent(visit, command.replyTo());
        if (visit.membership().isEmpty() && post.clientId() != null) {
            // nor for a client id of the author's used in another room (one read, for a post that would join only)
            messages.findByClientId(caller.userId(), post.clientId())
                    .ifPresent(first -> first.resentTo(visit.room().id()));
        }
        Attachment file = draft.attachment();
        if (file != null && !attachments.markPosted(file.fileName(), file.previewName())) {
            // forgotten since the draft was read (it waited too long for a message): as unknown as it is now. Last of
            // the checks that can refuse, so that a refused post marks nothing
            throw unknownFile();
        }
        RoomAccess.Joined joined = authors.join(visit, caller.userId(), now);
        Membership author = joined.membership();
        Mentioning.Resolved mentions = mentioning == null ? null
                : mentioning.resolve(draft.text(), author.roomId(), Optional.of(author));
        return new Checked(post, new NewMessage(caller.userId(), draft,
                mentions == null ? Mentions.NONE : mentions.mentions(), replyTo, post.clientId()), mentions,
                visit.room(), joined.added());
    }

    /** After commit: publishes a stored message and answers its post; refusals are answered as they are. */
    private void settle(Outcome outcome) {
        Post post = outcome.post();
        if (outcome.refusal() != null) {
            post.fail(outcome.refusal());
            return;
        }
        Appended appended = outcome.stored().appended();
        if (outcome.joined().isPresent()) {
            // as an explicit join would: the author's streams carry the room from its item on, this post too
            try {
                userEvents.publish(outcome.joined().get());
            } catch (RuntimeException e) {
                // the post stands and is answered; the author's next connection lists the room
            }
        }
        Posted posted = new Posted(outcome.resent() != null ? outcome.resent() : MessageView.fresh(appended.message()),
                appended.created());
        if (!appended.created()) {
            post.succeed(posted, null);
            return;
        }
        stored.increment();
        try {
            events.publish(new RoomEvent.MessagePosted(appended.message(), appended.previous(), outcome.stored().mark(),
                    List.of(), post.command.origin()));
        } catch (RuntimeException e) {
            post.fail(e);
            return;
        }
        // told on the poster's own thread, once the next batch is under way
        post.succeed(posted, () -> notify(appended.message(), outcome));
    }

    private void notify(Message message, Outcome outcome) {
        if (!outcome.addressees().isEmpty()) {
            // a direct message: its one reader is told of it, mentioned or not
            mentioning.notifyOffline(message, outcome.addressees(), Notice.Kind.DIRECT_MESSAGE);
        } else if (!outcome.called().isEmpty()) {
            mentioning.notifyOffline(message, outcome.called());
        }
    }

    /** The message a reply answers: one of the same room, not deleted; anything else is not a message to answer. */
    private MessageId parent(RoomAccess.Visit visit, MessageId replyTo) {
        if (replyTo == null) {
            return null;
        }
        Message parent = messages.findById(replyTo)
                .orElseThrow(() -> new InvalidValueException("reply to", "{} must be a message of the same room"));
        return parent.acceptReply(visit.room().id()).id();
    }

    /**
     * A file must be one uploaded here; what was recorded then decides what it is. Someone else's upload that no
     * message carries yet is not the caller's to post (attached and deleted, it would take the file from its
     * uploader), and is refused as an unknown one: nobody learns that it exists.
     */
    private MessageDraft draft(AuthenticatedUser caller, PostMessageCommand command) {
        AttachmentRef ref = command.file();
        if (ref == null) {
            return MessageDraft.of(command.text(), command.declaredType(), null, null);
        }
        StoredAttachment upload = attachments.findByName(ref.fileName())
                .filter(found -> found.uploader().equals(caller.userId()) || messages.carriesFile(found.name()))
                .orElseThrow(PostMessageService::unknownFile);
        return MessageDraft.of(command.text(), command.declaredType(), upload.attachedAs(ref), upload.kind());
    }

    private static InvalidValueException unknownFile() {
        return new InvalidValueException("file",
                "{} must name a file you uploaded to this server, or one a message here already carries");
    }
}
