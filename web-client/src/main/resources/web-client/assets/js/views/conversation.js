// A room as a person uses it: its history (scrolling back pages through it), live messages, who is
// typing, reactions, the composer, and what happens while the connection is away.
//
// The list shows a window of the room's history without gaps. Usually the window reaches the newest
// message and live messages are added at its end. Opened at a message (a search result), it shows
// the pages around that one instead: scrolling up or down extends it page by page, live messages
// wait aside (`later`) until the window reaches the end, and "Jump to latest" goes there at once.
import {h, icon, redraw, setChildren} from '../dom.js';
import {isDm, newClientId, roomName} from '../format.js';
import * as api from '../wire/api.js';
import {ApiError, Unreachable} from '../wire/http.js';
import {localTimes} from '../wire/session.js';
import * as outbox from '../wire/outbox.js';
import * as drafts from '../drafts.js';
import {RoomSocket} from '../wire/room-socket.js';
import {composer, tooLong, tooLongText} from './composer.js';
import {confirmDialog, membersDialog, pinsDialog, presenceOf, seenByDialog, threadDialog} from './dialogs.js';
import {messageView, pickerFocus, regroup, renderReactions, reopenPicker} from './message.js';

const PAGE = 50;

/** How soon a room that could not be loaded (the server unreachable) is loaded again. */
const MOUNT_RETRY_MS = 3000;
/** What the server says wherever a ban is met (docs/API.md "Moderation"). */
const BANNED = 'You are banned from this room';

/** How much of the message it answers a reply shows (the server's MessageReference.EXCERPT_LENGTH, in characters). */
const REPLY_EXCERPT = 100;

/** What is said when an edit being written ends because the message was deleted or edited elsewhere. */
function editLost(item) {
  return item.deleted ? 'The message you were editing was deleted: your edit was not saved'
    : 'The message you were editing was changed elsewhere: your edit was not saved';
}

/**
 * The start of a message as a reply shows it, cut as the server cuts it (MessageReference): at most REPLY_EXCERPT
 * characters (code points), ending where a character as shown ends, never inside an emoji sequence.
 */
function replyExcerpt(text) {
  const all = text ?? '';
  if ([...all].length <= REPLY_EXCERPT) return all;
  let excerpt = '';
  let count = 0;
  for (const {segment} of new Intl.Segmenter('und', {granularity: 'grapheme'}).segment(all)) {
    const size = [...segment].length;
    if (count + size > REPLY_EXCERPT) break;
    excerpt += segment;
    count += size;
  }
  // one "character" longer than the excerpt: cut it where the count ends, as the server does
  return excerpt || [...all].slice(0, REPLY_EXCERPT).join('');
}

/** A frame that carries a whole message item (message, message_edited) as the item alone. */
function itemOf(frame) {
  const {type, cursor, ...item} = frame;
  return item;
}
const AROUND = 25;
const LATER_KEPT = 1000;
const ANCHOR_MS = 2000;
const MEMBERS_EVERY_MS = 30_000;
const TYPING_SHOWN_MS = 6000;
const AT_BOTTOM_PX = 48;

function kindOf(mime) {
  if (!mime) return 'document';
  for (const kind of ['image', 'video', 'audio']) if (mime.startsWith(`${kind}/`)) return kind;
  return 'document';
}

/** app: me, reactions, toast(text), roomsChanged(), markedRead(roomId), navigate(hash). */
export class Conversation {
  constructor(app, room, target = null) {
    this.app = app;
    this.room = room;
    this.target = target;
    this.liveEnd = true;
    this.later = new Map();
    this.loadingNewer = false;
    this.byId = new Map();
    this.resumeFrom = 0;
    this.oldestId = 0;
    this.reachedStart = false;
    this.loadingOlder = false;
    this.typers = new Map();
    this.socket = null;
    this.member = false;
    // what this server offers beyond the original's wire (found out at mount, never assumed)
    this.lives = false; // edits, deletions, replies, pins (issue 10)
    this.role = null; // owner | moderator | member, where the server tells (issue 10 moderation)
    this.pins = new Set();
    this.receipts = false; // read positions and seen-by (issue 11)
    this.presence = false; // members' status and last_seen (issue 11)
    this.readers = new Map(); // username → the furthest message id they have read (others only)
    this.replyPreviews = new Map(); // client_id → the message a pending reply answers, as items show it
    this.imagePreviews = new Map(); // client_id → the preview_url of the image a pending message carries
    this.cursor = null; // the last change cursor seen on the socket: where a reconnect resumes
    this.membersShown = new Set(); // an open members dialog's draw(members), given every list read
    this.ctx = {me: app.me, roomId: room.id, reactions: app.reactions, react: (id, type) => this.react(id, type),
      pinned: (id) => this.pins.has(id), may: (action, item) => this.may(action, item),
      act: (action, item) => this.act(action, item)};
    this.build();
  }

  build() {
    const room = this.room;
    const titleId = `room-title-${room.id}`;
    this.banner = h('p', {class: 'banner offline', role: 'status', hidden: true},
      'You are offline. Reconnecting… Messages you send now go out when the connection is back.');
    this.notice = h('div', {class: 'notice', hidden: true});
    this.olderButton = h('button', {type: 'button', class: 'link older', onclick: () => this.loadOlder()}, 'Load earlier messages');
    const dm = isDm(room);
    const name = roomName(room);
    this.startLabel = h('p', {class: 'start-label', hidden: true},
      dm ? `This is the start of your conversation with ${name}.` : `This is the start of ${name}.`);
    this.list = h('div', {class: 'messages', role: 'log', 'aria-label': dm ? `Messages with ${name}` : `Messages in ${name}`, 'aria-live': 'polite'});
    this.pendingBox = h('div', {class: 'messages pending-box', 'aria-live': 'polite'});
    this.newerButton = h('button', {type: 'button', class: 'link older', hidden: true, onclick: () => this.loadNewer()},
      'Load later messages');
    this.scroller = h('div', {class: 'scroller', tabindex: 0, 'aria-label': 'Conversation',
      onscroll: () => this.onScroll()}, this.startLabel, this.olderButton, this.list, this.newerButton, this.pendingBox);
    this.jumpLabel = h('span', null, 'New messages');
    this.jump = h('button', {type: 'button', class: 'jump', hidden: true,
      onclick: () => (this.liveEnd ? this.scrollToBottom() : this.goToPresent())}, icon('down'), this.jumpLabel);
    this.typingLine = h('p', {class: 'typing', 'aria-live': 'polite'});
    this.composer = composer({
      roomName: dm || room.is_private ? name : `#${name}`,
      send: (message) => this.send(message),
      typing: (type) => this.socket?.sendEphemeral({type}),
      toast: (text) => this.app.toast(text),
      draft: drafts.load(this.app.me, room.id),
      keep: (text, replyTo) => drafts.save(this.app.me, room.id, text, replyTo),
      // the composer goes: the focus to why nothing can be sent here (or to the Join button), not to the page's body
      discarded: () => ((!this.joinBar.hidden && this.joinBar.querySelector('[data-focus-fallback]')) || this.scroller).focus(),
    });
    // the offer to join, kept to be offered again when a ban is lifted while the room is open
    this.joinOffer = [h('p', null, 'You are reading this room without being a member.'),
      h('button', {type: 'button', class: 'primary', 'data-focus-fallback': true, onclick: () => this.join()}, 'Join room')];
    this.joinBar = h('div', {class: 'join-bar', hidden: true}, ...this.joinOffer);

    this.el = h('section', {class: 'conversation', 'aria-labelledby': titleId,
      ondragover: (e) => this.dragOver(e), ondragleave: (e) => this.dragLeave(e), ondrop: (e) => this.drop(e)},
    h('header', {class: 'room-head'},
      h('a', {href: '#/', class: 'icon-button back', 'aria-label': 'All rooms'}, icon('back')),
      h('div', {class: 'room-heading'},
        h('h2', {id: titleId, class: 'room-title'}, icon(dm ? 'person' : room.is_private ? 'lock' : 'hash'),
          h('span', null, name),
          dm ? h('span', {class: 'visually-hidden'}, ' (direct message)')
            : room.is_private ? h('span', {class: 'visually-hidden'}, ' (private room)') : null),
        this.onlineLine = h('span', {class: 'online-count', hidden: true}),
        this.peerLine = h('span', {class: 'peer-presence', hidden: true})),
      h('div', {class: 'room-actions'},
        this.pinsButton = h('button', {type: 'button', class: 'secondary small', hidden: true,
          onclick: () => pinsDialog(room, this.pinsCtx())}, icon('pin'), h('span', null, 'Pinned')),
        this.membersButton = h('button', {type: 'button', class: 'secondary small',
          onclick: () => membersDialog(room, this.membersCtx())},
          icon('people'), h('span', null, 'Members')),
        this.leaveButton = h('button', {type: 'button', class: 'secondary small', hidden: true, onclick: () => this.leave()}, 'Leave'))),
    this.banner,
    this.notice,
    h('div', {class: 'scroll-wrap'}, this.scroller, this.jump),
    this.typingLine,
    this.joinBar,
    this.composer.el,
    h('div', {class: 'drop-hint', 'aria-hidden': 'true'}, 'Drop files to attach them'));

    // content that grows under a reader at the bottom (an image loading, reactions, a new line)
    // keeps them at the bottom; someone reading further up stays where they are
    this.stuck = true;
    this.resizeObserver = new ResizeObserver(() => {
      if (this.keepAnchor()) return;
      if (this.stuck && this.liveEnd) this.holdBottom();
    });
    // the person takes over the scrolling: a message jumped to is no longer held in view
    for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown']) {
      this.scroller.addEventListener(type, () => { this.anchor = null; }, {passive: true});
    }
    this.resizeObserver.observe(this.list);
    this.resizeObserver.observe(this.pendingBox);
    // and a view that gets shorter (the offline banner coming back between reconnection tries, a taller composer)
    // hides nothing of the newest message
    this.resizeObserver.observe(this.scroller);

    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.loadOlder();
    }, {root: this.scroller, rootMargin: '600px 0px 0px 0px'});
    this.newerObserver = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.loadNewer();
    }, {root: this.scroller, rootMargin: '0px 0px 600px 0px'});
  }

  async mount() {
    // an edit left unsaved here (another room opened meanwhile): the room opens at it, and it is open again
    const kept = this.keptEdits();
    const reopening = !this.target && kept.size > 0;
    if (reopening) this.target = Math.max(...kept.keys());
    try {
      const [members, span] = await Promise.all([this.app.membersOf(this.room.id), this.loadWindow(this.target)]);
      if (this.destroyed) return; // the person moved on while this loaded
      this.member = members.length >= 1000 || members.some((m) => m.username === this.app.me);
      this.role = members.find((m) => m.username === this.app.me)?.role ?? null;
      this.learnMembers(members);
      if (span.items.length) this.learnItem(span.items[0]);
      if (this.app.features.lives) await this.enableLives(false);
      if (this.destroyed) return;
      // the creator of a private room cannot leave it (they joined first)
      // nobody leaves a direct message (docs/API.md "Direct messages")
      this.mayLeave = !isDm(this.room) && !(this.room.is_private && members[0]?.username === this.app.me);
      this.showWindow(span);
      this.observer.observe(this.olderButton);
      this.newerObserver.observe(this.newerButton);
    } catch (e) {
      if (this.destroyed) return;
      if (e instanceof ApiError && e.status === 404) return this.showGone('This room does not exist, or you are not a member of it.');
      if (e instanceof Unreachable || (e instanceof ApiError && e.status >= 500)) return this.mountLater();
      this.app.toast(e.message);
      return;
    }
    this.banner.hidden = true;
    this.showAllPending();
    if (this.target) this.showTarget(this.target);
    else this.scrollToBottom();
    this.reopenEdits(reopening);
    if (this.member) this.startLive();
    else {
      // written in while the server was away, as one's own room; the server says it is not (any more)
      this.composer.setEnabled(false);
      this.offerJoin();
      this.readOn();
    }
  }

  /**
   * From here on a reader who is not a member: no connection tells them of a ban or its lifting, nor of new
   * messages, so the page asks again as the members list is (every 30 s), and when the window regains focus.
   */
  readOn() {
    const was = this.member;
    this.member = false;
    clearInterval(this.standingTimer);
    this.standingTimer = setInterval(() => this.recheckStanding(), MEMBERS_EVERY_MS);
    // who has read one's messages is for the room's members (docs/API.md "Read receipts"): no "Seen by" any more
    if (was) for (const el of [...this.byId.values()]) if (el.item?.sender === this.app.me) this.replaceItem({...el.item});
    this.drawSeen();
  }

  /** Where the reader stands, and what was posted, asked again (every 30 s, the window regained focus). */
  recheckStanding() {
    if (this.standingTimer && !this.member && !this.destroyed) {
      this.offerJoin();
      this.readNewer();
    }
  }

  /** The room as the room list has it now: a reader who is not a member catches up when it lists a newer message. */
  roomListed(room) {
    if (room && this.standingTimer && !this.member && (room.last_message?.message_id ?? 0) > this.newestShownId()) {
      this.readNewer();
    }
  }

  /**
   * The messages posted since the newest shown, and the newest page as it is now, for a reader who is not a member:
   * they have no connection to the room (connecting to a public room joins it), so nothing arrives by itself, neither
   * new messages nor edits, deletions and reactions. Asked when the room list shows a newer message, every 30 s and
   * when the window regains focus, while the room is open.
   */
  async readNewer() {
    if (this.member || this.destroyed || !this.liveEnd || this.loadingNewer) return;
    this.loadingNewer = true;
    try {
      // the newest page holds what is new and what may have changed since; only when more was posted than it holds
      // does what follows the newest shown come first, in order (the rest with the next reading)
      const shownUpTo = this.newestShownId();
      let page = await api.history(this.room.id, {limit: PAGE});
      if (this.destroyed || this.member) return;
      if (shownUpTo && page.length && page[0].message_id > shownUpTo) {
        page = await api.history(this.room.id, {after: shownUpTo, limit: PAGE});
      }
      if (this.destroyed || this.member) return;
      for (const item of page) if (item.message_id > shownUpTo) this.insert(item);
      this.redrawChanged(page);
    } catch {
      // the next reading tries again
    } finally {
      this.loadingNewer = false;
    }
  }

  /**
   * Shown messages drawn again where the server's item differs: deleted (a tombstone, which also takes back its reply
   * from its parent's count), then edited, reacted to or replied to (the server's count is the one kept).
   */
  redrawChanged(items) {
    for (const item of items) {
      if (item.deleted && this.byId.get(item.message_id)?.item?.deleted === false) this.tombstone(item.message_id);
    }
    for (const item of items) {
      const shown = this.byId.get(item.message_id)?.item;
      if (!shown || shown.deleted || item.deleted) continue;
      const edited = item.edited_at !== shown.edited_at;
      if (edited || item.reply_count !== shown.reply_count
          || JSON.stringify(item.reactions) !== JSON.stringify(shown.reactions)) this.replaceItem(item);
      if (edited) this.refreshReplies(item.message_id, item.message);
    }
  }

  /**
   * What this tab knows of why the reader cannot join the room (a ban; null: nothing): kept for the tab, and their own
   * messages are drawn again when it changes, as someone banned may neither edit nor delete them.
   */
  knowRefusal(reason) {
    const was = this.app.refusedJoins.has(this.room.id);
    if (reason) this.app.refusedJoins.set(this.room.id, reason);
    else this.app.refusedJoins.delete(this.room.id);
    if (was !== Boolean(reason)) for (const id of [...this.byId.keys()]) this.redraw(id);
  }

  /**
   * A reader who is not a member is offered to join, unless the server says they are banned
   * (GET /api/rooms/{id}/me): then they are told so at once, and a lifted ban offers the button again. When the
   * server cannot say (unreachable, or one without that call), what this tab learnt from a refusal stands.
   * Asked when the room opens and again every 30 s while it is open (and when the window regains focus), so that a
   * ban, or its lifting, shows without a reload.
   */
  async offerJoin() {
    let banned = this.app.refusedJoins.has(this.room.id);
    let member = false;
    try {
      const standing = await api.standing(this.room.id);
      banned = standing.banned === true;
      member = standing.member === true;
    } catch {
      // keep what the tab knows; a refused join says why
    }
    if (this.destroyed || this.member) return;
    if (member) {
      // joined meanwhile, on another device or in another tab: a member's page again, caught up from where it was
      this.knowRefusal(null);
      this.notice.hidden = true;
      this.startLive();
      this.app.roomsChanged();
      return;
    }
    // told once: the same words drawn again would be read out again
    const showsRefusal = this.joinBar.querySelector('.cannot-join') !== null;
    if (banned) {
      if (!this.app.refusedJoins.has(this.room.id)) this.knowRefusal(BANNED);
      if (!showsRefusal) this.showCannotJoin(this.app.refusedJoins.get(this.room.id));
    } else {
      this.knowRefusal(null);
      if (showsRefusal) redraw(this.joinBar, ...this.joinOffer);
      this.joinBar.hidden = false;
      // a ban the room's connection was closed with ("You are banned from this room") is over
      this.notice.hidden = true;
    }
  }

  /**
   * The room could not be loaded because the server cannot be reached (or is failing): it says so, shows what
   * waits to be sent here, and loads again until it can; then the pending messages go out as after any drop.
   */
  mountLater() {
    this.el.dataset.connection = 'offline';
    this.banner.hidden = false;
    // one's own room can be written in meanwhile, as any room whose connection dropped: it waits to be sent
    if (this.app.isMine(this.room)) this.composer.setEnabled(true);
    this.showAllPending();
    this.mountTimer = setTimeout(() => {
      this.mountTimer = 0;
      if (!this.destroyed) this.mount();
    }, MOUNT_RETRY_MS);
  }

  showAllPending() {
    this.pendingBox.replaceChildren();
    for (const entry of outbox.pending(this.app.me, this.room.id)) this.showPending(entry.frame);
  }

  // ---- the window of history shown ----------------------------------------------------------

  /** The newest page, or the pages around `target`: {items, reachedStart, reachedEnd, newestId}. */
  async loadWindow(target) {
    if (target) return api.historyAround(this.room.id, target, AROUND);
    const items = await api.history(this.room.id, {limit: PAGE});
    return {items, reachedStart: items.length < PAGE, reachedEnd: true,
      newestId: items.length ? items[items.length - 1].message_id : 0};
  }

  /** Replaces what the list shows with a window of history. */
  showWindow({items, reachedStart, reachedEnd, newestId}) {
    this.keepEdits();
    this.anchor = null;
    this.list.replaceChildren();
    this.byId.clear();
    this.oldestId = 0;
    this.reachedStart = false;
    this.olderButton.hidden = false;
    this.startLabel.hidden = true;
    for (const item of items) this.insert(item);
    if (reachedStart) this.markStart();
    // where a live connection picks up: the newest message of the room, shown or not
    this.resumeFrom = Math.max(this.resumeFrom, newestId);
    this.liveEnd = false;
    if (reachedEnd) this.reachLiveEnd();
    else this.showDetached();
  }

  showDetached() {
    this.newerButton.hidden = false;
    this.jumpLabel.textContent = 'Jump to latest';
    this.jump.hidden = false;
  }

  /** The window now ends at the newest message: what arrived meanwhile joins it, live ones follow. */
  reachLiveEnd() {
    this.liveEnd = true;
    const shown = this.newestShownId();
    for (const item of [...this.later.values()].sort((a, b) => a.message_id - b.message_id)) this.insert(item);
    this.later.clear();
    if (this.laterOverflow) {
      // more arrived than was kept aside: fetch what was let go
      this.laterOverflow = false;
      this.fillGap(shown, this.resumeFrom).catch((e) => this.app.toast(e.message));
    }
    this.newerButton.hidden = true;
    this.jumpLabel.textContent = 'New messages';
    this.jump.hidden = true;
  }

  newestShownId() {
    return Number(this.list.lastElementChild?.dataset.id ?? 0);
  }

  /** The newest message at least partly on screen (0: none). */
  newestSeenId() {
    const bottom = this.scroller.getBoundingClientRect().bottom;
    for (let el = this.list.lastElementChild; el; el = el.previousElementSibling) {
      if (el.dataset.id && el.getBoundingClientRect().top < bottom) return Number(el.dataset.id);
    }
    return 0;
  }

  async loadNewer() {
    if (this.loadingNewer || this.liveEnd || this.destroyed) return;
    this.loadingNewer = true;
    try {
      const page = await api.history(this.room.id, {after: this.newestShownId(), limit: PAGE});
      if (this.destroyed || this.liveEnd) return;
      for (const item of page) this.insert(item);
      if (page.length < PAGE) this.reachLiveEnd();
      if (page.length) this.scheduleMarkRead();
      this.reopenEdits();
    } catch (e) {
      this.app.toast(e.message);
      return;
    } finally {
      this.loadingNewer = false;
    }
    // still near the bottom (the observer reports changes only): the next page
    const s = this.scroller;
    if (!this.liveEnd && s.scrollHeight - s.scrollTop - s.clientHeight < 600) setTimeout(() => this.loadNewer(), 0);
  }

  /** Opens the room at a message: the pages around it, the message marked and focused. */
  async jumpTo(messageId) {
    this.target = messageId;
    try {
      const span = await api.historyAround(this.room.id, messageId, AROUND);
      if (this.destroyed || this.target !== messageId) return;
      this.showWindow(span);
      this.showTarget(messageId);
      this.reopenEdits();
    } catch (e) {
      this.app.toast(e.message);
    }
  }

  /** Back to the newest messages (from a window further back). */
  async goToPresent() {
    this.target = null;
    try {
      const span = await this.loadWindow(null);
      if (this.destroyed) return;
      this.showWindow(span);
      this.scrollToBottom();
      this.reopenEdits();
    } catch (e) {
      this.app.toast(e.message);
    }
  }

  showTarget(messageId) {
    this.list.querySelector('.msg.target')?.classList.remove('target');
    const el = this.byId.get(messageId);
    if (!el) {
      this.app.toast('That message is no longer in this room.');
      return;
    }
    el.classList.add('target');
    el.tabIndex = -1;
    this.stuck = false;
    // messages around it take their real height only once drawn (content-visibility), and pages
    // load above and below: for a moment the message is held in the middle of the view
    this.anchor = el;
    this.anchorUntil = performance.now() + ANCHOR_MS;
    el.scrollIntoView({block: 'center'});
    el.focus({preventScroll: true});
  }

  /** Keeps a message jumped to in view while what surrounds it settles; false when there is none. */
  keepAnchor() {
    if (!this.anchor) return false;
    if (performance.now() > this.anchorUntil || !this.anchor.isConnected) {
      this.anchor = null;
      return false;
    }
    this.anchor.scrollIntoView({block: 'center'});
    return true;
  }

  destroy() {
    if (!this.destroyed) this.keepEdits();
    this.destroyed = true;
    clearTimeout(this.mountTimer);
    clearInterval(this.membersTimer);
    clearInterval(this.standingTimer);
    clearTimeout(this.membersSoon);
    if (this.onVisibility) document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer.disconnect();
    this.newerObserver.disconnect();
    this.resizeObserver.disconnect();
    this.socket?.stop();
    this.socket = null;
    if (this.markTimer) this.markRead();
    for (const timer of this.typers.values()) clearTimeout(timer);
  }

  startLive() {
    // once: a join and a standing read that finds the person a member may both get here
    if (this.destroyed || this.socket) return;
    clearInterval(this.standingTimer);
    this.standingTimer = 0;
    this.member = true;
    // a reader who joins is now told every member's presence (they share this room): the list again, for the count
    if (this.presence && this.othersOnline === undefined) this.reloadMembers();
    this.joinBar.hidden = true;
    this.leaveButton.hidden = !this.mayLeave;
    this.composer.setEnabled(true);
    this.socket = new RoomSocket(this.room.id, this.app.me, {
      // a change cursor says exactly where this client left off; a message id is the older way
      lastMessageId: () => this.cursor ?? this.resumeFrom,
      frame: (frame) => this.onFrame(frame),
      ack: (ack, frame) => this.onAck(ack, frame),
      status: (status, since) => this.onStatus(status, since),
      gone: (reason, banned) => {
        if (banned) this.knowRefusal(reason);
        this.showGone(reason);
        // a public room stays open to read: its reader is offered to join again, at once when they left it on another
        // device or tab, once the ban is lifted when banned
        if (!this.room.is_private && !isDm(this.room)) {
          this.readOn();
          if (!banned) this.offerJoin();
        }
      },
      refused: (error, frame) => this.onRefused(error, frame),
    });
    this.socket.start();
    this.markRead();
    if (this.presence && !this.onVisibility) {
      // the tab in the background counts as away (docs/websocket.md "presence")
      this.onVisibility = () => this.socket?.sendEphemeral({type: 'presence',
        status: document.visibilityState === 'visible' ? 'online' : 'away'});
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  // ---- people: read positions and presence ------------------------------------------------------

  /**
   * Whether the server has messages that live (issue 10) shows in its message items (`deleted` is
   * always there). Learnt once per page from the first item seen, never probed by a call that an
   * older server would answer 404.
   */
  learnItem(item) {
    if (this.app.features.lives === undefined && item && typeof item === 'object') {
      this.app.features.lives = 'deleted' in item;
    }
  }

  /** Edits, deletions, replies and pins: the pins of the room, then every message drawn with its tools. */
  async enableLives(redraw = true) {
    if (this.lives) return;
    this.lives = true;
    try {
      for (const p of await api.listPins(this.room.id)) this.markPinned(p.message_id, true);
    } catch {
      // no pins shown; the frames keep them from here on
    }
    if (redraw) for (const id of [...this.byId.keys()]) this.redraw(id);
  }

  /** After the first own message in a room whose items this page has not seen yet: how the server draws it. */
  async learnFromServer(messageId) {
    try {
      const [item] = await api.history(this.room.id, {after: messageId - 1, limit: 1});
      this.learnItem(item);
      if (this.app.features.lives && !this.destroyed) await this.enableLives();
    } catch {
      // nothing learnt: the tools appear with the next message from someone else
    }
  }

  /** What a members list tells: read positions (seen by), presence (who is online). */
  learnMembers(members) {
    if (this.destroyed) return;
    const mine = members.find((m) => m.username === this.app.me);
    if (members.length < 1000) this.learnRole(mine?.role ?? null);
    // the list holds mutes in force only; one that ended since it was read says nothing any more
    if (mine) this.composer.setMutedUntil(Date.parse(mine.muted_until) > Date.now() ? mine.muted_until : null);
    this.receipts = members.some((m) => 'last_read_message_id' in m);
    this.presence = members.some((m) => 'status' in m);
    this.members = members;
    for (const m of members) {
      if (m.username !== this.app.me && m.last_read_message_id) this.moveReader(m.username, m.last_read_message_id);
    }
    this.drawPresence();
    if (this.presence) {
      clearInterval(this.membersTimer);
      this.membersTimer = setInterval(() => this.reloadMembers(), MEMBERS_EVERY_MS);
    }
    this.drawSeen();
    for (const draw of this.membersShown) draw(members);
  }

  /** A role given or taken while the room is open: the message tools follow it (pin, delete others'). */
  learnRole(role) {
    if (role === this.role) return;
    this.role = role;
    for (const el of [...this.byId.values()]) if (el.item) this.replaceItem({...el.item});
  }

  /**
   * A member's role or mute changed (`member_updated`): one's own role at once, and the members list again (the
   * role of a list too long to name everyone, an open members dialog, mutes).
   */
  memberUpdated(frame) {
    if (frame.username === this.app.me && typeof frame.role === 'string') this.learnRole(frame.role);
    clearTimeout(this.membersSoon);
    this.reloadMembers();
  }

  /** An open members dialog is drawn again from every members list read from here on; returns what ends that. */
  followMembers(draw) {
    this.membersShown.add(draw);
    return () => this.membersShown.delete(draw);
  }

  /** Who of the members is online: a direct message shows the other person's presence, a room a head count. */
  drawPresence() {
    if (!this.presence) return;
    if (isDm(this.room)) {
      const peer = this.members.find((m) => m.username !== this.app.me);
      setChildren(this.peerLine, peer ? presenceOf(peer) : null);
      this.peerLine.hidden = !peer;
    } else {
      // a reader who is not in the room is not told the presence of members they share no other room with
      // (docs/API.md "Membership"): counting the others would claim too few, so no count is shown
      const others = this.members.filter((m) => m.username !== this.app.me);
      this.othersOnline = others.some((m) => !m.status) ? undefined
        : others.filter((m) => m.status === 'online' || m.status === 'away').length;
      this.drawOnline();
    }
  }

  /** A member's status changed (the tab's /ws/user stream says so as it happens). */
  presenceChanged(username, status, lastSeen) {
    const member = this.presence && !this.destroyed ? this.members?.find((m) => m.username === username) : null;
    if (!member || (member.status === status && member.last_seen === lastSeen)) return;
    member.status = status;
    member.last_seen = lastSeen;
    this.drawPresence();
  }

  /**
   * "N online": the room's members who are online or away. The person looking counts only as a member
   * whose connection is up (the list may not have seen it yet); while that connection is down the count,
   * which nothing keeps current then, is not shown, nor while the list keeps some member's presence from the reader.
   */
  drawOnline() {
    if (isDm(this.room)) return;
    if (this.othersOnline === undefined) {
      this.onlineLine.hidden = true;
      return;
    }
    const connected = this.el.dataset.connection === 'online';
    this.onlineLine.textContent = `${this.othersOnline + (this.member && connected ? 1 : 0)} online`;
    this.onlineLine.hidden = this.member && !connected;
  }

  /** The members list again; a reader who is not a member, whose count no connection keeps, shows none while it fails. */
  reloadMembers() {
    // the answer to the latest reading only: an earlier one overtaken by it would bring back a role since changed
    const asked = this.membersAsked = (this.membersAsked ?? 0) + 1;
    return this.app.membersOf(this.room.id).then((list) => {
      if (asked === this.membersAsked) this.learnMembers(list);
    }, () => {
      if (!this.member && !this.destroyed) this.onlineLine.hidden = true;
    });
  }

  /** Someone came or went: the members list (presence, positions) again, shortly. */
  refreshMembersSoon() {
    if (!this.presence && !this.receipts) return;
    clearTimeout(this.membersSoon);
    this.membersSoon = setTimeout(() => this.reloadMembers(), 500);
  }

  moveReader(username, messageId) {
    if ((this.readers.get(username) ?? 0) < messageId) this.readers.set(username, messageId);
  }

  /** "Seen by …" under the person's own newest message: who has read that far; for the room's members only. */
  drawSeen() {
    this.list.querySelector('.seen')?.remove();
    if (!this.receipts || !this.member) return;
    let mine = this.list.lastElementChild;
    while (mine && (mine.dataset.sender !== this.app.me || mine.item?.deleted)) mine = mine.previousElementSibling;
    if (!mine) return;
    const id = Number(mine.dataset.id);
    const names = [...this.readers].filter(([, upTo]) => upTo >= id).map(([name]) => name);
    if (names.length === 0) return;
    mine.querySelector('.msg-body').append(h('p', {class: 'seen'}, icon('eye'), `Seen by ${names.join(', ')}`));
  }

  focusComposer() {
    this.composer.focus();
  }

  // ---- history ------------------------------------------------------------------------------

  /** Adds a page that is newer than or overlapping what is shown (initial load, gap filling). */
  appendPage(items) {
    for (const item of items) this.insert(item);
    if (items.length) this.resumeFrom = Math.max(this.resumeFrom, items[items.length - 1].message_id);
  }

  async loadOlder() {
    if (this.loadingOlder || this.reachedStart || !this.oldestId) return;
    this.loadingOlder = true;
    try {
      const page = await api.history(this.room.id, {before: this.oldestId, limit: PAGE});
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      const fragment = document.createDocumentFragment();
      const added = [];
      for (const item of page) {
        if (this.byId.has(item.message_id)) continue;
        const el = messageView(item, this.ctx);
        this.byId.set(item.message_id, el);
        fragment.append(el);
        added.push(el);
      }
      const firstOld = this.list.firstElementChild;
      this.list.prepend(fragment);
      added.forEach(regroup);
      regroup(firstOld);
      if (page.length) this.oldestId = page[0].message_id;
      if (!this.keepAnchor()) this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
      if (page.length < PAGE) this.markStart();
      this.reopenEdits();
    } catch (e) {
      this.app.toast(e.message);
    } finally {
      this.loadingOlder = false;
    }
  }

  markStart() {
    this.reachedStart = true;
    this.olderButton.hidden = true;
    this.startLabel.hidden = false;
  }

  /** More was missed than the socket replays: page the gap over REST. */
  async fillGap(after, until) {
    // a window away from the end pages forward over the gap itself when it gets there
    if (!this.liveEnd) return;
    let cursor = after;
    while (cursor < until) {
      const page = await api.history(this.room.id, {after: cursor, limit: 200});
      if (page.length === 0) break;
      for (const item of page) if (item.message_id <= until) this.insert(item);
      cursor = page[page.length - 1].message_id;
    }
  }

  /** Puts a stored message in id order; false when it is already shown. */
  insert(item) {
    if (this.byId.has(item.message_id)) return false;
    const el = messageView(item, this.ctx);
    let before = null;
    let node = this.list.lastElementChild;
    while (node && Number(node.dataset.id) > item.message_id) {
      before = node;
      node = node.previousElementSibling;
    }
    this.list.insertBefore(el, before);
    this.byId.set(item.message_id, el);
    if (item.sender === this.app.me && this.receipts && !this.seenQueued) {
      // the newest own message may have changed: redraw "Seen by" once, after this burst
      this.seenQueued = true;
      queueMicrotask(() => { this.seenQueued = false; this.drawSeen(); });
    }
    regroup(el);
    regroup(before);
    if (!this.oldestId || item.message_id < this.oldestId) this.oldestId = item.message_id;
    return true;
  }

  // ---- live -----------------------------------------------------------------------------------

  /** A frame of the room; `replay` for changes read over REST (they do not move the socket's cursor). */
  onFrame(frame, replay = false) {
    if (typeof frame.cursor === 'string' && !replay) this.cursor = frame.cursor;
    switch (frame.type) {
      case 'message': {
        const stick = this.atBottom();
        this.resumeFrom = Math.max(this.resumeFrom, frame.message_id);
        this.stopTyping(frame.sender);
        this.countReply(frame, +1);
        this.learnItem(frame);
        if (this.app.features.lives && !this.lives) this.enableLives();
        if (!this.liveEnd) {
          // beyond the window's end: kept until the window gets there (bounded; paging covers the rest)
          if (this.later.size < LATER_KEPT) this.later.set(frame.message_id, frame);
          else this.laterOverflow = true;
          this.app.roomsChanged();
        } else if (this.insert(frame)) {
          if (stick) this.scrollToBottom();
          else this.jump.hidden = false;
          if (frame.sender !== this.app.me) this.scheduleMarkRead();
          this.app.roomsChanged();
        }
        break;
      }
      case 'reaction_added':
      case 'reaction_removed': {
        const el = this.byId.get(frame.message_id);
        if (el) renderReactions(el, frame.reaction_summary ?? [], this.ctx);
        break;
      }
      case 'read':
        if (frame.username !== this.app.me && frame.last_read_message_id) {
          this.moveReader(frame.username, frame.last_read_message_id);
          this.drawSeen();
        }
        break;
      case 'message_edited': {
        const item = itemOf(frame);
        this.replaceItem(item);
        this.refreshReplies(item.message_id, item.message);
        this.composer?.parentChanged(item.message_id, item);
        break;
      }
      case 'message_deleted':
        this.tombstone(frame.message_id);
        break;
      case 'message_pinned':
      case 'message_unpinned':
        this.markPinned(frame.message_id, frame.type === 'message_pinned');
        this.redraw(frame.message_id);
        break;
      case 'typing':
      case 'typing_start':
        if (frame.sender !== this.app.me) this.startTyping(frame.sender);
        break;
      case 'typing_stop':
        this.stopTyping(frame.sender);
        break;
      case 'user_left':
        this.stopTyping(frame.sender);
        this.refreshMembersSoon();
        break;
      case 'user_joined':
        this.refreshMembersSoon();
        break;
      case 'member_updated':
        this.memberUpdated(frame);
        break;
      case 'history_truncated':
        // every kind of change from the change log where the server has one, else the messages
        (frame.resume_cursor ? this.replayChanges(frame.resume_cursor, frame.cursor)
          : this.fillGap(frame.resume_after, frame.live_from)).catch((e) => this.app.toast(e.message));
        break;
      case 'error':
        this.app.toast(localTimes(frame.message));
        break;
      default:
        // connected, user_joined and frame types this client does not know yet
    }
  }

  /** Changes missed beyond what the socket replays, read from the room's change log up to `until`. */
  async replayChanges(since, until) {
    let cursor = since;
    for (;;) {
      const page = await api.changes(this.room.id, cursor, 200);
      for (const change of page.changes) {
        this.onFrame(change, true);
        if (change.cursor === until) return;
      }
      if (!page.has_more || !page.cursor || page.cursor === cursor) return;
      cursor = page.cursor;
    }
  }

  /** Draws a message again from a new version of its item (an edit, a tombstone, a pin). */
  replaceItem(item) {
    if (this.later.has(item.message_id)) this.later.set(item.message_id, item);
    const old = this.byId.get(item.message_id);
    if (!old) return;
    if (old.classList.contains('editing') && !item.deleted && item.edited_at === old.item?.edited_at) return;
    // an edit being written, ended by a change made elsewhere: not without a word (as the reply bar's)
    if (old.classList.contains('editing')) this.app.toast(editLost(item));
    const el = messageView(item, this.ctx);
    if (old.classList.contains('target')) {
      el.classList.add('target');
      el.tabIndex = -1;
    }
    const focused = old.contains(document.activeElement);
    const picking = pickerFocus(old);
    old.replaceWith(el);
    this.byId.set(item.message_id, el);
    regroup(el);
    regroup(el.nextElementSibling);
    if (focused) (el.querySelector('.tools button, .thread-count') ?? el).focus?.();
    if (picking !== null) reopenPicker(el, picking);
    if (item.sender === this.app.me) this.drawSeen();
  }

  /**
   * Whether a message is pinned, as the page knows it; the Pinned button shows only while the room has a pin
   * (the server refuses pins in a direct message, docs/API.md "Direct messages").
   */
  markPinned(messageId, pinned) {
    if (pinned) this.pins.add(messageId);
    else this.pins.delete(messageId);
    this.pinsButton.hidden = isDm(this.room) || this.pins.size === 0;
  }

  redraw(messageId) {
    const el = this.byId.get(messageId);
    if (el?.item) this.replaceItem({...el.item});
  }

  /** A deleted message keeps its place as a tombstone. */
  tombstone(messageId) {
    this.markPinned(messageId, false);
    this.later.delete(messageId);
    // loaded or not: the reply being written to it is dropped (the server refuses a reply to a deleted message)
    if (this.composer?.parentChanged(messageId, null)) {
      this.app.toast('The message you were replying to was deleted: yours will be sent on its own');
    }
    const el = this.byId.get(messageId);
    if (!el?.item || el.item.deleted) return;
    this.countReply(el.item, -1);
    this.replaceItem({...el.item, deleted: true, message: '', message_type: 'text', file_url: null, file_name: null,
      file_size: null, mime_type: null, reactions: [], edited_at: null, reply_to: null});
    this.refreshReplies(messageId, '');
  }

  /**
   * Replies show the message they answer as it is now (docs/API.md `reply_to`): the start of its new text after
   * an edit, none once it is deleted, as the server would answer them.
   */
  refreshReplies(parentId, text) {
    const excerpt = replyExcerpt(text);
    const answering = (item) => item?.reply_to?.message_id === parentId && item.reply_to.message !== excerpt;
    const updated = (item) => ({...item, reply_to: {...item.reply_to, message: excerpt}});
    for (const [id, queued] of this.later) if (answering(queued)) this.later.set(id, updated(queued));
    for (const el of [...this.byId.values()]) if (answering(el.item)) this.replaceItem(updated(el.item));
  }

  /** A reply shown or gone changes its parent's count (the server sends no new parent item). */
  countReply(item, delta) {
    const parentId = item.reply_to?.message_id;
    const parent = parentId && this.byId.get(parentId);
    if (!parent?.item || parent.item.deleted) return;
    this.replaceItem({...parent.item, reply_count: Math.max(0, (parent.item.reply_count ?? 0) + delta)});
  }

  // ---- what a person may do with a message, and doing it ----------------------------------------

  get moderates() {
    return this.role === 'owner' || this.role === 'moderator';
  }

  may(action, item) {
    if (!item.message_id || item.deleted) return false;
    // the server tells who has read a message to the room's members only (403 to a reader who is not one)
    if (action === 'seen') return this.receipts && this.member && item.sender === this.app.me;
    if (!this.lives) return false;
    switch (action) {
      case 'reply': return this.member;
      case 'edit': return this.mayChangeOwn(item);
      case 'delete': return this.mayChangeOwn(item) || this.moderates;
      case 'pin': return this.moderates && !isDm(this.room);
      default: return false;
    }
  }

  /** One's own message, in a room one is not banned from: someone banned changes nothing in it (API.md "Moderation"). */
  mayChangeOwn(item) {
    return item.sender === this.app.me && !this.app.refusedJoins.has(this.room.id);
  }

  async act(action, item) {
    try {
      switch (action) {
        case 'reply':
          this.composer.replyTo(item);
          break;
        case 'edit':
          this.startEdit(item);
          break;
        case 'delete': {
          const whose = item.sender === this.app.me ? 'your message' : `${item.sender}'s message`;
          if (!await confirmDialog('Delete message?', `Delete ${whose}? Everyone will see that it was deleted.`, 'Delete')) return;
          const tombstone = await api.deleteMessage(this.room.id, item.message_id);
          this.tombstone(tombstone.message_id ?? item.message_id);
          break;
        }
        case 'pin':
          await api.pin(this.room.id, item.message_id);
          this.markPinned(item.message_id, true);
          this.redraw(item.message_id);
          break;
        case 'unpin':
          await api.unpin(this.room.id, item.message_id);
          this.markPinned(item.message_id, false);
          this.redraw(item.message_id);
          break;
        case 'thread':
          threadDialog(this.room, item, this.threadCtx());
          break;
        case 'seen':
          seenByDialog(this.room, item);
          break;
        default:
      }
    } catch (e) {
      this.app.toast(e.message);
    }
  }

  /** The edits left unsaved in this room, message id → text, as the page keeps them while other rooms are open. */
  keptEdits() {
    let kept = this.app.keptEdits.get(this.room.id);
    if (!kept) this.app.keptEdits.set(this.room.id, kept = new Map());
    return kept;
  }

  /** Open edits whose text was changed and not saved are kept (the list is about to go, or to be replaced). */
  keepEdits() {
    for (const el of this.list.querySelectorAll('.msg.editing')) {
      const field = el.querySelector('.edit-field');
      if (el.item && field && field.value.trim() !== el.item.message) this.keptEdits().set(el.item.message_id, field.value);
    }
  }

  /** Kept edits whose message is shown are open again (the newest focused when `focus`); one deleted meanwhile is said. */
  reopenEdits(focus = false) {
    const kept = this.keptEdits();
    for (const [messageId, text] of [...kept].sort(([a], [b]) => b - a)) {
      const item = this.byId.get(messageId)?.item;
      if (!item) continue;
      kept.delete(messageId);
      if (!this.may('edit', item)) {
        this.app.toast(item.deleted ? editLost(item) : 'Your unsaved edit was dropped: you can no longer edit that message');
        continue;
      }
      this.startEdit(item, {text, focus});
      focus = false;
    }
  }

  /**
   * Edits a message in place: its text (or `text`, an edit kept unsaved) becomes a field; Enter saves, Escape cancels.
   */
  startEdit(item, {text = item.message, focus = true} = {}) {
    const el = this.byId.get(item.message_id);
    if (!el || el.classList.contains('editing')) return;
    el.classList.add('editing');
    const old = el.querySelector('.text');
    const field = h('textarea', {class: 'edit-field', rows: 2, 'aria-label': 'Edited text', value: text, dir: 'auto',
      onkeydown: (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); save(); }
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
      }});
    const error = h('p', {class: 'form-error', role: 'alert'});
    const form = h('form', {class: 'edit-form', onsubmit: (e) => { e.preventDefault(); save(); }},
      field, error,
      h('div', {class: 'edit-actions'},
        h('button', {type: 'button', class: 'secondary small', onclick: () => cancel()}, 'Cancel'),
        h('button', {type: 'submit', class: 'primary small'}, 'Save')));
    if (old) old.replaceWith(form);
    else el.querySelector('.msg-head').after(form);
    if (focus) {
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    }
    const done = (next) => {
      el.classList.remove('editing');
      this.replaceItem(next);
      this.refreshReplies(next.message_id, next.message);
      this.byId.get(item.message_id)?.querySelector('[aria-label="Edit message"]')?.focus();
    };
    const cancel = () => done({...el.item});
    const save = async () => {
      const content = field.value.trim();
      if (content === item.message) return cancel();
      if (tooLong(content)) return setChildren(error, tooLongText(content));
      try {
        done(await api.editMessage(this.room.id, item.message_id, content));
      } catch (e) {
        setChildren(error, e.message);
        // "Cannot reach the server" is said only until the room's connection is back (onStatus)
        error.classList.toggle('unreachable', e instanceof Unreachable);
      }
    };
  }

  pinsCtx() {
    return {moderates: this.moderates, jump: (id) => this.app.navigate(`#/rooms/${this.room.id}/m/${id}`),
      unpin: (item) => this.act('unpin', item), toast: (t) => this.app.toast(t)};
  }

  membersCtx() {
    return {me: this.app.me, toast: (t) => this.app.toast(t), read: () => this.app.membersOf(this.room.id),
      learned: (members) => this.learnMembers(members), follow: (draw) => this.followMembers(draw)};
  }

  threadCtx() {
    return {jump: (id) => this.app.navigate(`#/rooms/${this.room.id}/m/${id}`),
      reply: this.member ? (item) => this.act('reply', item) : null};
  }

  /** The server refused a message for good (muted, too long, …): it leaves the outbox, and its text comes back. */
  onRefused(error, frame) {
    this.pendingBox.querySelector(`[data-client-id="${CSS.escape(frame.client_id)}"]`)?.remove();
    this.imagePreviews.delete(frame.client_id);
    this.app.toast(`Not sent: ${localTimes(error.message)}`);
    if (frame.content) this.composer.restore(frame.content);
  }

  onAck(ack, frame) {
    this.pendingBox.querySelector(`[data-client-id="${CSS.escape(frame.client_id)}"]`)?.remove();
    const stick = this.atBottom();
    const item = this.itemFrom(frame, {message_id: ack.message_id, timestamp: ack.timestamp, reactions: []});
    this.replyPreviews.delete(frame.client_id);
    this.imagePreviews.delete(frame.client_id);
    if (this.app.features.lives === undefined) this.learnFromServer(ack.message_id);
    // the server sends the sender no frame of their own message: a reply counts here
    this.countReply(item, +1);
    if (frame.content?.includes('@')) this.learnMentions(item.message_id);
    if (!this.liveEnd) {
      this.later.set(item.message_id, item);
      this.app.roomsChanged();
      return;
    }
    this.insert(item);
    if (stick) this.scrollToBottom();
    this.app.roomsChanged();
  }

  /** An ack carries no mentions: one's own message that may name someone is read back once to mark them. */
  learnMentions(messageId) {
    api.history(this.room.id, {before: messageId + 1, limit: 1}).then(([stored]) => {
      if (this.destroyed || stored?.message_id !== messageId || !stored.mentions?.length) return;
      if (this.later.has(messageId)) this.later.set(messageId, {...this.later.get(messageId), mentions: stored.mentions});
      const el = this.byId.get(messageId);
      if (el?.item) this.replaceItem({...el.item, mentions: stored.mentions});
    }, () => {});
  }

  onStatus(status, since) {
    // the room connection's state, for tests and styles: connecting, online (the server watches the room) or offline
    this.el.dataset.connection = status;
    this.banner.hidden = status !== 'offline';
    this.drawOnline();
    if (status !== 'online') return;
    // a connection opened with nothing to resume after (an empty room) replays nothing: what was
    // posted between loading the history and connecting is fetched once (shown messages are skipped)
    if (!since) this.catchUp().catch((e) => this.app.toast(e.message));
    // roles and mutes changed while the connection was down are not replayed (member_updated): the list has them
    if (this.wasOnline) this.reloadMembers();
    this.wasOnline = true;
    // an edit refused because the server could not be reached may be saved now: the refusal no longer holds
    for (const stale of this.list.querySelectorAll('.edit-form .form-error.unreachable')) setChildren(stale);
  }

  async catchUp() {
    const page = await api.history(this.room.id, {limit: PAGE});
    if (this.destroyed || page.length === 0) return;
    const stick = this.atBottom();
    this.appendPage(page);
    if (stick) this.scrollToBottom();
    // the first messages this page sees may come this way (posted while it connected): they tell what messages can do
    this.learnItem(page[0]);
    if (this.app.features.lives && !this.lives) await this.enableLives();
  }

  startTyping(name) {
    clearTimeout(this.typers.get(name));
    this.typers.set(name, setTimeout(() => this.stopTyping(name), TYPING_SHOWN_MS));
    this.drawTyping();
  }

  stopTyping(name) {
    if (!this.typers.has(name)) return;
    clearTimeout(this.typers.get(name));
    this.typers.delete(name);
    this.drawTyping();
  }

  drawTyping() {
    const names = [...this.typers.keys()];
    const text = names.length === 0 ? ''
      : names.length === 1 ? `${names[0]} is typing…`
        : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
    this.typingLine.textContent = text;
  }

  // ---- sending ----------------------------------------------------------------------------------

  send({content, file, replyTo}) {
    // what someone writes goes at the end: a window further back goes there first
    if (!this.liveEnd) this.goToPresent();
    const frame = {type: 'message', content, client_id: newClientId()};
    if (replyTo) {
      frame.reply_to = replyTo.message_id;
      this.replyPreviews.set(frame.client_id, {message_id: replyTo.message_id, sender: replyTo.sender,
        message: (replyTo.message ?? '').slice(0, 100)});
    }
    if (file) {
      frame.file_url = file.file_url;
      frame.file_name = file.original_filename || file.filename;
      frame.file_size = file.file_size;
      frame.mime_type = file.mime_type;
      // the upload's preview, shown here as the server's items show it (the frame does not carry it)
      if (file.preview_url) this.imagePreviews.set(frame.client_id, file.preview_url);
    }
    this.showPending(frame);
    this.scrollToBottom();
    // no socket yet: the room is still waiting for the server (mountLater), and the outbox keeps it until then
    if (this.socket) this.socket.post(frame);
    else outbox.add(this.app.me, this.room.id, frame);
  }

  itemFrom(frame, extra) {
    const kind = frame.file_url ? kindOf(frame.mime_type) : null;
    return {
      sender: this.app.me, message: frame.content ?? '', client_id: frame.client_id,
      message_type: kind ? (frame.content ? `text_with_${kind}` : kind) : 'text',
      file_url: frame.file_url ?? null, file_name: frame.file_name ?? null,
      file_size: frame.file_size ?? null, mime_type: frame.mime_type ?? null,
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      preview_url: this.imagePreviews.get(frame.client_id) ?? null,
      reply_to: this.replyPreviews.get(frame.client_id) ?? null, reply_count: 0, edited_at: null, deleted: false, ...extra,
    };
  }

  showPending(frame) {
    const el = messageView(this.itemFrom(frame, {}), {...this.ctx, pending: true});
    this.pendingBox.append(el);
    // a run of them reads as one person's run, as sent messages do (the first keeps the name; each says "Sending…" under it)
    if (el.previousElementSibling) regroup(el);
  }

  async react(messageId, type) {
    try {
      const answer = type ? await api.addReaction(messageId, type) : await api.removeReaction(messageId);
      const el = this.byId.get(messageId);
      if (el) renderReactions(el, answer.reaction_summary, this.ctx);
    } catch (e) {
      this.app.toast(e.message);
    }
  }

  // ---- membership -----------------------------------------------------------------------------

  async join() {
    try {
      await api.joinRoom(this.room.id);
      this.startLive();
      this.composer.focus();
      this.app.roomsChanged();
    } catch (e) {
      // a public room refuses a join only for good (a ban, docs/API.md "Moderation"): no button that cannot work
      if (e instanceof ApiError && e.status === 403) {
        this.knowRefusal(e.message);
        this.showCannotJoin(e.message);
      } else {
        this.app.toast(e.message);
      }
    }
  }

  /**
   * Why this reader cannot join, where the Join button was: from the server's word on where the reader stands when the
   * room opens (offerJoin), from a refused join, or from the room's connection closed by a ban.
   */
  showCannotJoin(reason) {
    // the focus on the button that goes stays on the bar, and a screen reader hears why
    redraw(this.joinBar, h('p', {class: 'cannot-join', role: 'status', tabindex: -1, 'data-focus-fallback': true},
      `${reason}. You can read it, but you cannot join it.`));
    this.joinBar.hidden = false;
  }

  async leave() {
    if (!await confirmDialog(`Leave ${this.room.name}?`, this.leaving(), 'Leave')) return;
    // stop first: a read mark or a reconnect after leaving would join the room again
    this.member = false;
    this.destroy();
    try {
      await api.leaveRoom(this.room.id);
      this.app.toast(`You left ${this.room.name}`);
      this.app.roomsChanged();
      this.app.navigate('#/');
    } catch (e) {
      this.app.toast(e.message);
      // still a member: back to how it was
      this.destroyed = false;
      this.observer.observe(this.olderButton);
      this.newerObserver.observe(this.newerButton);
      this.resizeObserver.observe(this.list);
      this.resizeObserver.observe(this.pendingBox);
      this.startLive();
    }
  }

  /**
   * What leaving means, as the server does it (docs/API.md "Moderation"): the owner stays the owner but has no powers
   * while away, and only the owner names moderators, so an owner who leaves no moderator behind leaves the room unmoderated.
   */
  leaving() {
    if (this.room.is_private) return 'You will need to be added again to come back.';
    const moderated = this.members?.some((m) => m.role === 'moderator' && m.username !== this.app.me);
    if (this.role !== 'owner' || moderated) return 'You can join again at any time.';
    return 'You own this room and it has no moderator: while you are away nobody can mute or ban anyone, delete '
      + 'others\' messages or name moderators here. Join again at any time to take your powers back.';
  }

  showGone(reason) {
    this.socket?.stop();
    this.socket = null;
    this.composer.setEnabled(false);
    this.leaveButton.hidden = true;
    if (this.room.is_private || isDm(this.room)) {
      // no longer theirs to see: nothing more of it is asked for (its members list would answer 404 every 30 s)
      clearInterval(this.membersTimer);
      this.membersTimer = 0;
      this.membersButton.hidden = true;
      this.pinsButton.hidden = true;
      this.onlineLine.hidden = true;
      this.peerLine.hidden = true;
    }
    this.banner.hidden = true;
    setChildren(this.notice, h('p', {role: 'alert'}, reason));
    this.notice.hidden = false;
    this.app.roomsChanged();
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Messages arriving in a burst are marked read once, shortly after the last, while the page is seen. */
  scheduleMarkRead() {
    if (!this.member || !this.socket) return;
    clearTimeout(this.markTimer);
    this.markTimer = setTimeout(() => this.markRead(), 300);
  }

  async markRead() {
    clearTimeout(this.markTimer);
    this.markTimer = 0;
    if (!this.member || document.visibilityState !== 'visible') return;
    try {
      // reading further back (opened at a search hit, or scrolled up) reads only as far as what is on screen
      // (docs/API.md mark-read); reaching the newest message later reads the rest
      if (this.receipts && (!this.liveEnd || !this.atBottom())) {
        const upTo = this.newestSeenId();
        this.readShort = true;
        if (upTo) await api.markRead(this.room.id, upTo);
        return;
      }
      this.readShort = false;
      await api.markRead(this.room.id);
      this.app.markedRead(this.room.id);
    } catch {
      // the count stays; the next message or focus tries again
    }
  }

  atBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < AT_BOTTOM_PX;
  }

  scrollToBottom() {
    this.holdBottom();
    this.stuck = true;
    this.jump.hidden = true;
  }

  /** To the newest message; where that put the view, so that growth below it is told from scrolling up. */
  holdBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.bottomTop = this.scroller.scrollTop;
  }

  onScroll() {
    if (this.stuck && this.liveEnd && this.scroller.scrollTop >= this.bottomTop - 1) {
      // not scrolled up: what is drawn below the newest message grew since the view was put there (a line
      // of receipts, reactions, an image), and the reader stays with the newest message
      if (!this.atBottom()) this.holdBottom();
    } else {
      this.stuck = this.liveEnd && this.atBottom();
    }
    if (this.stuck) this.jump.hidden = true;
    if (this.stuck && this.readShort) this.scheduleMarkRead();
  }

  // ---- drag and drop ----------------------------------------------------------------------------

  dragOver(e) {
    if (!this.member || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.el.classList.add('dropping');
  }

  dragLeave(e) {
    if (e.target === this.el || !this.el.contains(e.relatedTarget)) this.el.classList.remove('dropping');
  }

  drop(e) {
    if (!this.member || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    this.el.classList.remove('dropping');
    this.composer.acceptFiles(e.dataTransfer.files);
  }
}

