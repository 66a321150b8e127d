// One room's WebSocket (/ws/chat/{room}, docs/websocket.md): connects (with what LiveSocket does for every
// socket: token renewal, backoff), resumes after a drop with `since`, sends what is pending in the outbox again
// with its client_id, and reports frames and its state. Every frame of the open room passes here.
import * as outbox from './outbox.js';
import {ApiError, Unreachable} from './http.js';
import {getRoom} from './api.js';
import {LiveSocket} from './live-socket.js';

const SLOW_DOWN_MS = 1500;
// a message in flight that has had no answer this long is sent again (same client_id: stored once)
const ANSWER_WAIT_MS = 5000;
// refusals of a message that are worth trying again (docs/websocket.md); any other refusal of a
// message with its client_id is for good (muted, too long, …) and takes it out of the outbox
const TRANSIENT = new Set(['Too many messages: slow down', 'Too many frames waiting: send it again shortly',
  'The server could not process this frame', 'The server is shutting down: send it again after reconnecting',
  'The database is unavailable; try again shortly',
  'Too many messages are waiting to be stored in this room, try again shortly',
  'Too many messages are waiting to be stored, try again shortly']);
// closes that mean this room is over for this user
const BANNED = 'You are banned from this room';
const GONE = new Map([['Removed from the room', 'You are no longer a member of this room'], [BANNED, BANNED]]);

/**
 * handlers: lastMessageId() → where to resume (`since`): a change cursor, or the newest message id the view holds;
 * frame(frame) for every server frame; ack(frame, pendingFrame); status('connecting'|'online'|'offline', since)
 * (`since` on 'online': the message id the connection resumed after, 0 when it replayed nothing);
 * gone(reason, banned) when the room is no longer there for this user (`banned`: they may not join it again); refused(error, pendingFrame) when the
 * server refused a message for good.
 */
export class RoomSocket extends LiveSocket {
  constructor(roomId, user, handlers) {
    super();
    this.roomId = roomId;
    this.user = user;
    this.handlers = handlers;
  }

  stop() {
    clearTimeout(this.slowDownTimer);
    clearTimeout(this.answerTimer);
    super.stop();
  }

  /**
   * Queues a chat message (kept until acked) and sends it when the ones before it are answered. One message is in
   * flight at a time: the server refuses frames past its flood limit, and a later message it took while refusing an
   * earlier one would overtake it; so a message goes only after the server acknowledged or refused the one before.
   */
  post(frame) {
    outbox.add(this.user, this.roomId, frame);
    this.pump();
  }

  /** Sends the oldest pending message, unless one is in flight or the server asked to slow down. */
  pump() {
    if (!this.online || this.slowDownTimer || this.inFlight) return;
    const next = outbox.pending(this.user, this.roomId)[0];
    if (!next) return;
    this.inFlight = next.frame.client_id;
    this.ws.send(JSON.stringify(next.frame));
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => this.resendPending(), ANSWER_WAIT_MS);
  }

  /** The message in flight was answered (acked or refused for good): the next one may go. */
  answered(clientId) {
    if (clientId !== this.inFlight) return;
    this.inFlight = null;
    clearTimeout(this.answerTimer);
    this.pump();
  }

  status(status) {
    this.handlers.status(status);
  }

  address(query) {
    const since = this.handlers.lastMessageId();
    if (since) query.set('since', String(since));
    this.since = since || 0;
    return `/ws/chat/${this.roomId}`;
  }

  dropped(event, wasConnected) {
    if (event.code === 1008 && GONE.has(event.reason)) {
      this.handlers.gone(GONE.get(event.reason), event.reason === BANNED);
      return;
    }
    if (wasConnected) this.retryLater();
    else this.diagnose();
  }

  /** The handshake failed: a browser is not told why. Ask over HTTP whether the room is still ours. */
  async diagnose() {
    try {
      await getRoom(this.roomId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return this.handlers.gone('This room no longer exists');
      if (e instanceof ApiError && e.status === 401) return; // session over
      if (!(e instanceof Unreachable) && !(e instanceof ApiError)) throw e;
    }
    this.retryLater();
  }

  /** Sends the unacknowledged messages again, oldest first and one at a time; the server stores each client_id once. */
  resendPending() {
    this.inFlight = null;
    clearTimeout(this.answerTimer);
    this.pump();
  }

  opened() {
    this.handlers.status('online', this.since);
    this.resendPending();
  }

  receive(frame) {
    if (frame.type === 'error' && frame.message === 'Too many messages: slow down') {
      // the server refused some frames for flooding: what is still pending goes again, later
      clearTimeout(this.slowDownTimer);
      this.slowDownTimer = setTimeout(() => {
        this.slowDownTimer = 0;
        this.resendPending();
      }, SLOW_DOWN_MS);
      return;
    } else if (frame.type === 'error' && frame.client_id && !TRANSIENT.has(frame.message)) {
      const entry = outbox.pending(this.user, this.roomId).find((e) => e.frame.client_id === frame.client_id);
      if (entry) {
        outbox.remove(frame.client_id);
        this.handlers.refused(frame, entry.frame);
        this.answered(frame.client_id);
        return;
      }
    } else if (frame.type === 'ack' && frame.client_id) {
      const entry = outbox.pending(this.user, this.roomId).find((e) => e.frame.client_id === frame.client_id);
      outbox.remove(frame.client_id);
      if (entry) this.handlers.ack(frame, entry.frame);
      this.answered(frame.client_id);
      return;
    }
    this.handlers.frame(frame);
  }
}
