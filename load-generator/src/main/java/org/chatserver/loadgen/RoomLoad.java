package org.chatserver.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Rooms full of connected members, all in this JVM, and the fixed-rate load among them. Member
 * {@code j} of every room is user {@code j}, so a run needs only as many users as a room has members.
 * Against several nodes of one server ({@link RunContext#nodes()}) member {@code j} connects to node
 * {@code j mod nodes}, so every room of two or more members has members on each node and most
 * messages must cross from one node to another.
 */
public final class RoomLoad implements ChatConnection.Handler, AutoCloseable {

    private static final byte[] MESSAGE = FrameScan.ascii("message");
    private static final byte[] ACK = FrameScan.ascii("ack");
    private static final byte[] ERROR = FrameScan.ascii("error");

    private final RunContext ctx;
    private final int roomCount;
    private final int memberCount;
    private final String kind;
    private final List<Long> roomIds = new ArrayList<>();
    private final List<List<ChatConnection>> rooms = new ArrayList<>();
    private final Map<URI, Integer> connectionsPerNode = new LinkedHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Frame>> probes = new ConcurrentHashMap<>();
    /** Probes of one run, each with a client_id of its own: a client_id is its user's over all rooms. */
    private static final AtomicLong PROBES = new AtomicLong();
    private final AtomicLong lastAckedMessageId = new AtomicLong(-1);
    private final AtomicLong firstAckedMessageId = new AtomicLong(Long.MAX_VALUE);
    private volatile LongConsumer onAck = seq -> { };
    private volatile LongConsumer onObserved = seq -> { };
    private volatile java.util.function.LongFunction<String> textAfterPayload = seq -> "";
    private volatile ChatConnection observer;
    private volatile ChatConnection orderObserver;
    private volatile ArrivalOrder order;
    private boolean acks;
    private final byte[] clientIdPrefix;

    public RoomLoad(RunContext ctx, int roomCount, int memberCount, String kind) {
        this.ctx = ctx;
        this.clientIdPrefix = FrameScan.ascii("lg-" + ctx.runTag() + "-");
        this.roomCount = roomCount;
        this.memberCount = memberCount;
        this.kind = kind;
    }

    /** Members in one room that already exists. */
    public RoomLoad(RunContext ctx, long existingRoom, int memberCount) {
        this(ctx, 1, memberCount, null);
        roomIds.add(existingRoom);
    }

    /** Signs up the members, creates the rooms, connects everyone, and finds out whether the server acks. */
    public void setUp(List<String> tokens) throws Exception {
        if (tokens.size() < memberCount) {
            throw new IllegalArgumentException("need a token per member");
        }
        for (int r = roomIds.size(); r < roomCount; r++) {
            roomIds.add(ctx.http().createOrFindRoom(tokens.get(0), ctx.roomName(kind, r)));
        }
        long start = System.nanoTime();
        Semaphore handshakes = new Semaphore(64);
        List<List<CompletableFuture<ChatConnection>>> pending = new ArrayList<>();
        List<URI> nodes = ctx.nodes();
        nodes.forEach(node -> connectionsPerNode.put(node, 0));
        int index = 0;
        for (int r = 0; r < roomCount; r++) {
            List<CompletableFuture<ChatConnection>> inRoom = new ArrayList<>();
            for (int m = 0; m < memberCount; m++) {
                handshakes.acquire();
                int i = index++;
                URI node = nodes.get(m % nodes.size());
                connectionsPerNode.merge(node, 1, Integer::sum);
                inRoom.add(ctx.connect(i, node, Long.toString(roomIds.get(r)), tokens.get(m), this)
                        .whenComplete((c, e) -> handshakes.release()));
            }
            pending.add(inRoom);
        }
        for (List<CompletableFuture<ChatConnection>> inRoom : pending) {
            List<ChatConnection> connected = new ArrayList<>();
            for (CompletableFuture<ChatConnection> c : inRoom) {
                try {
                    connected.add(c.join());
                } catch (RuntimeException e) {
                    throw new Population.SetupException("WebSocket connection refused: " + e.getCause(), e);
                }
            }
            rooms.add(connected);
        }
        awaitWelcome();
        ctx.say("connected %d rooms x %d members in %.1fs", roomCount, memberCount, (System.nanoTime() - start) / 1e9);
        acks = probeAcks();
        if (!acks) {
            ctx.note("the server sends no acks (the original FastAPI server does not): 'acked' is not measured;"
                    + " sent counts messages written to the socket");
        }
        // let join notices settle before measuring
        Thread.sleep(300);
    }

    /** Sends one message outside the measurement and waits briefly for an ack. */
    /**
     * Waits until every member heard its first frame, so no message is sent before its room's
     * members are listening; a server that sends nothing first costs a few seconds, no failure.
     */
    private void awaitWelcome() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (List<ChatConnection> room : rooms) {
            for (ChatConnection c : room) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    c.firstFrame().get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return;
                } catch (ExecutionException e) {
                    // a connection that failed is reported by the scenario as it goes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean probeAcks() throws InterruptedException {
        String clientId = "lg-" + ctx.runTag() + "-probe-" + PROBES.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        probes.put(clientId, answer);
        rooms.get(0).get(0).send(messageFrame("load generator probe", clientId), e -> { });
        try {
            answer.get(3, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            probes.remove(clientId);
        }
    }

    public boolean acks() {
        return acks;
    }

    public List<Long> roomIds() {
        return List.copyOf(roomIds);
    }

    /** How many of the members' WebSockets went to each node, in the order of {@link RunContext#nodes()}. */
    public Map<String, Integer> connectionsPerNode() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        connectionsPerNode.forEach((node, count) -> counts.put(node.toString(), count));
        return counts;
    }

    public int memberCount() {
        return memberCount;
    }

    public ChatConnection member(int room, int member) {
        return rooms.get(room).get(member);
    }

    /** Smallest and largest server message id acked so far, or null before any ack. */
    public long[] ackedMessageIdRange() {
        long last = lastAckedMessageId.get();
        return last < 0 ? null : new long[] {firstAckedMessageId.get(), last};
    }

    /**
     * One step of the fixed-rate load: {@code rate} messages a second for {@code length}, sender
     * {@code i} being member {@code i / rooms % members} of room {@code i % rooms}, so every room
     * and member takes its turn. Latency counts from the scheduled time of each message.
     */
    public StepResult fixedRate(String label, double rate, Duration length) throws InterruptedException {
        DeliveryLedger ledger = ctx.ledger();
        CpuMeter.Sample cpuBefore = CpuMeter.now();
        double serverCpuBefore = ctx.serverCpuSeconds();
        DeliveryLedger.Step step = ledger.beginStep(label, rate);
        FixedRateSchedule schedule = new FixedRateSchedule(System.nanoTime(), rate, length);
        var progress = ctx.progress(step::progressLine);
        try {
            long count = schedule.count();
            for (long i = 0; i < count; i++) {
                schedule.awaitTurn(i);
                long intended = schedule.intendedNanos(i);
                step.scheduleLag(System.nanoTime() - intended);
                int room = (int) (i % roomCount);
                int member = (int) ((i / roomCount) % memberCount);
                send(rooms.get(room).get(member), intended);
            }
            // a step lasts its full length even when the last message was due a little earlier
            long rest = schedule.endNanos() - System.nanoTime();
            if (rest > 0) {
                TimeUnit.NANOSECONDS.sleep(rest);
            }
            ledger.endSending(step);
        } finally {
            progress.cancel(false);
        }
        StepResult result = ledger.close(step, ctx.grace(), acks);
        for (var e : CpuMeter.between(cpuBefore, CpuMeter.now(), result.delivered()).entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        double serverCpu = ctx.serverCpuSecondsSince(serverCpuBefore);
        if (serverCpu >= 0) {
            result = withServerCpuSeconds(result, serverCpu);
            if (result.delivered() > 0) {
                result = result.with("server_cpu_seconds_per_million_receipts",
                        Math.round(serverCpu / result.delivered() * 1e8) / 100.0);
            }
        }
        ctx.say("%s", summaryLine(result));
        return result;
    }

    private static StepResult withServerCpuSeconds(StepResult result, double serverCpu) {
        return result.with("server_cpu_seconds", Math.round(serverCpu * 100) / 100.0);
    }

    /**
     * A closed loop's server CPU per acked message: on a machine shared with the tool (and others) a
     * steadier measure of what a post costs than the rate the loop reached.
     */
    private StepResult withServerCpuPerAck(StepResult result, double serverCpuBefore) {
        double serverCpu = ctx.serverCpuSecondsSince(serverCpuBefore);
        if (serverCpu < 0) {
            return result;
        }
        result = withServerCpuSeconds(result, serverCpu);
        return result.acked() == 0 ? result
                : result.with("server_cpu_ms_per_acked_message", Math.round(serverCpu / result.acked() * 1e5) / 100.0);
    }

    /**
     * Closed loop in room 0: members {@code 0..senders-1} each keep {@code window} messages in
     * flight and send the next as soon as one is acknowledged, until {@code length} passed or
     * {@code maxMessages} were sent. Without acks the loop closes on the last member, which never
     * sends, receiving the message. Latency is then service time: the "intended" time is the
     * moment the loop allowed the send.
     */
    public StepResult closedLoop(String label, int senders, int window, Duration length, long maxMessages)
            throws InterruptedException {
        if (senders >= memberCount) {
            throw new IllegalArgumentException("the last member observes; at most " + (memberCount - 1) + " senders");
        }
        DeliveryLedger ledger = ctx.ledger();
        double serverCpuBefore = ctx.serverCpuSeconds();
        DeliveryLedger.Step step = ledger.beginStep(label, 0);
        long end = System.nanoTime() + length.toNanos();
        AtomicLong budget = new AtomicLong(maxMessages);
        ConcurrentHashMap<Long, Integer> senderOf = new ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.function.IntConsumer sendFrom = sender -> {
            if (System.nanoTime() >= end || budget.getAndDecrement() <= 0) {
                done.countDown();
                return;
            }
            send(rooms.get(0).get(sender), System.nanoTime(), seq -> senderOf.put(seq, sender));
        };
        LongConsumer next = seq -> {
            Integer sender = senderOf.remove(seq);
            if (sender != null) {
                sendFrom.accept(sender);
            }
        };
        if (acks) {
            onAck(next);
        } else {
            onObserved(rooms.get(0).get(memberCount - 1), next);
        }
        var progress = ctx.progress(step::progressLine);
        try {
            for (int w = 0; w < window; w++) {
                for (int s = 0; s < senders; s++) {
                    sendFrom.accept(s);
                }
            }
            long rest = end - System.nanoTime();
            done.await(Math.max(0, rest), TimeUnit.NANOSECONDS);
            // sends racing the deadline register within microseconds; let them land in this step
            Thread.sleep(20);
            ledger.endSending(step);
        } finally {
            progress.cancel(false);
            onAck(seq -> { });
            onObserved(null, seq -> { });
        }
        StepResult result = withServerCpuPerAck(ledger.close(step, ctx.grace(), acks), serverCpuBefore);
        ctx.say("%s", summaryLine(result));
        return result;
    }

    /**
     * The closed loop of {@link #closedLoop} with the posts sent over REST instead
     * ({@code POST /api/rooms/{id}/messages}, answered after the post committed): one sender per token, each
     * on a thread of its own, posting its next message as soon as the previous one is answered, until
     * {@code length} passed. The senders must already be members of room 0; every connected member (none of
     * them a sender) should receive every post. The answer counts as the ack.
     */
    public StepResult closedLoopOverRest(String label, ChatHttp http, List<String> senderTokens, Duration length)
            throws InterruptedException {
        DeliveryLedger ledger = ctx.ledger();
        long room = roomIds.get(0);
        double serverCpuBefore = ctx.serverCpuSeconds();
        DeliveryLedger.Step step = ledger.beginStep(label, 0);
        long end = System.nanoTime() + length.toNanos();
        var progress = ctx.progress(step::progressLine);
        try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String token : senderTokens) {
                // not connected: its receiver only names the room whose members the posts are meant for
                DeliveryLedger.Receiver self = new DeliveryLedger.Receiver(Long.toString(room));
                senders.submit(() -> {
                    while (System.nanoTime() < end) {
                        post(http, token, room, self);
                    }
                    return null;
                });
            }
        } finally {
            progress.cancel(false);
        }
        ledger.endSending(step);
        StepResult result = withServerCpuPerAck(ledger.close(step, ctx.grace(), true), serverCpuBefore);
        ctx.say("%s", summaryLine(result));
        return result;
    }

    private void post(ChatHttp http, String token, long room, DeliveryLedger.Receiver sender)
            throws InterruptedException {
        DeliveryLedger ledger = ctx.ledger();
        long intended = System.nanoTime();
        long seq = ledger.register(sender, memberCount, intended);
        String content = new Payload(seq, intended).encode(ctx.messageSize()) + textAfterPayload.apply(seq);
        try {
            long messageId = http.postMessage(token, room, content, Payload.clientId(ctx.runTag(), seq));
            ledger.sendCompleted(seq, null);
            ledger.acked(seq, System.nanoTime());
            ackedMessageId(messageId);
        } catch (java.io.IOException e) {
            ledger.sendCompleted(seq, e);
            // a refusal (503 while too many posts wait) must not turn the loop into a spin
            Thread.sleep(100);
        }
    }

    /** Registers and sends one measured message from {@code sender}; returns its seq. */
    public long send(ChatConnection sender, long intendedNanos) {
        return send(sender, intendedNanos, seq -> { });
    }

    /** As {@link #send(ChatConnection, long)}, telling {@code beforeSend} the seq before any answer can arrive. */
    public long send(ChatConnection sender, long intendedNanos, LongConsumer beforeSend) {
        DeliveryLedger ledger = ctx.ledger();
        long seq = ledger.register(sender.receiver(), memberCount - 1, intendedNanos);
        beforeSend.accept(seq);
        String content = new Payload(seq, intendedNanos).encode(ctx.messageSize()) + textAfterPayload.apply(seq);
        sender.send(messageFrame(content, Payload.clientId(ctx.runTag(), seq)), e -> ledger.sendCompleted(seq, e));
        return seq;
    }

    /**
     * Text every message carries after its payload, by seq (the search scenario's corpus); without
     * quotes, backslashes or control characters, since frames are written without escaping.
     */
    public void textAfterPayload(java.util.function.LongFunction<String> text) {
        this.textAfterPayload = text;
    }

    /** Called with the seq of every ack (closed-loop senders hang their next send on it). */
    public void onAck(LongConsumer listener) {
        this.onAck = listener;
    }

    /**
     * From now on, every message id acked to this run and every message of ours {@code observer} receives
     * go into {@code order}, until the run ends (receipts during the grace period included).
     */
    public void checkOrder(ChatConnection observer, ArrivalOrder order) {
        this.order = order;
        this.orderObserver = observer;
    }

    private void ackedMessageId(long messageId) {
        if (messageId < 0) {
            return;
        }
        lastAckedMessageId.accumulateAndGet(messageId, Math::max);
        firstAckedMessageId.accumulateAndGet(messageId, Math::min);
        ArrivalOrder o = order;
        if (o != null) {
            o.acked(messageId);
        }
    }

    /**
     * Called with the seq of every message {@code observer} receives: closed-loop senders use it
     * when the server sends no acks.
     */
    public void onObserved(ChatConnection observer, LongConsumer listener) {
        this.observer = observer;
        this.onObserved = listener;
    }

    static String messageFrame(String content, String clientId) {
        // content and client id carry no quotes, backslashes or control characters: no escaping needed
        return "{\"type\":\"message\",\"content\":\"" + content + "\",\"client_id\":\"" + clientId + "\"}";
    }

    static String summaryLine(StepResult r) {
        return String.format(java.util.Locale.ROOT,
                "[%s] offered=%.1f/s sent=%d acked=%d delivered=%d/%d (%.1f/s) lost=%d dup=%d misdirected=%d "
                        + "errors=%d p50=%.1fms p99=%.1fms p99.9=%.1fms max=%.1fms",
                r.label(), r.offeredPerSecond(), r.sent(), r.acked(), r.delivered(), r.expectedDeliveries(),
                r.deliveredPerSecond(), r.lost(), r.duplicates(), r.misdirected(), r.errors(), r.latency().p50Ms(), r.latency().p99Ms(),
                r.latency().p999Ms(), r.latency().maxMs())
                + (r.extra().containsKey("tool_cpu_seconds_per_million_receipts")
                ? String.format(java.util.Locale.ROOT, " tool-cpu=%ss (%s s/M receipts, %s%% of machine)",
                r.extra().get("tool_cpu_seconds"), r.extra().get("tool_cpu_seconds_per_million_receipts"),
                r.extra().get("tool_cpu_percent_of_machine")) : "");
    }

    @Override
    public void onFrame(ChatConnection connection, Frame frame, long receivedNanos) {
        switch (frame.type()) {
            case "message" -> {
                Payload payload = Payload.decode(frame.message());
                if (payload != null) {
                    ctx.ledger().delivered(connection.receiver(), payload, receivedNanos);
                    if (connection == orderObserver) {
                        order.observed(frame.messageId());
                    }
                    if (connection == observer) {
                        onObserved.accept(payload.seq());
                    }
                }
            }
            case "ack" -> {
                CompletableFuture<Frame> probe = frame.clientId() == null ? null : probes.get(frame.clientId());
                if (probe != null) {
                    probe.complete(frame);
                    return;
                }
                long seq = Payload.seqOfClientId(ctx.runTag(), frame.clientId());
                if (seq >= 0) {
                    ctx.ledger().acked(seq, receivedNanos);
                    ackedMessageId(frame.messageId());
                    onAck.accept(seq);
                }
            }
            case "error" -> ctx.ledger().error("error frame: " + frame.message());
            case "unparsable" -> ctx.ledger().error("unparsable frame");
            default -> {
                // connected, user_joined, user_left, typing...: not part of the measurement
            }
        }
    }

    /**
     * The receipt path of the lean transport: the same accounting as {@link #onFrame}, with the payload,
     * client id and message id read from the frame's bytes where they lie (nothing allocated per frame).
     */
    @Override
    public void onScannedFrame(ChatConnection connection, FrameScan frame, long receivedNanos) {
        if (frame.typeIs(MESSAGE)) {
            if (frame.payload()) {
                ctx.ledger().delivered(connection.receiver(), frame.payloadSeq(), frame.payloadIntendedNanos(),
                        receivedNanos);
                if (connection == orderObserver) {
                    order.observed(frame.messageId());
                }
                if (connection == observer) {
                    onObserved.accept(frame.payloadSeq());
                }
            }
        } else if (frame.typeIs(ACK)) {
            long seq = frame.clientIdSeq(clientIdPrefix);
            if (seq < 0) {
                // the probe, or an ack this run did not ask for
                String clientId = frame.clientId();
                CompletableFuture<Frame> probe = clientId == null ? null : probes.get(clientId);
                if (probe != null) {
                    probe.complete(frame.toFrame());
                }
                return;
            }
            ctx.ledger().acked(seq, receivedNanos);
            ackedMessageId(frame.messageId());
            onAck.accept(seq);
        } else if (frame.typeIs(ERROR)) {
            ctx.ledger().error("error frame: " + frame.message());
        }
        // connected, user_joined, user_left, typing...: not part of the measurement
    }

    @Override
    public void onLost(ChatConnection connection, String why) {
        ctx.ledger().error(why);
    }

    /**
     * Counts the messages of this run stored in each room, paging back from the newest with
     * {@code ?before=} (our server; the original has no paging).
     */
    public long storedMessages() throws Exception {
        String token = ctx.http().signUpOrLogIn(ctx.username(0), ctx.password());
        long total = 0;
        for (long room : roomIds) {
            String query = "?limit=200";
            while (true) {
                var page = ctx.http().messages(token, room, query);
                if (page.isEmpty()) {
                    break;
                }
                long oldest = Long.MAX_VALUE;
                for (var item : page) {
                    if (Payload.decode(item.path("message").asString("")) != null) {
                        total++;
                    }
                    oldest = Math.min(oldest, item.path("message_id").asLong());
                }
                query = "?before=" + oldest + "&limit=200";
            }
        }
        return total;
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (List<ChatConnection> room : rooms) {
            for (ChatConnection c : room) {
                closing.add(c.close());
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            rooms.forEach(room -> room.forEach(ChatConnection::abort));
        }
    }
}
