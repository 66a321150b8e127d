// One room's WebSocket (/ws/chat/{room}, docs/websocket.md): connects, resumes after a drop with
// `since`, sends what is pending in the outbox again with its client_id, and reports frames and
// its state. Every frame the client sends or reads passes here.
import * as outbox from './outbox.js';
import * as session from './session.js';
import {ApiError, Unreachable} from './http.js';
import {getRoom} from './api.js';

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const SLEEP_CHECK_MS = 5000;
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
export class RoomSocket {
  constructor(roomId, user, handlers) {
    this.roomId = roomId;
    this.user = user;
    this.handlers = handlers;
    this.ws = null;
    this.stopped = false;
    this.attempt = 0;
    this.retryTimer = 0;
    this.lastTick = Date.now();
    this.onOnline = () => this.reconnectNow();
    // a connection lives only as long as its token unless it is handed each renewed one (`auth`)
    this.pendingAuth = null;
    this.authCount = 0;
    this.offRenewed = session.onTokenRenewed((token) => this.renewToken(token));
    this.sleepCheck = setInterval(() => this.checkForSleep(), SLEEP_CHECK_MS);
    addEventListener('online', this.onOnline);
  }

  get online() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN && this.connected;
  }

  start() {
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.slowDownTimer);
    clearTimeout(this.answerTimer);
    clearInterval(this.sleepCheck);
    removeEventListener('online', this.onOnline);
    this.offRenewed();
    this.ws?.close(1000);
    this.ws = null;
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

  /** Sends a frame that is worth nothing later (typing): dropped while offline. */
  sendEphemeral(frame) {
    if (this.online) this.ws.send(JSON.stringify(frame));
  }

  reconnectNow() {
    if (this.stopped || this.online) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (!this.ws || this.ws.readyState === WebSocket.CLOSED) this.connect();
  }

  /** After a laptop sleep the socket may look open but be dead: timers that fired far too late tell. */
  checkForSleep() {
    const now = Date.now();
    const slept = now - this.lastTick > SLEEP_CHECK_MS * 4;
    this.lastTick = now;
    if (slept && this.ws) this.ws.close(4000, 'resume after sleep');
  }

  async connect() {
    if (this.stopped) return;
    this.connected = false;
    this.handlers.status('connecting');
    let token;
    try {
      token = await session.token();
    } catch (e) {
      if (e instanceof ApiError) return; // session over: the app shows the login
      return this.retryLater();
    }
    if (this.stopped) return;
    this.pendingAuth = null; // a renewal from now on is handed over once connected
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({token});
    const since = this.handlers.lastMessageId();
    if (since) query.set('since', String(since));
    this.since = since || 0;
    const ws = new WebSocket(`${scheme}//${location.host}/ws/chat/${this.roomId}?${query}`);
    this.ws = ws;
    ws.onmessage = (event) => this.receive(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws || this.stopped) return;
      const wasConnected = this.connected;
      this.connected = false;
      this.ws = null;
      this.handlers.status('offline');
      if (event.code === 1008 && GONE.has(event.reason)) {
        this.handlers.gone(GONE.get(event.reason), event.reason === BANNED);
        return;
      }
      if (wasConnected) this.retryLater();
      else this.diagnose();
    };
  }

  /** Hands the connection a renewed access token, so the server does not close it at the old one's expiry. */
  renewToken(token) {
    if (this.stopped || !this.ws) return;
    if (!this.online) {
      this.pendingAuth = token;
      return;
    }
    this.authCount += 1;
    this.ws.send(JSON.stringify({type: 'auth', token, ref: `auth-${this.authCount}`}));
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

  retryLater() {
    if (this.stopped) return;
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), base + Math.random() * base * 0.5);
  }

  /** Sends the unacknowledged messages again, oldest first and one at a time; the server stores each client_id once. */
  resendPending() {
    this.inFlight = null;
    clearTimeout(this.answerTimer);
    this.pump();
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'connected') {
      this.connected = true;
      this.attempt = 0;
      this.handlers.status('online', this.since);
      if (this.pendingAuth) {
        const token = this.pendingAuth;
        this.pendingAuth = null;
        this.renewToken(token);
      }
      this.resendPending();
    } else if (frame.type === 'error' && frame.message === 'Too many messages: slow down') {
      // the server refused some frames for flooding: what is still pending goes again, later
      clearTimeout(this.slowDownTimer);
      this.slowDownTimer = setTimeout(() => {
        this.slowDownTimer = 0;
        this.resendPending();
      }, SLOW_DOWN_MS);
      return;
    } else if (frame.type === 'authenticated') {
      return;
    } else if (frame.type === 'error' && typeof frame.ref === 'string' && frame.ref.startsWith('auth-')) {
      // a refused renewal changes nothing: at the old token's expiry the socket closes and
      // reconnects with a fresh token, resuming with `since`
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
