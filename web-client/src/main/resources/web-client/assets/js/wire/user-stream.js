// The tab's one connection for all of its user's rooms (/ws/user, docs/websocket.md "One connection for all of a
// user's rooms"), open while logged in: the room list (`connected`, `room_added`, `room_removed`), unread and
// mention counts (`unread`), the rooms' messages (for the list's last message) and other people's presence
// (`presence`). It starts every room live (no `since`): the list and counts come whole in `connected`, and the
// open room has its own socket, which resumes. Reconnecting and token renewal are LiveSocket's.
import {ApiError} from './http.js';
import {me} from './api.js';
import {LiveSocket} from './live-socket.js';

/**
 * handlers: status('connecting'|'online'|'offline'); rooms(items) with the member's rooms, at every (re)connect;
 * roomAdded(item); roomRemoved(roomId); unread(roomId, unreadCount, mentionCount);
 * presence(username, status, lastSeen); roomFrame(frame) for every frame of a room (message, edit, deletion, …).
 */
export class UserStream extends LiveSocket {
  constructor(handlers) {
    super();
    this.handlers = handlers;
  }

  address() {
    return '/ws/user';
  }

  /**
   * A handshake that failed says nothing to a browser: a call over HTTP renews a token the server no longer takes,
   * or finds the session over (the app then shows the login and stops this stream); otherwise, try again later.
   */
  async dropped(event, wasConnected) {
    if (!wasConnected) {
      try {
        await me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return;
      }
    }
    this.retryLater();
  }

  status(status) {
    this.handlers.status(status);
  }

  opened(frame) {
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
