// The application shell: who is logged in, the room list, the open conversation or search, the
// router (#/rooms/{id}, #/rooms/{id}/m/{message id} to open a room at a message, #/search?q=…, #/mentions), toasts. Views get what they need from here; only wire/ speaks to the server.
import {h, setChildren} from './dom.js';
import * as api from './wire/api.js';
import * as outbox from './wire/outbox.js';
import * as session from './wire/session.js';
import {authView} from './views/auth.js';
import {Conversation} from './views/conversation.js';
import {confirmDialog, messageSomeoneDialog, newRoomDialog, settingsDialog} from './views/dialogs.js';
import {roomName} from './format.js';
import {roomList} from './views/rooms.js';
import {searchView} from './views/search.js';
import {mentionsView} from './views/mentions.js';

const ROOMS_EVERY_MS = 20_000;
const FALLBACK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '😡'];

export class App {
  constructor(root) {
    this.root = root;
    this.me = null;
    this.rooms = [];
    this.conversation = null;
    // room id → why the server refused this user a join (a ban), learnt this session: no Join button there
    this.refusedJoins = new Map();
    this.reactions = FALLBACK_REACTIONS;
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
    addEventListener('focus', () => this.onFocus());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.onFocus());
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
    this.sidebar = roomList({me: this.me, onNewRoom: () => this.newRoom(), onMessageSomeone: () => this.messageSomeone(),
      onSettings: () => settingsDialog((t) => this.toast(t)), onLogOut: () => this.logOut(),
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
    this.roomsTimer = setInterval(() => this.refreshRooms(), ROOMS_EVERY_MS);
    await this.refreshRooms();
    await this.route();
  }

  showLogin() {
    this.conversation?.destroy();
    this.conversation = null;
    clearInterval(this.roomsTimer);
    this.me = null;
    this.refusedJoins.clear();
    setChildren(this.root, authView(() => this.enter()));
  }

  async logOut() {
    // what waits to be sent goes with the session: the person decides, not a click that meant something else
    const unsent = outbox.count(this.me);
    if (unsent > 0 && !await confirmDialog('Log out?', `${unsent === 1 ? 'One message has' : `${unsent} messages have`}`
        + ' not been sent yet. Logging out now discards them.', 'Log out and discard')) return;
    this.conversation?.destroy();
    this.conversation = null;
    outbox.clear();
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
    if (this.conversation === conversation && !where.messageId && matchMedia('(pointer: fine)').matches) conversation.focusComposer();
  }

  async refreshRooms() {
    if (!this.me) return;
    try {
      this.rooms = await api.listRooms();
      this.sidebar.render(this.rooms, this.currentRoomId());
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
  }

  navigate(hash) {
    location.hash = hash;
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
    const item = h('p', {class: 'toast'}, text);
    this.toasts.append(item);
    setTimeout(() => item.remove(), 5000);
  }
}
