package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Chat traffic through real WebSocket clients that behave like the app: senders post numbered
 * messages with a {@code client_id} and resend those not yet acknowledged (after a lost connection,
 * an error frame, or silence), which the server must store once; receivers count what reaches them
 * and resume with {@code since} after a lost connection. In the end the ledger is checked against
 * the room's stored history: every acknowledged message stored exactly once and delivered exactly
 * once to every receiver.
 */
final class ChatTraffic implements AutoCloseable {

    static final String MARKER = "rz ";
    /** Frames per second per connection stay well under the server's flood limit (20/s). */
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(2);
    private static final int MAX_PENDING = 10;

    private final long roomId;
    private final List<Sender> senders = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean sending;
    private volatile boolean started;
    private volatile boolean closed;

    ChatTraffic(long roomId) {
        this.roomId = roomId;
    }

    static URI roomUri(String baseUrl, long roomId, String token) {
        return URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/chat/" + roomId + "?token=" + token);
    }

    void addSender(String name, String baseUrl, String token) {
        senders.add(new Sender(name, roomUri(baseUrl, roomId, token)));
    }

    void addReceiver(String name, String baseUrl, String token) {
        receivers.add(new Receiver(name, roomUri(baseUrl, roomId, token)));
    }

    /** Waits until every client has connected once. */
    void awaitConnected(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!allConnectedOnce()) {
            assertThat(Instant.now()).as("all clients connected").isBefore(deadline);
            Machine.sleep(Duration.ofMillis(100));
        }
    }

    private boolean allConnectedOnce() {
        return senders.stream().allMatch(s -> s.socket.connections() > 0)
                && receivers.stream().allMatch(r -> r.socket.connections() > 0);
    }

    /** Starts (or resumes, after {@link #settle}) posting new messages. */
    void startSending() {
        if (!started) {
            started = true;
            senders.forEach(sender -> Thread.ofVirtual().name("send-" + sender.name).start(sender::run));
        }
        sending = true;
    }

    /** Until the traffic has acknowledged {@code count} more messages. */
    void awaitAcked(int count, Duration limit) {
        long target = acked() + count;
        Instant deadline = Instant.now().plus(limit);
        while (acked() < target) {
            assertThat(Instant.now()).as(count + " more messages acknowledged; " + summary()).isBefore(deadline);
            Machine.sleep(Duration.ofMillis(50));
        }
    }

    long sent() {
        return senders.stream().mapToLong(s -> s.sent.size()).sum();
    }

    long acked() {
        return senders.stream().mapToLong(s -> s.acked.size()).sum();
    }

    long errorFrames() {
        return senders.stream().mapToLong(s -> s.errorFrames.get()).sum();
    }

    /** Stops new messages and waits until every message sent is acknowledged and delivered everywhere. */
    void settle(Duration limit) {
        sending = false;
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Set<Long> ackedIds = ackedIds();
            boolean allAcked = senders.stream().allMatch(s -> s.pending.isEmpty());
            boolean allDelivered = receivers.stream().allMatch(r -> r.delivered.keySet().containsAll(ackedIds));
            if (allAcked && allDelivered) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not settled within " + limit + ": " + summary()
                        + "; unacknowledged: " + senders.stream().mapToInt(s -> s.pending.size()).sum()
                        + "; undelivered per receiver: " + receivers.stream().collect(Collectors.toMap(
                                r -> r.name, r -> ackedIds.stream().filter(id -> !r.delivered.containsKey(id)).count()))
                        + "; last error frames: " + errors.stream().limit(5).toList());
            }
            Machine.sleep(Duration.ofMillis(100));
        }
    }

    private Set<Long> ackedIds() {
        return senders.stream().flatMap(s -> s.acked.values().stream()).collect(Collectors.toSet());
    }

    /**
     * Checks the ledger against the stored history and returns the counts: 0 lost acknowledged
     * messages, 0 stored twice, 0 delivered twice, nothing acknowledged under two ids.
     */
    Map<String, Long> verify(List<JsonNode> history) {
        Map<String, List<Long>> stored = new HashMap<>();
        for (JsonNode message : history) {
            String text = message.path("message").asString();
            if (text.startsWith(MARKER)) {
                stored.computeIfAbsent(text.substring(MARKER.length()), k -> new ArrayList<>())
                        .add(message.path("message_id").asLong());
            }
        }
        Map<String, Long> acked = new HashMap<>();
        long ackedUnderTwoIds = 0;
        for (Sender sender : senders) {
            acked.putAll(sender.acked);
            ackedUnderTwoIds += sender.ackConflicts.get();
        }
        long lost = acked.entrySet().stream()
                .filter(e -> !stored.getOrDefault(e.getKey(), List.of()).contains(e.getValue())).count();
        long storedTwice = stored.values().stream().filter(ids -> ids.size() > 1).count();
        Set<Long> storedIds = stored.values().stream().flatMap(Collection::stream).collect(Collectors.toSet());
        long deliveredTwice = receivers.stream().mapToLong(Receiver::duplicates).sum();
        long undelivered = receivers.stream()
                .mapToLong(r -> storedIds.stream().filter(id -> !r.delivered.containsKey(id)).count()).sum();

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("sent", sent());
        counts.put("acked", (long) acked.size());
        counts.put("stored", (long) stored.size());
        counts.put("delivered", receivers.stream().mapToLong(r -> r.delivered.size()).sum());
        counts.put("receivers", (long) receivers.size());
        counts.put("error frames", errorFrames());
        counts.put("lost acked", lost);
        counts.put("stored twice", storedTwice);
        counts.put("delivered twice", deliveredTwice);
        counts.put("undelivered", undelivered);
        counts.put("acked under two ids", ackedUnderTwoIds);

        assertThat(acked.size()).as("every message sent was acknowledged in the end; " + counts).isEqualTo(sent());
        assertThat(lost).as("acknowledged messages missing from the history; " + counts).isZero();
        assertThat(storedTwice).as("messages stored twice; " + counts).isZero();
        assertThat(ackedUnderTwoIds).as("a client_id acknowledged with two message ids; " + counts).isZero();
        assertThat(deliveredTwice).as("messages delivered twice to one receiver; " + counts).isZero();
        assertThat(undelivered).as("stored messages a receiver never got; " + counts).isZero();
        return counts;
    }

    String summary() {
        return "sent " + sent() + ", acked " + acked() + ", error frames " + errorFrames() + ", delivered "
                + receivers.stream().map(r -> r.name + "=" + r.delivered.size()).toList();
    }

    @Override
    public void close() {
        closed = true;
        sending = false;
        senders.forEach(s -> s.socket.close());
        receivers.forEach(r -> r.socket.close());
    }

    private final class Sender {
        final String name;
        final ChatSocket socket;
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        final Map<String, Instant> pending = new ConcurrentHashMap<>();
        final Map<String, Long> acked = new ConcurrentHashMap<>();
        final AtomicLong ackConflicts = new AtomicLong();
        final AtomicLong errorFrames = new AtomicLong();
        long next;

        Sender(String name, URI uri) {
            this.name = name;
            this.socket = new ChatSocket(name, uri, () -> 0, this::onFrame, this::resendAll);
        }

        void run() {
            while (!closed) {
                if (sending && pending.size() < MAX_PENDING) {
                    String clientId = name + "-" + next++;
                    sent.add(clientId);
                    pending.put(clientId, Instant.now());
                    post(clientId);
                }
                resendOneStale();
                Machine.sleep(TICK);
            }
        }

        private void resendOneStale() {
            Instant stale = Instant.now().minus(RESEND_AFTER);
            pending.entrySet().stream().filter(e -> e.getValue().isBefore(stale)).findFirst().ifPresent(e -> {
                pending.replace(e.getKey(), Instant.now());
                post(e.getKey());
            });
        }

        private void resendAll() {
            pending.keySet().forEach(clientId -> {
                pending.replace(clientId, Instant.now());
                post(clientId);
            });
        }

        private void post(String clientId) {
            socket.send("{\"type\":\"message\",\"content\":\"" + MARKER + clientId + "\",\"client_id\":\"" + clientId
                    + "\"}");
        }

        private void onFrame(Map<String, Object> frame) {
            Object type = frame.get("type");
            if ("ack".equals(type) && frame.get("client_id") instanceof String clientId) {
                long id = ((Number) frame.get("message_id")).longValue();
                Long earlier = acked.putIfAbsent(clientId, id);
                if (earlier != null && earlier != id) {
                    ackConflicts.incrementAndGet();
                }
                pending.remove(clientId);
            } else if ("error".equals(type)) {
                errorFrames.incrementAndGet();
                if (errors.size() < 50) {
                    errors.add(name + ": " + frame.get("message"));
                }
            }
        }
    }

    private final class Receiver {
        final String name;
        final ChatSocket socket;
        final Map<Long, Integer> delivered = new ConcurrentHashMap<>();
        final AtomicLong lastSeen = new AtomicLong();

        Receiver(String name, URI uri) {
            this.name = name;
            this.socket = new ChatSocket(name, uri, lastSeen::get, this::onFrame, () -> { });
        }

        private void onFrame(Map<String, Object> frame) {
            if ("message".equals(frame.get("type")) && String.valueOf(frame.get("message")).startsWith(MARKER)) {
                long id = ((Number) frame.get("message_id")).longValue();
                delivered.merge(id, 1, Integer::sum);
                lastSeen.accumulateAndGet(id, Math::max);
            }
        }

        long duplicates() {
            return delivered.values().stream().filter(n -> n > 1).count();
        }
    }
}
