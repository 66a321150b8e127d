package org.chatserver.loadgen;

import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Issue 11's cost of the user stream: {@code --users} each a member of {@code --rooms-per-user} of
 * {@code --rooms} rooms ({@link RoomAssignment}), each holding ONE {@code /ws/user} connection,
 * posting over it with {@code room_id} at the {@code --rates}; every message must reach every other
 * member's stream once, under its room's {@code room_id}. With {@code --compare-rooms} the same
 * users, rooms, senders and rates again over {@code /ws/chat/{room}}, one connection per user and
 * room, so the report puts deliveries/s, latency, loss and server memory per connection side by side.
 */
public final class UserStreamScenario implements Scenario {

    /** Descriptors the JVM needs besides the sockets: jars, selectors, pipes. */
    private static final int FD_HEADROOM = 1_000;
    /** The server's default {@code chat.websocket.max-connections-per-user}. */
    private static final int DEFAULT_CONNECTIONS_PER_USER = 20;
    /** Tomcat's default {@code server.tomcat.max-connections}. */
    private static final int TOMCAT_DEFAULT_CONNECTIONS = 8_192;
    private static final String STREAM = "user-stream";
    private static final int HANDSHAKE_RETRIES = 5;
    private static final String ROOMS = "rooms";

    private final RunContext ctx;
    private final int users;
    private final int rooms;
    private final int roomsPerUser;
    private final List<Integer> rates;
    private final Duration stepLength;
    private final boolean compareRooms;
    private final int signupParallelism;
    private final int connectConcurrency;
    private final RoomAssignment assignment;
    private final Map<String, LongAdder> otherFrames = new ConcurrentHashMap<>();

    public UserStreamScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.users = o.integer("users", 1_000, 2, 100_000);
        this.rooms = o.integer("rooms", 100, 1, 10_000);
        this.roomsPerUser = o.integer("rooms-per-user", 20, 1, 10_000);
        this.rates = o.integers("rates", "500", 1_000_000);
        this.stepLength = o.seconds("step-seconds", 30, 0.1, 86_400);
        this.compareRooms = o.flag("compare-rooms");
        this.signupParallelism = o.integer("signup-parallelism", 8, 1, 256);
        this.connectConcurrency = o.integer("connect-concurrency", 200, 1, 10_000);
        try {
            this.assignment = RoomAssignment.of(users, rooms, roomsPerUser);
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException(e.getMessage());
        }
    }

    @Override
    public Outcome run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        checkLimits(m);
        // user number `users` creates the rooms and leaves them: members are exactly the assignment
        List<String> tokens = Population.signUp(ctx, users + 1, signupParallelism);
        List<Long> roomIds = setUpRooms(tokens);
        m.put("acks_supported", true);
        m.put("members_per_room", minMax());
        List<StepResult> steps = new ArrayList<>();
        Phase stream = new StreamPhase(tokens, roomIds);
        steps.addAll(stream.measure(m));
        if (compareRooms) {
            steps.addAll(new RoomsPhase(tokens, roomIds).measure(m));
        }
        m.put("acks_supported", ctx.ledger().sawAcks());
        sideBySide(m, steps, rates);
        return new Outcome(steps, m);
    }

    private void checkLimits(Map<String, Object> m) {
        long most = compareRooms ? (long) users * roomsPerUser : users;
        long limit = ProcStatus.openFilesLimit("self");
        m.put("client_open_files_limit", limit);
        if (limit >= 0 && limit < most + FD_HEADROOM) {
            throw new Population.SetupException("this process may open only " + limit + " files, but " + most
                    + " connections need about " + (most + FD_HEADROOM) + ". Raise it first, e.g. `ulimit -n "
                    + Math.max(65_536, 2 * most) + "` in the same shell (and for the server process)", null);
        }
        if (ctx.serverPid() > 0) {
            long serverLimit = ProcStatus.openFilesLimit(Long.toString(ctx.serverPid()));
            m.put("server_open_files_limit", serverLimit);
            if (serverLimit >= 0 && serverLimit < most + FD_HEADROOM) {
                ctx.note("the server process may open only " + serverLimit + " files: it will refuse connections"
                        + " before " + most);
            }
        }
        if (compareRooms && roomsPerUser > DEFAULT_CONNECTIONS_PER_USER) {
            ctx.note("--compare-rooms holds " + roomsPerUser + " connections per user: start our server with"
                    + " --chat.websocket.max-connections-per-user=" + roomsPerUser);
        }
        if (most > TOMCAT_DEFAULT_CONNECTIONS - FD_HEADROOM) {
            ctx.note("Tomcat accepts 8192 connections by default: start our server with"
                    + " --server.tomcat.max-connections=" + (most + FD_HEADROOM));
        }
    }

    private String minMax() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int r = 0; r < rooms; r++) {
            min = Math.min(min, assignment.memberCount(r));
            max = Math.max(max, assignment.memberCount(r));
        }
        return min == max ? Integer.toString(min) : min + " to " + max;
    }

    /** Creates the rooms (as the extra user, who then leaves them) and makes every user a member of theirs. */
    private List<Long> setUpRooms(List<String> tokens) throws Exception {
        long start = System.nanoTime();
        String owner = tokens.get(users);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ctx.connectTimeout()).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(signupParallelism)) {
            MembershipHttp membership = new MembershipHttp(client, ctx.baseUrl(), ctx.connectTimeout().plusSeconds(20));
            List<Long> roomIds = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                long id = ctx.http().createOrFindRoom(owner, ctx.roomName("s", r));
                membership.leave(owner, id);
                roomIds.add(id);
            }
            List<Future<?>> joins = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String token = tokens.get(u);
                for (int r : assignment.roomsOf(u)) {
                    long id = roomIds.get(r);
                    joins.add(pool.submit(() -> {
                        membership.join(token, id);
                        return null;
                    }));
                }
            }
            for (Future<?> join : joins) {
                try {
                    join.get();
                } catch (ExecutionException e) {
                    throw new Population.SetupException("could not make the users members of their rooms: "
                            + Population.describe(e.getCause()), e.getCause());
                }
            }
            ctx.say("%d rooms, %d users in %d rooms each (%d joins) in %.1fs", rooms, users, roomsPerUser, joins.size(),
                    (System.nanoTime() - start) / 1e9);
            return List.copyOf(roomIds);
        } finally {
            client.shutdownNow();
        }
    }

    /**
     * One way of connecting the same users: connect them all, measure the server's memory, run
     * the rates, disconnect. Message {@code i} goes to room {@code i mod rooms}, from its member
     * {@code (i / rooms) mod members}: every room and member takes its turn, the same in both phases.
     */
    private abstract class Phase {

        final String name;
        /** {@code name} as measurements are named: {@code user_stream_…}, {@code rooms_…}. */
        final String key;
        final List<String> tokens;
        final List<Long> roomIds;

        Phase(String name, List<String> tokens, List<Long> roomIds) {
            this.name = name;
            this.key = key(name);
            this.tokens = tokens;
            this.roomIds = roomIds;
        }

        /** Opens every connection of the phase, {@code connectConcurrency} handshakes at a time. */
        abstract int connect(Map<String, Object> m) throws Exception;

        /** What user {@code user} receives messages of room {@code room} as. */
        abstract DeliveryLedger.Receiver receiverOf(int user, int room);

        /** Posts {@code content} into room {@code room} as user {@code user}. */
        abstract void post(int user, int room, String content, String clientId, Consumer<Throwable> whenDone);

        /** Registers message {@code index} of the step with the ledger, then sends it. */
        void send(long index, long intendedNanos) {
            int room = (int) (index % rooms);
            int user = assignment.member(room, index / rooms);
            DeliveryLedger ledger = ctx.ledger();
            long seq = ledger.register(receiverOf(user, room), assignment.recipientsPerMessage(room), intendedNanos);
            post(user, room, new Payload(seq, intendedNanos).encode(ctx.messageSize()),
                    Payload.clientId(ctx.runTag(), seq), e -> ledger.sendCompleted(seq, e));
        }

        abstract void disconnect();

        List<StepResult> measure(Map<String, Object> m) throws Exception {
            // closes of an earlier phase are still being counted by the server: let them settle
            Thread.sleep(2_000);
            long rssBefore = ctx.serverRssBytes();
            long heapBefore = ctx.http().heapUsedBytes();
            List<StepResult> steps = new ArrayList<>();
            try {
                long start = System.nanoTime();
                int open = connect(m);
                double seconds = (System.nanoTime() - start) / 1e9;
                ctx.say("[%s] %d connections open in %.1fs", name, open, seconds);
                m.put(key + "_connections", open);
                m.put(key + "_connect_seconds", Math.round(seconds * 10) / 10.0);
                // presence and join notices of the ramp are still under way: they are not memory of the connections
                Thread.sleep(2_000);
                memory(m, key + "_server_rss", rssBefore, ctx.serverRssBytes(), open);
                memory(m, key + "_server_heap", heapBefore, ctx.http().heapUsedBytes(), open);
                perUser(m, key + "_server_rss");
                perUser(m, key + "_server_heap");
                for (int j = 0; j < rates.size(); j++) {
                    int rate = rates.get(j);
                    StepResult step = step(name + " " + rate + "/s", rate);
                    steps.add(step);
                    // what the stream sends besides the messages (unread counts above all) is part of its cost
                    Map<String, String> perSecond = new TreeMap<>();
                    ((Map<?, ?>) step.extra().get("other_frames_received")).forEach((type, n) -> perSecond.put(
                            type.toString(), String.format(Locale.ROOT, "%.1f", ((Long) n) / step.durationSeconds())));
                    m.put(key + "_" + rateKey(rates, j) + "_other_frames_per_second", perSecond);
                }
            } finally {
                disconnect();
            }
            return steps;
        }

        private StepResult step(String label, int rate) throws InterruptedException {
            DeliveryLedger ledger = ctx.ledger();
            Map<String, Long> framesBefore = counts(otherFrames);
            DeliveryLedger.Step step = ledger.beginStep(label, rate);
            FixedRateSchedule schedule = new FixedRateSchedule(System.nanoTime(), rate, stepLength);
            var progress = ctx.progress(step::progressLine);
            try {
                long count = schedule.count();
                for (long i = 0; i < count; i++) {
                    schedule.awaitTurn(i);
                    long intended = schedule.intendedNanos(i);
                    step.scheduleLag(System.nanoTime() - intended);
                    send(i, intended);
                }
                long rest = schedule.endNanos() - System.nanoTime();
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
                ledger.endSending(step);
            } finally {
                progress.cancel(false);
            }
            StepResult result = ledger.close(step, ctx.grace(), true);
            Map<String, Long> frames = counts(otherFrames);
            framesBefore.forEach((type, before) -> frames.merge(type, -before, Long::sum));
            frames.values().removeIf(n -> n == 0);
            ctx.say("%s other frames: %s", RoomLoad.summaryLine(result), frames);
            return result.with("other_frames_received", frames);
        }

        /** Counts a frame that {@code receiver} got: a receipt, an ack, an error, or one of the others by type. */
        void receive(Frame frame, DeliveryLedger.Receiver receiver, long receivedNanos) {
            switch (frame.type()) {
                case "message" -> {
                    Payload payload = Payload.decode(frame.message());
                    if (payload != null) {
                        ctx.ledger().delivered(receiver, payload, receivedNanos);
                    }
                }
                case "ack" -> {
                    long seq = Payload.seqOfClientId(ctx.runTag(), frame.clientId());
                    if (seq >= 0) {
                        ctx.ledger().acked(seq, receivedNanos);
                    }
                }
                case "error" -> ctx.ledger().error("error frame: " + frame.message());
                case "unparsable" -> ctx.ledger().error("unparsable frame");
                default -> otherFrames.computeIfAbsent(frame.type(), k -> new LongAdder()).increment();
            }
        }

        /**
         * Connects {@code count} sockets, {@code connectConcurrency} at a time; fails the run when one is
         * refused, except that a handshake answered 503 or a stream closed 1013 before its
         * {@code connected} frame (the server's database busy, as a client would retry it) is tried again
         * after a second, up to {@link #HANDSHAKE_RETRIES} times, and counted.
         */
        <C> List<C> openAll(int count, IntFunction<CompletableFuture<C>> open, Map<String, Object> m)
                throws Exception {
            Semaphore handshakes = new Semaphore(connectConcurrency);
            LongAdder unavailable = new LongAdder();
            List<CompletableFuture<C>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                handshakes.acquire();
                pending.add(retrying(open, i, HANDSHAKE_RETRIES, unavailable)
                        .whenComplete((c, e) -> handshakes.release()));
            }
            List<C> opened = new ArrayList<>(count);
            for (CompletableFuture<C> c : pending) {
                try {
                    opened.add(c.join());
                } catch (RuntimeException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new Population.SetupException("[" + name + "] WebSocket connection refused: "
                            + (cause instanceof WebSocketHandshakeException refused
                            ? "HTTP " + refused.getResponse().statusCode() + " " + refused.getResponse().body()
                            : Population.describe(cause)), e);
                }
            }
            m.put(key + "_connects_tried_again", unavailable.sum());
            if (unavailable.sum() > 0) {
                ctx.note(name + ": " + unavailable.sum() + " connects were answered 503 or closed 1013 (database busy)"
                        + " and tried again");
            }
            return opened;
        }

        private <C> CompletableFuture<C> retrying(IntFunction<CompletableFuture<C>> open, int i, int retries,
                                                  LongAdder unavailable) {
            return open.apply(i).handle((c, e) -> {
                if (e == null) {
                    return CompletableFuture.completedFuture(c);
                }
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (retries > 0 && (cause instanceof WebSocketHandshakeException refused
                        && refused.getResponse().statusCode() == 503
                        || cause instanceof UserStreamConnection.ClosedBeforeConnected closed && closed.tryAgainLater())) {
                    unavailable.increment();
                    return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                            .thenCompose(nothing -> retrying(open, i, retries - 1, unavailable));
                }
                return CompletableFuture.<C>failedFuture(cause);
            }).thenCompose(next -> next);
        }
    }

    private final class StreamPhase extends Phase implements UserStreamConnection.Handler {

        private final List<UserStreamConnection> streams = new ArrayList<>();

        StreamPhase(List<String> tokens, List<Long> roomIds) {
            super(STREAM, tokens, roomIds);
        }

        @Override
        int connect(Map<String, Object> m) throws Exception {
            streams.addAll(openAll(users, u -> {
                List<Long> mine = new ArrayList<>();
                for (int r : assignment.roomsOf(u)) {
                    mine.add(roomIds.get(r));
                }
                // open once connected: a stream closed 1013 before that (database busy) is tried again
                return UserStreamConnection.open(ctx.socketClient(u), ctx.baseUrl(), tokens.get(u), u, mine, this,
                        ctx.connectTimeout()).thenCompose(c -> c.connected().thenApply(nothing -> c));
            }, m));
            return streams.size();
        }

        @Override
        DeliveryLedger.Receiver receiverOf(int user, int room) {
            return streams.get(user).receiver(roomIds.get(room));
        }

        @Override
        void post(int user, int room, String content, String clientId, Consumer<Throwable> whenDone) {
            streams.get(user).send(UserStreamConnection.messageFrame(roomIds.get(room), content, clientId), whenDone);
        }

        @Override
        void disconnect() {
            closeAll(streams.stream().map(s -> (Runnable) s::abort).toList(),
                    streams.stream().<CompletableFuture<?>>map(UserStreamConnection::close).toList());
        }

        @Override
        public void onFrame(UserStreamConnection connection, StreamFrame frame, long receivedNanos) {
            if (frame.type().equals("ack") && !connection.isMemberOf(frame.roomId())) {
                ctx.ledger().error("ack without a room_id of the sender's rooms");
            }
            receive(frame.frame(), connection.receiver(frame.roomId()), receivedNanos);
        }

        @Override
        public void onLost(UserStreamConnection connection, String why) {
            ctx.ledger().error(why);
        }
    }

    private final class RoomsPhase extends Phase implements ChatConnection.Handler {

        /** Connection of user {@code u} to room {@code r} at {@code u * rooms + r}. */
        private final Map<Long, ChatConnection> byUserAndRoom = new HashMap<>();
        private final List<ChatConnection> all = new ArrayList<>();

        RoomsPhase(List<String> tokens, List<Long> roomIds) {
            super(ROOMS, tokens, roomIds);
        }

        @Override
        int connect(Map<String, Object> m) throws Exception {
            int[] userOf = new int[users * roomsPerUser];
            int[] roomOf = new int[users * roomsPerUser];
            int i = 0;
            for (int u = 0; u < users; u++) {
                for (int r : assignment.roomsOf(u)) {
                    userOf[i] = u;
                    roomOf[i++] = r;
                }
            }
            all.addAll(openAll(userOf.length, c -> ChatConnection.open(ctx.socketClient(c), ctx.baseUrl(),
                    Long.toString(roomIds.get(roomOf[c])), tokens.get(userOf[c]), c, this, ctx.connectTimeout()), m));
            for (int c = 0; c < all.size(); c++) {
                byUserAndRoom.put((long) userOf[c] * rooms + roomOf[c], all.get(c));
            }
            awaitAll(all.stream().map(ChatConnection::firstFrame).toList());
            return all.size();
        }

        @Override
        DeliveryLedger.Receiver receiverOf(int user, int room) {
            return byUserAndRoom.get((long) user * rooms + room).receiver();
        }

        @Override
        void post(int user, int room, String content, String clientId, Consumer<Throwable> whenDone) {
            byUserAndRoom.get((long) user * rooms + room).send(RoomLoad.messageFrame(content, clientId), whenDone);
        }

        @Override
        void disconnect() {
            closeAll(all.stream().map(c -> (Runnable) c::abort).toList(),
                    all.stream().<CompletableFuture<?>>map(ChatConnection::close).toList());
        }

        @Override
        public void onFrame(ChatConnection connection, Frame frame, long receivedNanos) {
            receive(frame, connection.receiver(), receivedNanos);
        }

        @Override
        public void onLost(ChatConnection connection, String why) {
            ctx.ledger().error(why);
        }
    }

    /**
     * Waits until every connection heard its first frame, so no message is sent before its
     * receivers listen; gives up after the connect timeout (what then goes missing shows as lost).
     */
    private void awaitAll(List<CompletableFuture<Void>> firstFrames) throws InterruptedException {
        try {
            CompletableFuture.allOf(firstFrames.toArray(CompletableFuture[]::new))
                    .get(ctx.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long waiting = firstFrames.stream().filter(f -> !f.isDone()).count();
            ctx.note(waiting + " connections had sent no first frame after " + ctx.connectTimeout().toSeconds()
                    + " s; measuring anyway");
        } catch (ExecutionException e) {
            // a connection that failed is reported by its handler
        }
    }

    private static void closeAll(List<Runnable> aborts, List<CompletableFuture<?>> closes) {
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            aborts.forEach(Runnable::run);
        }
    }

    /** {@code 500}, or {@code 500_2} for the second step at 500 when a rate is given twice (a warm-up). */
    private static String rateKey(List<Integer> rates, int j) {
        int rate = rates.get(j);
        return rates.stream().filter(r -> r == rate).count() == 1 ? Integer.toString(rate)
                : rate + "_" + (rates.subList(0, j + 1).stream().filter(r -> r == rate).count());
    }

    private static String key(String phase) {
        return phase.replace('-', '_');
    }

    /** What the connections of one user cost: one on the stream, one per room on the room endpoint. */
    private void perUser(Map<String, Object> m, String name) {
        if (m.get(name + "_after_bytes") instanceof Long after && m.get(name + "_before_bytes") instanceof Long before) {
            m.put(name + "_per_user_bytes", (after - before) / users);
        }
    }

    /** One line per rate with both endpoints' figures, for the summary. */
    private static void sideBySide(Map<String, Object> m, List<StepResult> steps, List<Integer> rates) {
        for (int j = 0; j < rates.size(); j++) {
            List<String> cells = new ArrayList<>();
            // step j of each phase, phases one after another
            for (int i = j; i < steps.size(); i += rates.size()) {
                StepResult s = steps.get(i);
                cells.add(String.format(Locale.ROOT, "%s %.1f deliveries/s, p50 %.1f ms, p99 %.1f ms, lost %d, dup %d,"
                        + " misdirected %d", s.label().substring(0, s.label().indexOf(' ')), s.deliveredPerSecond(),
                        s.latency().p50Ms(), s.latency().p99Ms(), s.lost(), s.duplicates(), s.misdirected()));
            }
            m.put("side_by_side_" + rateKey(rates, j) + "_per_second", String.join(" | ", cells));
        }
        List<String> memory = new ArrayList<>();
        for (String phase : List.of(key(STREAM), key(ROOMS))) {
            for (String kind : List.of("rss", "heap")) {
                Object perConnection = m.get(phase + "_server_" + kind + "_per_connection_bytes");
                Object perUser = m.get(phase + "_server_" + kind + "_per_user_bytes");
                if (perConnection != null) {
                    memory.add(phase + " " + kind + " " + perConnection + " B/connection, " + perUser + " B/user");
                }
            }
        }
        if (!memory.isEmpty()) {
            m.put("side_by_side_memory", String.join(" | ", memory));
        }
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> copy = new TreeMap<>();
        adders.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static void memory(Map<String, Object> m, String name, long before, long after, int open) {
        if (before < 0 || after < 0) {
            m.put(name + "_bytes", "not available" + (name.endsWith("rss") ? " (give --server-pid)" : ""));
            return;
        }
        m.put(name + "_before_bytes", before);
        m.put(name + "_after_bytes", after);
        if (open > 0) {
            m.put(name + "_per_connection_bytes", (after - before) / open);
        }
    }
}
