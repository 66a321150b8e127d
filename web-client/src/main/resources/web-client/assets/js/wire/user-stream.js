// The tab's one connection for all of its user's rooms (/ws/user, docs/websocket.md "One connection for all of a
// user's rooms"), open while logged in: the room list (`connected`, `room_added`, `room_removed`), unread and
// mention counts (`unread`), the rooms' messages (for the list's last message) and other people's presence
// (`presence`). It starts every room live (no `since`): the list and counts come whole in `connected`, and the
// open room has its own socket, which resumes. Reconnecting and token renewal are LiveSocket's.
import {ApiError} from './http.js';
import {me} from './api.js';
import {LiveSocket} from './live-socket.js';

// a server that answered that it has no /ws/user is asked again this seldom (it may be upgraded meanwhile)
const ABSENT_RETRY_MS = 5 * 60_000;

/**
 * handlers: status('connecting'|'online'|'offline'); rooms(items) with the member's rooms, at every (re)connect;
 * roomAdded(item); roomRemoved(roomId); unread(roomId, unreadCount, mentionCount);
 * presence(username, status, lastSeen); roomFrame(frame) for every frame of a room (message, edit, deletion, …).
 */
export class UserStream extends LiveSocket {
  constructor(handlers) {
    super();
    this.handlers = handlers;
    this.refusals = 0; // handshakes failed in a row while the server answered over HTTP
    this.exists = false; // the server said the stream's path is there (a question about it not answered 404)
  }

  address() {
    return '/ws/user';
  }

  /**
   * A handshake that failed says nothing to a browser: a call over HTTP renews a token the server no longer takes,
   * or finds the session over (the app then shows the login and stops this stream); otherwise, try again later.
   * A server that answers over HTTP but refused the handshake twice in a row is asked once, with a plain GET of the
   * path, whether the path exists at all: one without the stream says 404, and is then asked again only every few
   * minutes (the room list is read every 20 s meanwhile). A network error or a restart keeps the usual backoff.
   */
  async dropped(event, wasConnected) {
    if (wasConnected) {
      this.refusals = 0;
      return this.retryLater();
    }
    try {
      await me();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      return this.retryLater(); // the server cannot be reached: it says nothing about the stream
    }
    this.refusals += 1;
    if (this.refusals >= 2 && !this.exists) {
      const absent = await pathAbsent(event.target?.url);
      if (this.stopped) return;
      if (absent) return this.retryLater(ABSENT_RETRY_MS);
      this.exists = true;
    }
    this.retryLater();
  }

  status(status) {
    this.handlers.status(status);
  }

  opened(frame) {
    this.refusals = 0;
    this.handlers.status('online');
    this.handlers.rooms(Array.isArray(frame.rooms) ? frame.rooms : []);
  }

  receive(frame) {
    switch (frame.type) {
      case 'connected':
        return; // opened() took it
      case 'room_added': {
        const {type, ...item} = frame;
        return this.handlers.roomAdded(item);
      }
      case 'room_removed':
        return this.handlers.roomRemoved(frame.room_id);
      case 'unread':
        return this.handlers.unread(frame.room_id, frame.unread_count, frame.mention_count);
      case 'presence':
        return this.handlers.presence(frame.username, frame.status, frame.last_seen ?? null);
      default:
        if (typeof frame.room_id === 'number') this.handlers.roomFrame(frame);
    }
  }
}

/** Whether the server answers a plain GET of a socket's path (no token, no upgrade) with 404: it has no such path. */
async function pathAbsent(socketUrl) {
  if (!socketUrl) return false;
  try {
    const response = await fetch(new URL(socketUrl).pathname, {cache: 'no-store', credentials: 'omit'});
    return response.status === 404;
  } catch {
    return false;
  }
}
