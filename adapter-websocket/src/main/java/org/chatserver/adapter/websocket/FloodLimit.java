package org.chatserver.adapter.websocket;

/**
 * The flood limit of one connection: {@code burst} frames at once, refilled at {@code perSecond},
 * counted when each frame <em>arrives</em>. A client's frames may wait before they are processed
 * (behind a post held up by the database, say); counted then, a client well within the rate would
 * be refused for the server's delay. Called on the session's receiving thread, one frame at a time.
 */
final class FloodLimit {

    enum Verdict {
        /** within the rate */
        ADMIT,
        /** over the rate: refuse the frame and say so */
        REFUSE,
        /** refused too often in a row: end the connection */
        CLOSE
    }

    private final double perNano;
    private final double burst;
    private final int refusalsToClose;
    private double tokens;
    private long lastNanos;
    private int refusedInARow;

    FloodLimit(int perSecond, int burst, int refusalsToClose, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.refusalsToClose = refusalsToClose;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** @param arrivedNanos when the frame arrived, on the connection's {@link Ticker} */
    Verdict arrived(long arrivedNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, arrivedNanos - lastNanos) * perNano);
        lastNanos = Math.max(lastNanos, arrivedNanos);
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return Verdict.ADMIT;
        }
        refusedInARow++;
        return refusedInARow > refusalsToClose ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
