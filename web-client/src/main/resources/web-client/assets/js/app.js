// The application shell: who is logged in, the room list, the open conversation or search, the
// router (#/rooms/{id}, #/rooms/{id}/m/{message id} to open a room at a message, #/search?q=…, #/mentions), toasts. Views get what they need from here; only wire/ speaks to the server.
import {h, setChildren} from './dom.js';
import * as api from './wire/api.js';
import * as outbox from './wire/outbox.js';
import * as drafts from './drafts.js';
import * as session from './wire/session.js';
import {UserStream} from './wire/user-stream.js';
import {authView} from './views/auth.js';
import {Conversation} from './views/conversation.js';
import {confirmDialog, messageSomeoneDialog, newRoomDialog, presenceOf, settingsDialog} from './views/dialogs.js';
import {isDm, roomName} from './format.js';
import {roomList} from './views/rooms.js';
import {searchView} from './views/search.js';
import {mentionsView} from './views/mentions.js';

// the room list from GET /api/rooms this often while the tab's /ws/user stream is down; while it is up the stream
// keeps the member's rooms, and only public rooms that others create (no frame tells of them) need the list,
// which is then read this seldom (and when the window regains focus)
const ROOMS_EVERY_MS = 20_000;
const PUBLIC_ROOMS_EVERY_MS = 120_000;
const FALLBACK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '😡'];

export class App {
  constructor(root) {
    this.root = root;
    this.me = null;
    this.rooms = [];
    this.conversation = null;
    // room id → why the server refused this user a join (a ban), learnt this session: no Join button there
    this.refusedJoins = new Map();
    // room id → the edits left unsaved in it (message id → text) while other rooms are open, for this page's life
    this.keptEdits = new Map();
    this.reactions = FALLBACK_REACTIONS;
    // a direct message's peer → {status, last_seen}, for the room list: read once, then kept by the stream's frames
    this.peers = new Map();
    // someone → the last presence frame that came for them, numbered: a reading begun before it does not undo it
    this.told = new Map();
    this.presenceFrames = 0;
    // what this server offers beyond the original's wire, learnt from what it sends (lives: issue 10)
    this.features = {lives: undefined};
    this.toasts = h('div', {class: 'toasts', role: 'status', 'aria-live': 'polite'});
    document.body.append(this.toasts);
    session.onSessionEnd(() => this.showLogin());
    addEventListener('hashchange', () => {
      // a dialog belongs to the page it was opened on: Back, or a link to a room, leaves it behind
      for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
      this.route();
    });
    // a link to the address the page is at (a reply's preview, a pin, a thread entry, after scrolling away from the message
    // it points at) fires no hashchange either: the jump is asked for directly
    document.addEventListener('click', (e) => {
      const link = e.target.closest?.('a[href^="#/"]');
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (link.getAttribute('href') === location.hash) {
        e.preventDefault();
        this.route({force: true});
      }
    });
    addEventListener('focus', () => this.onFocus());
    addEventListener('storage', (e) => this.draftChangedElsewhere(e));
    document.addEventListener('visibilitychange', () => {
      // the tab in the background counts as away (docs/websocket.md "presence"), on the stream as on a room's socket
      const visible = document.visibilityState === 'visible';
      this.stream?.sendEphemeral({type: 'presence', status: visible ? 'online' : 'away'});
      if (visible) this.onFocus();
    });
  }

  async start() {
    if (!session.mayResume()) return this.showLogin();
    try {
      await session.refresh();
    } catch (e) {
      if (e instanceof session.Unreachable) {
        setChildren(this.root, h('p', {class: 'boot', role: 'status'}, 'Cannot reach the server. Trying again…'));
        setTimeout(() => this.start(), 2000);
        return;
      }
      return this.showLogin();
    }
    await this.enter();
  }

  async enter() {
    const profile = await api.me();
    this.me = profile.username;
    api.availableReactions().then((r) => { this.reactions = r.reactions; }, () => {});
    this.sidebar = roomList({me: this.me, isMine: (room) => this.isMine(room), drafted: () => drafts.rooms(this.me),
      presence: (username) => this.peers.get(username) ?? null, onNewRoom: () => this.newRoom(), onMessageSomeone: () => this.messageSomeone(),
      onSettings: () => settingsDialog(this.me, (t) => this.toast(t)), onLogOut: () => this.logOut(),
      onSearch: (q) => this.navigate(`#/search?${new URLSearchParams({q})}`)});
    this.main = h('main', {class: 'main', id: 'main', tabindex: -1});
    this.shell = h('div', {class: 'shell'},
      // not a hash link: the hash is the router's (#/rooms/{id})
      h('a', {href: '#main', class: 'skip-link', onclick: (e) => {
        e.preventDefault();
        if (this.conversation) this.conversation.focusComposer();
        else this.main.focus();
      }}, 'Skip to conversation'),
      this.sidebar.el, this.main);
    setChildren(this.root, this.shell);
    clearInterval(this.roomsTimer);
    this.roomsTimer = setInterval(() => {
      if (!this.stream?.online || Date.now() - this.roomsReadAt >= PUBLIC_ROOMS_EVERY_MS) this.refreshRooms();
    }, ROOMS_EVERY_MS);
    await this.refreshRooms();
    this.startStream();
    await this.route();
  }

  // ---- the tab's /ws/user stream: the room list, counts and presence, live ------------------------

  startStream() {
    this.stopStream();
    this.memberIds = null; // the rooms the stream says the user is a member of; null until it has said
    this.stream = new UserStream({
      status: (status) => {
        // for tests and styles, as a conversation's data-connection
        this.shell.dataset.stream = status;
        // presence is not replayed: what changed while the stream was down is in the members list
        if (status === 'online') this.conversation?.reloadMembers();
      },
      rooms: (items) => this.streamRooms(items),
      roomAdded: (item) => this.roomAdded(item),
      roomRemoved: (roomId) => this.roomRemoved(roomId),
      unread: (roomId, unread, mentions) => this.roomUnread(roomId, unread, mentions),
      presence: (username, status, lastSeen) => this.presenceChanged(username, status, lastSeen),
      roomFrame: (frame) => this.roomFrame(frame),
    });
    this.stream.start();
  }

  stopStream() {
    this.stream?.stop();
    this.stream = null;
    this.memberIds = null;
  }

  /** The member's rooms as the stream starts (again); public rooms they are not in stay as the last list showed them. */
  streamRooms(items) {
    this.memberIds = new Set(items.map((r) => r.id));
    const others = this.rooms.filter((r) => !this.memberIds.has(r.id) && !r.is_private);
    this.rooms = [...items, ...others];
    this.drawRooms();
    // presence is not replayed: what changed while the stream was down is read again
    this.readPeers(true);
  }

  roomAdded(item) {
    this.memberIds?.add(item.id);
    this.rooms = [...this.rooms.filter((r) => r.id !== item.id), item];
    this.drawRooms();
    this.readPeers(false);
  }

  /**
   * The direct messages' peers' presence, for the room list (GET /api/users/{username}): those not known yet, or
   * all (`again`) when no frame has kept them (the stream (re)connected, or is down and the list was read again).
   */
  readPeers(again) {
    const peers = new Set(this.rooms.filter((r) => isDm(r) && r.peer).map((r) => r.peer));
    for (const peer of peers) {
      if (!again && this.peers.has(peer)) continue;
      if (!this.peers.has(peer)) this.peers.set(peer, null); // asked once at a time
      const asked = this.presenceFrames;
      api.user(peer).then((u) => {
        if (this.toldSince(peer, asked) || !this.me) return;
        this.peers.set(peer, {status: u.status, last_seen: u.last_seen});
        this.drawRooms();
      }, () => {
        // unknown for now: the next reading, or a frame, tells
      });
    }
  }

  /**
   * Whether a room is one of the user's own rather than a public room to browse: a direct message or a private room
   * (only its members see one), or a public room the stream says they are a member of. Until the stream has said (and
   * on a server without it), GET /api/rooms's is_member; from a server before it (which lists public rooms without
   * saying which), every room counts.
   */
  isMine(room) {
    if (room.is_private || isDm(room)) return true;
    if (this.memberIds) return this.memberIds.has(room.id);
    return room.is_member ?? true;
  }

  /** Left, removed or banned: a private room goes from the list; a public one goes to the public rooms to browse. */
  roomRemoved(roomId) {
    this.memberIds?.delete(roomId);
    this.rooms = this.rooms.flatMap((r) => {
      if (r.id !== roomId) return [r];
      return r.is_private ? [] : [{...r, unread_count: 0, mention_count: 0, is_member: false}];
    });
    this.drawRooms();
  }

  /** The counts as the server has them; the open room's are not shown (rooms.js), it is being read. */
  roomUnread(roomId, unread, mentions) {
    const room = this.rooms.find((r) => r.id === roomId);
    if (!room || (room.unread_count === unread && room.mention_count === mentions)) return;
    room.unread_count = unread;
    room.mention_count = mentions;
    this.drawRooms();
  }

  /** A room's change as the stream carries it: what the list shows of its last message follows. */
  roomFrame(frame) {
    const room = this.rooms.find((r) => r.id === frame.room_id);
    if (!room) return;
    const last = room.last_message;
    if (frame.type === 'message' && typeof frame.message_id === 'number' && !(last && last.message_id > frame.message_id)) {
      room.last_message = {message_id: frame.message_id, sender: frame.sender, message: frame.message ?? '',
        message_type: frame.message_type, timestamp: frame.timestamp};
      delete room.deletedLast;
      this.drawRooms();
    } else if (frame.type === 'message_edited' && last && last.message_id === frame.message_id) {
      room.last_message = {...last, message: frame.message ?? ''};
      this.drawRooms();
    } else if (frame.type === 'message_deleted' && last && last.message_id === frame.message_id) {
      // its text goes at once; the message before it is the last one now, and only the list knows which
      room.last_message = null;
      room.deletedLast = frame.message_id;
      this.drawRooms();
      this.roomsChanged();
    }
  }

  /** Someone's status changed: the open room's count and peer, and every open list of members, follow. */
  presenceChanged(username, status, lastSeen) {
    this.told.set(username, {status, last_seen: lastSeen, frame: ++this.presenceFrames});
    this.conversation?.presenceChanged(username, status, lastSeen);
    if (this.peers.has(username)) {
      this.peers.set(username, {status, last_seen: lastSeen});
      this.drawRooms();
    }
    for (const el of document.querySelectorAll('dialog .presence[data-username]')) {
      if (el.dataset.username === username) el.replaceWith(presenceOf({username, status, last_seen: lastSeen}));
    }
  }

  /** Whether a presence frame came for someone after the {@link presenceFrames}-th: newer than a reading asked for then. */
  toldSince(username, asked) {
    return (this.told.get(username)?.frame ?? 0) > asked;
  }

  /**
   * A room's members list (GET /api/rooms/{room_id}/members) with the status of each member a presence frame told
   * while it was read: the server may have read a status before that change and answered after its frame came.
   */
  async membersOf(roomId) {
    const asked = this.presenceFrames;
    const members = await api.listMembers(roomId);
    return members.map((m) => {
      if (!m.status || !this.toldSince(m.username, asked)) return m;
      const {status, last_seen} = this.told.get(m.username);
      return {...m, status, last_seen};
    });
  }

  /** The list drawn again once for a burst of frames. */
  drawRooms() {
    if (this.drawTimer) return;
    this.drawTimer = setTimeout(() => {
      this.drawTimer = 0;
      if (this.me) this.sidebar.render(this.rooms, this.currentRoomId());
    }, 50);
  }

  showLogin() {
    this.conversation?.destroy();
    this.conversation = null;
    this.stopStream();
    clearInterval(this.roomsTimer);
    this.me = null;
    this.refusedJoins.clear();
    this.keptEdits.clear();
    this.peers.clear();
    this.told.clear();
    // the last room's name stays off a shared computer's screen once its reader has gone
    document.title = 'Chat';
    setChildren(this.root, authView(() => this.enter()));
  }

  /**
   * Another tab of this browser wrote, sent or discarded one of the person's drafts: the room list's Draft marks, and
   * the composer of that room when it is open here (Composer.follow says when it takes the change).
   */
  draftChangedElsewhere(event) {
    const change = this.me ? drafts.changeOf(event, this.me) : null;
    if (!change) return;
    this.sidebar.render(this.rooms, this.currentRoomId());
    if (this.conversation?.room.id === change.roomId) this.conversation.composer.follow(change.before, change.after);
  }

  async logOut() {
    // what waits to be sent goes with the session: the person decides, not a click that meant something else
    const unsent = outbox.count(this.me);
    if (unsent > 0 && !await confirmDialog('Log out?', `${unsent === 1 ? 'One message has' : `${unsent} messages have`}`
        + ' not been sent yet. Logging out now discards them.', 'Log out and discard')) return;
    this.conversation?.destroy();
    this.conversation = null;
    this.stopStream();
    outbox.clear();
    // what they wrote and did not send is theirs alone: the next person at this computer does not find it
    drafts.clear(this.me);
    await session.logOut().catch(() => {});
    history.replaceState(null, '', '#/');
    this.showLogin();
  }

  /** Where the hash points: {view: 'home'} | {view: 'room', roomId, messageId} | {view: 'search', q, roomId, from} | {view: 'mentions'}. */
  where() {
    let match = /^#\/rooms\/(\d+)(?:\/m\/(\d+))?$/.exec(location.hash);
    if (match) return {view: 'room', roomId: Number(match[1]), messageId: match[2] ? Number(match[2]) : null};
    match = /^#\/search(?:\?(.*))?$/.exec(location.hash);
    if (match) {
      const query = new URLSearchParams(match[1] ?? '');
      return {view: 'search', q: query.get('q') ?? '', roomId: Number(query.get('room')) || null, from: query.get('from') ?? ''};
    }
    if (location.hash === '#/mentions') return {view: 'mentions'};
    return {view: 'home'};
  }

  currentRoomId() {
    const where = this.where();
    return where.view === 'room' ? where.roomId : null;
  }

  /** Shows what the hash points at; `force` repeats a jump to a message already pointed at. */
  async route({force = false} = {}) {
    if (!this.me) return;
    const where = this.where();
    const roomId = where.view === 'room' ? where.roomId : null;
    if (this.conversation && this.conversation.room.id === roomId) {
      if (where.messageId && (force || where.messageId !== this.conversation.target)) await this.conversation.jumpTo(where.messageId);
      else if (!where.messageId && !this.conversation.liveEnd) await this.conversation.goToPresent();
      return;
    }
    this.conversation?.destroy();
    this.conversation = null;
    this.shell.classList.toggle('in-room', where.view !== 'home');
    this.sidebar.render(this.rooms, roomId);
    if (where.view === 'search') {
      document.title = 'Search · Chat';
      const view = searchView(this, where);
      setChildren(this.main, view.el);
      view.run();
      return;
    }
    if (where.view === 'mentions') {
      document.title = 'Mentions · Chat';
      const view = mentionsView(this);
      setChildren(this.main, view.el);
      view.run();
      return;
    }
    if (roomId === null) {
      document.title = 'Chat';
      setChildren(this.main, h('div', {class: 'empty-state'},
        h('h2', null, 'Pick a room'), h('p', null, 'Choose a room on the left, or create a new one.')));
      return;
    }
    let room = this.rooms.find((r) => r.id === roomId);
    if (!room) {
      try {
        room = await api.getRoom(roomId);
      } catch (e) {
        setChildren(this.main, h('div', {class: 'empty-state'}, h('h2', null, 'Room not found'), h('p', null, e.message)));
        return;
      }
    }
    document.title = `${roomName(room)} · Chat`;
    const conversation = new Conversation(this, room, where.messageId);
    this.conversation = conversation;
    setChildren(this.main, conversation.el);
    await conversation.mount();
    // an edit left unsaved here and open again keeps the focus
    if (this.conversation === conversation && !where.messageId && matchMedia('(pointer: fine)').matches
      && !conversation.list.contains(document.activeElement)) conversation.focusComposer();
  }

  async refreshRooms() {
    if (!this.me) return;
    try {
      const list = await api.listRooms();
      this.roomsReadAt = Date.now();
      if (this.stream?.online && this.memberIds) {
        // the member's rooms as the stream keeps them (the list may have been read before its latest frames)
        const kept = new Map(this.rooms.filter((r) => this.memberIds.has(r.id)).map((r) => [r.id, r]));
        this.rooms = [...list.map((r) => lastMessageOf(kept.get(r.id), r) ?? r),
          ...[...kept.values()].filter((r) => !list.some((l) => l.id === r.id))];
      } else {
        this.rooms = list;
      }
      this.sidebar.render(this.rooms, this.currentRoomId());
      this.readPeers(!this.stream?.online);
      this.conversation?.roomListed(this.rooms.find((r) => r.id === this.conversation.room.id));
    } catch {
      // offline: the next refresh tries again
    }
  }

  /** Something changed that the room list shows (a message, a join, a leave). */
  roomsChanged() {
    clearTimeout(this.roomsSoon);
    this.roomsSoon = setTimeout(() => this.refreshRooms(), 250);
  }

  markedRead(roomId) {
    const room = this.rooms.find((r) => r.id === roomId);
    if (room && (room.unread_count || room.mention_count)) {
      room.unread_count = 0;
      room.mention_count = 0;
      this.sidebar.render(this.rooms, this.currentRoomId());
    }
  }

  onFocus() {
    this.refreshRooms();
    this.conversation?.scheduleMarkRead();
    this.conversation?.recheckStanding();
  }

  navigate(hash) {
    // the same address again fires no hashchange: the jump to a message scrolled away from since is asked for directly
    if (location.hash === hash) this.route({force: true});
    else location.hash = hash;
  }

  async newRoom() {
    const room = await newRoomDialog();
    if (!room) return;
    await this.refreshRooms();
    this.navigate(`#/rooms/${room.id}`);
  }

  /** Opens the direct message with someone, by username. */
  async messageSomeone() {
    const room = await messageSomeoneDialog();
    if (!room) return;
    await this.refreshRooms();
    if (!this.rooms.some((r) => r.id === room.id)) this.rooms = [...this.rooms, room];
    this.navigate(`#/rooms/${room.id}`);
  }

  toast(text) {
    // above a modal dialog, not dimmed under its backdrop: the toasts go into it while it is open
    const host = [...document.querySelectorAll('dialog[open]')].pop() ?? document.body;
    if (this.toasts.parentElement !== host) host.append(this.toasts);
    // the same words again (Enter pressed twice while muted) keep the one shown for longer rather than stack
    const shown = [...this.toasts.children].find((t) => t.textContent === text);
    const item = shown ?? h('p', {class: 'toast'}, text);
    clearTimeout(item.timer);
    if (!shown) this.toasts.append(item);
    item.timer = setTimeout(() => item.remove(), 5000);
  }
}

/**
 * A room the stream keeps, with the list's last message where a deletion took the stream's: the one before it, which
 * only the list knows (unless the list was read before the deletion, when it is the deleted one, and the next
 * reading tells).
 */
function lastMessageOf(kept, listed) {
  if (!kept || kept.deletedLast === undefined) return kept;
  if (listed.last_message?.message_id === kept.deletedLast) return kept;
  const room = {...kept, last_message: listed.last_message};
  delete room.deletedLast;
  return room;
}
