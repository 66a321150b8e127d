// What every WebSocket of this client does whatever it carries (docs/websocket.md "How long a connection lives"):
// connects with the session's access token, hands the socket each renewed token (`auth`) so that it outlives
// the one it was opened with, and after a drop connects again with a capped, randomised backoff; at once when
// the browser comes back online, and after a laptop sleep that left a socket looking open but dead. When the browser
// says it went offline, the socket is given up at once rather than left looking open.
// RoomSocket (/ws/chat/{room}) and UserStream (/ws/user) are what they carry on top of it.
import * as session from './session.js';
import {ApiError} from './http.js';

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const SLEEP_CHECK_MS = 5000;

/**
 * A subclass says where it connects, `address(query)` (the path; it may add to the query, which holds the token),
 * and what it does with what comes: `opened(frame)` for the first frame (`connected`), `receive(frame)` for every
 * frame (the first included), `dropped(event, wasConnected)` after a close (by default, connect again later; the
 * event's `target` is the socket that closed), and
 * `status('connecting'|'offline')` as the connection goes.
 */
export class LiveSocket {
  constructor() {
    this.ws = null;
    this.stopped = false;
    this.connected = false;
    this.attempt = 0;
    this.retryTimer = 0;
    this.lastTick = Date.now();
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.giveUp();
    // a connection lives only as long as its token unless it is handed each renewed one (`auth`)
    this.pendingAuth = null;
    this.authCount = 0;
    this.offRenewed = session.onTokenRenewed((token) => this.renewToken(token));
    this.sleepCheck = setInterval(() => this.checkForSleep(), SLEEP_CHECK_MS);
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
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
    clearInterval(this.sleepCheck);
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    this.offRenewed();
    this.ws?.close(1000);
    this.ws = null;
  }

  /** Sends a frame that is worth nothing later (typing, presence): dropped while offline. */
  sendEphemeral(frame) {
    if (this.online) this.ws.send(JSON.stringify(frame));
  }

  reconnectNow() {
    if (this.stopped || this.online) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (!this.ws || this.ws.readyState === WebSocket.CLOSED) this.connect();
  }

  /**
   * The browser says the network is gone. A socket can look open for minutes after that, holding what is sent on it
   * until the network is back, and sending it then: a message the person discarded meanwhile (logging out) would
   * still go. So it is given up at once, as if it had closed: the page says it is offline, what is written waits in
   * the outbox, and the next connection takes over (the server stores each client_id once).
   */
  giveUp() {
    const ws = this.ws;
    if (this.stopped || !ws) return;
    ws.onmessage = null;
    ws.dispatchEvent(new CloseEvent('close', {code: 4001, reason: 'browser offline'}));
    ws.close(4001, 'browser offline');
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
    this.status('connecting');
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
    const path = this.address(query);
    const ws = new WebSocket(`${scheme}//${location.host}${path}?${query}`);
    this.ws = ws;
    ws.onmessage = (event) => this.read(event.data);
    ws.onclose = (event) => {
      if (this.ws !== ws || this.stopped) return;
      const wasConnected = this.connected;
      this.connected = false;
      this.ws = null;
      this.status('offline');
      this.dropped(event, wasConnected);
    };
  }

  dropped() {
    this.retryLater();
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

  /** Connects again after the backoff, or after `delayMs` when given. */
  retryLater(delayMs) {
    if (this.stopped) return;
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delayMs ?? base + Math.random() * base * 0.5);
  }

  read(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'connected') {
      this.connected = true;
      this.attempt = 0;
      this.opened(frame);
      if (this.pendingAuth) {
        const token = this.pendingAuth;
        this.pendingAuth = null;
        this.renewToken(token);
      }
    } else if (frame.type === 'authenticated') {
      return;
    } else if (frame.type === 'error' && typeof frame.ref === 'string' && frame.ref.startsWith('auth-')) {
      // a refused renewal changes nothing: at the old token's expiry the socket closes and
      // reconnects with a fresh token (a room's socket resuming with `since`)
      return;
    }
    this.receive(frame);
  }
}
