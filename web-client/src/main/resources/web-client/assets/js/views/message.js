// One message as a person sees it: who, when, the text (as text), the attachment, the reactions;
// "edited", a tombstone once deleted, the message it answers, its replies, whether it is pinned,
// and what the person may do with it (reply, edit, delete, pin).
import {h, icon, redraw} from '../dom.js';
import {colourSlot, day, fullTime, initial, size, time} from '../format.js';
import {fileUrl} from '../wire/api.js';

// a link ends before a bidirectional control, which would turn its label's letters around (docs/web-client.md)
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+[^\s<>"'.,;:!?)\]\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const EMBEDDINGS = /[\u202A\u202B\u202D\u202E]/g;
const ISOLATES = /[\u2066-\u2068]/g;
const GROUP_WITHIN_MS = 5 * 60 * 1000;
/** A message tool's width and the gap after it (app.css `.chip, .tool`, `.tools`), with a pixel to spare. */
const TOOL_WIDTH_PX = 39;

// `@name` as the server reads it (docs/API.md "Mentions", the domain's Mentions.MENTION): an `@` not glued to a word of
// any script before it, then all the username characters after it (taken whole: a lookahead cannot be backtracked
// into, so "@bob.é" is not "@bob" and "."), not glued to a letter, digit or connector after them ("@bobé" names
// nobody), except a letter of a script written without spaces between words ("@bob你好", "@bobさん", "@bob님" are bob)
// and the letters of that writing that Unicode gives no script (Script=Common), the same list as the server's
// Mentions.SPACELESS_COMMON ("@bobー" is bob): listed rather than \p{Script_Extensions=…}, which the server's Java cannot say
const SPACELESS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}`
  + String.raw`\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`
  + String.raw`\u{3006}\u{3031}-\u{3035}\u{303C}\u{30FC}\u{3192}-\u{3195}\u{3220}-\u{3229}\u{3280}-\u{3289}\u{FF70}`
  + String.raw`\u{1D360}-\u{1D371}`;
const MENTION_PATTERN = new RegExp(String.raw`(?<![\p{L}\p{M}\p{N}\p{Pc}.@-])@(?=([A-Za-z0-9_.-]+))\1`
  + String.raw`(?!(?![${SPACELESS}])[\p{L}\p{N}\p{Pc}])`, 'gu');

/**
 * Text with web addresses as links and the item's mentions marked; every piece is a text node,
 * every link http(s) only. `mentions`: the names the server says the text calls (lower case),
 * `me` the reader's name (lower case), whose own mentions stand out; null in the reader's own message.
 */
function richText(written, mentions, me) {
  const text = closingDirections(written);
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    parts.push(...mentioned(text.slice(last, match.index), mentions, me));
    parts.push(h('a', {href: match[0], target: '_blank', rel: 'noopener noreferrer nofollow'}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(...mentioned(text.slice(last), mentions, me));
  return parts;
}

/**
 * The text with each embedding, override (U+202A–U+202E) and isolate (U+2066–U+2068) it opens closed at its end, so
 * that what follows on its line ("(edited)") reads as it would without the text. A closer with nothing open is
 * ignored (Unicode's bidirectional algorithm, X6a and X7): one per opener, isolates first (a PDI closes what its
 * isolate holds), whatever the text closed itself.
 */
function closingDirections(text) {
  const isolates = text.match(ISOLATES)?.length ?? 0;
  const embeddings = text.match(EMBEDDINGS)?.length ?? 0;
  return isolates + embeddings === 0 ? text : text + '\u2069'.repeat(isolates) + '\u202C'.repeat(embeddings);
}

/**
 * Whether a character as shown ends at `at`: "@bob" and an accent (U+0301), a joiner or a variation selector is a name
 * that is not bob's, as the server reads it, so it is not marked even where the text also names bob.
 */
function endsACharacter(text, at) {
  if (at >= text.length || text.charCodeAt(at) < 0x300) return true;
  return new Intl.Segmenter('und', {granularity: 'grapheme'}).segment(text).containing(at).index === at;
}

function mentioned(text, mentions, me) {
  if (!mentions.size) return [text];
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const name = named(text, match, mentions);
    if (name === null) continue;
    parts.push(text.slice(last, match.index));
    const key = name.toLowerCase();
    const mine = me !== null && (key === me || key === 'room');
    parts.push(h('span', {class: mine ? 'mention mine' : 'mention'}, `@${name}`));
    last = match.index + 1 + name.length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * What a `@name` the text writes names, as written, when the item's `mentions` list it; null when nobody. A name with dots
 * at its end is the longest of its forms (as written, then with fewer dots, down to none) that the server named: `@dot..`
 * is `dot.` when `dot.` is listed. `@room`, with or without dots, is the room.
 */
function named(text, match, mentions) {
  let written = match[1];
  if (!endsACharacter(text, match.index + match[0].length)) {
    // "@bob" and an accent is another name; an accent on a last dot leaves the name before that dot
    if (!written.endsWith('.')) return null;
    written = written.slice(0, -1);
  }
  const word = written.replace(/\.+$/, '');
  if (word.toLowerCase() === 'room') return mentions.has('room') ? word : null;
  for (let end = written.length; end >= word.length && end > 0; end--) {
    if (mentions.has(written.slice(0, end).toLowerCase())) return written.slice(0, end);
  }
  return null;
}

function attachment(item) {
  const url = fileUrl(item.file_url);
  if (!url) return null;
  const name = item.file_name || 'file';
  if (item.message_type === 'image' || item.message_type === 'text_with_image') {
    // inline, the server's small preview where it made one (docs/API.md `preview_url`); opened, the whole image
    return h('a', {class: 'attachment image', href: url, target: '_blank', rel: 'noopener'},
      h('img', {src: fileUrl(item.preview_url) ?? url, alt: name, loading: 'lazy', decoding: 'async'}));
  }
  return h('a', {class: 'attachment file', href: url, download: name},
    icon('file'),
    h('span', {class: 'file-name'}, name),
    h('span', {class: 'file-size'}, size(item.file_size)));
}

/** The message this one answers: who and the start of what they said, a link to it in the room. */
function replyRef(item, ctx) {
  const parent = item.reply_to;
  if (!parent || typeof parent !== 'object') return null;
  const said = parent.message ? parent.message : 'a deleted message';
  return h('a', {class: 'reply-ref', href: ctx.roomId ? `#/rooms/${ctx.roomId}/m/${parent.message_id}` : null},
    icon('reply'), h('span', {class: 'visually-hidden'}, 'In reply to '),
    h('span', {class: 'reply-sender'}, parent.sender), h('span', {class: 'reply-text'}, said));
}

/**
 * ctx: me, roomId, reactions (the six), react(id, type|null), pending (bool), pinned(id) → bool,
 * may(action, item) → bool for 'reply' | 'edit' | 'delete' | 'pin' | 'seen', act(action, item) to do it
 * ('reply', 'edit', 'delete', 'pin', 'unpin', 'thread', 'seen').
 * Returns an <article> carrying data-id (server id) or data-client-id (pending); `el.item` is the item.
 */
export function messageView(item, ctx) {
  const el = h('article', {class: 'msg', onclick: (e) => {
    if (matchMedia('(hover: none)').matches && !e.target.closest('a, button, textarea, input')) el.classList.toggle('show-tools');
  }});
  el.item = item;
  el.dataset.sender = item.sender;
  el.dataset.time = item.timestamp;
  if (item.message_id) el.dataset.id = String(item.message_id);
  if (item.client_id) el.dataset.clientId = item.client_id;
  const pinned = !ctx.pending && item.message_id && ctx.pinned?.(item.message_id);
  const head = h('header', {class: 'msg-head'},
    h('span', {class: 'sender'}, item.sender),
    h('time', {datetime: item.timestamp, title: fullTime(item.timestamp)}, time(item.timestamp)));
  const body = h('div', {class: 'msg-body'}, head);
  if (pinned) {
    el.classList.add('pinned');
    body.append(h('span', {class: 'pin-label'}, icon('pin'), 'Pinned'));
  }
  if (item.deleted) {
    el.classList.add('deleted');
    body.append(h('p', {class: 'tombstone'}, 'This message was deleted.'));
    el.append(h('span', {class: `avatar av-${colourSlot(item.sender)}`, 'aria-hidden': 'true'}, initial(item.sender)), body);
    return el;
  }
  const ref = replyRef(item, ctx);
  if (ref) body.append(ref);
  // "(edited)" follows the text (the header is hidden in a run of one person's messages)
  const edited = item.edited_at ? h('span', {class: 'edited', title: `Edited ${fullTime(item.edited_at)}`}, '(edited)') : null;
  if (item.message) {
    const mentions = new Set(Array.isArray(item.mentions) ? item.mentions.map((m) => String(m).toLowerCase()) : []);
    // one's own `@room` calls the others, not oneself
    const reader = String(ctx.me ?? '').toLowerCase();
    const me = String(item.sender).toLowerCase() === reader ? null : reader;
    if (me !== null && (mentions.has(me) || mentions.has('room'))) el.classList.add('mentions-me');
    body.append(h('p', {class: 'text', dir: 'auto'}, richText(item.message, mentions, me), edited ? [' ', edited] : null));
  }
  else if (edited) body.append(h('p', {class: 'text'}, edited));
  const file = attachment(item);
  if (file) body.append(file);
  // under what it says, not in the header, which a run of one person's messages hides
  if (ctx.pending) body.append(h('p', {class: 'pending-label'}, 'Sending…'));
  const reactions = h('div', {class: 'reactions'});
  body.append(reactions);
  if (item.reply_count > 0 && ctx.act) {
    body.append(h('button', {type: 'button', class: 'link thread-count', onclick: () => ctx.act('thread', el.item)},
      item.reply_count === 1 ? '1 reply' : `${item.reply_count} replies`));
  }
  el.append(h('span', {class: `avatar av-${colourSlot(item.sender)}`, 'aria-hidden': 'true'}, initial(item.sender)), body);
  if (ctx.pending) el.classList.add('pending');
  else renderReactions(el, item.reactions ?? [], ctx);
  return el;
}

/** What the person may do with a message, as buttons next to the reaction button. */
function actions(el, ctx) {
  const item = el.item;
  if (!ctx.may || !ctx.act || !item || item.deleted) return [];
  const button = (action, label, iconName) => h('button', {type: 'button', class: 'tool', 'aria-label': label, title: label,
    'data-focus-key': action, onclick: () => ctx.act(action, el.item)}, icon(iconName));
  const pinned = ctx.pinned?.(item.message_id);
  return [
    ctx.may('reply', item) ? button('reply', 'Reply', 'reply') : null,
    ctx.may('edit', item) ? button('edit', 'Edit message', 'edit') : null,
    ctx.may('pin', item) ? button(pinned ? 'unpin' : 'pin', pinned ? 'Unpin message' : 'Pin message', 'pin') : null,
    ctx.may('delete', item) ? button('delete', 'Delete message', 'trash') : null,
    ctx.may('seen', item) ? button('seen', 'Seen by', 'eye') : null,
  ].filter(Boolean);
}

/** Draws a message's reactions from a summary [{reaction_type, count, users}]. */
export function renderReactions(el, summary, ctx) {
  const box = el.querySelector('.reactions');
  const id = Number(el.dataset.id);
  const mine = summary.find((r) => r.users.includes(ctx.me))?.reaction_type ?? null;
  const chips = summary.filter((r) => r.count > 0).map((r) => {
    const pressed = r.reaction_type === mine;
    const who = r.users.join(', ');
    return h('button', {type: 'button', class: 'chip', 'aria-pressed': String(pressed), 'data-focus-key': r.reaction_type,
      'aria-label': `${r.reaction_type} ${r.count}: ${who}${pressed ? '. Remove your reaction' : ''}`,
      title: who, onclick: () => ctx.react(id, pressed ? null : r.reaction_type)},
    h('span', {class: 'emoji', 'aria-hidden': 'true'}, r.reaction_type), h('span', {class: 'count', 'aria-hidden': 'true'}, String(r.count)));
  });
  const add = h('button', {type: 'button', class: 'chip add-reaction', 'aria-label': 'Add a reaction', 'aria-haspopup': 'true',
    'data-focus-key': 'add', 'data-focus-fallback': true,
    'aria-expanded': 'false', onclick: (e) => openPicker(e.currentTarget, id, mine, ctx)}, icon('smile'));
  if (el.item) el.item.reactions = summary;
  const tools = actions(el, ctx);
  // a reaction picked with the keyboard keeps the focus where it was (the button, or the chip) as the box is redrawn
  const picking = pickerFocus(box);
  redraw(box, chips, h('span', {class: 'tools'}, add, tools));
  if (picking !== null) reopenPicker(box, picking);
  box.classList.toggle('has-reactions', chips.length > 0);
  // without reactions the tools show over the end of the message: the text keeps that much room free after it
  el.style.setProperty('--tools-width', chips.length ? '0px' : `${(1 + tools.length) * TOOL_WIDTH_PX}px`);
}

/**
 * A message drawn again while its reaction picker is open (someone else reacted, an edit, its tools appearing) keeps
 * the picker open, the focus where it was: a person choosing a reaction is not left holding nothing.
 * pickerFocus: null when no picker is open in `el`, else the index of its focused button (-1: the focus is elsewhere).
 */
export function pickerFocus(el) {
  const picker = el.querySelector('.picker');
  return picker ? [...picker.querySelectorAll('button')].indexOf(document.activeElement) : null;
}

export function reopenPicker(el, at) {
  const before = document.activeElement;
  el.querySelector('.add-reaction')?.click();
  const buttons = el.querySelectorAll('.picker button');
  if (at >= 0) buttons[at]?.focus();
  else if (before instanceof HTMLElement && before.isConnected) before.focus();
}

function openPicker(button, id, mine, ctx) {
  document.querySelector('.picker')?.remove();
  const close = (focusBack) => {
    picker.remove();
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (focusBack) button.focus();
  };
  const outside = (e) => { if (!picker.contains(e.target) && e.target !== button) close(false); };
  const picker = h('div', {class: 'picker', role: 'group', 'aria-label': 'Pick a reaction',
    onkeydown: (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); close(true); }
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const buttons = [...picker.querySelectorAll('button')];
        const at = buttons.indexOf(document.activeElement);
        buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus();
      }
    }},
  ctx.reactions.map((type) => h('button', {type: 'button', 'aria-pressed': String(type === mine), 'aria-label': type,
    onclick: () => { close(true); ctx.react(id, type === mine ? null : type); }}, type)));
  button.closest('.reactions').append(picker);
  button.setAttribute('aria-expanded', 'true');
  document.addEventListener('pointerdown', outside, true);
  picker.querySelector('button').focus();
}

/** Consecutive messages of one sender within minutes read as one block: no repeated name and avatar. */
export function regroup(el) {
  if (!el || !el.classList.contains('msg')) return;
  const prev = el.previousElementSibling;
  const follows = prev && prev.classList.contains('msg') && prev.dataset.sender === el.dataset.sender
    && Date.parse(el.dataset.time) - Date.parse(prev.dataset.time) < GROUP_WITHIN_MS
    && Date.parse(el.dataset.time) >= Date.parse(prev.dataset.time);
  el.classList.toggle('follow', Boolean(follows));
  // a new day starts with its name above the message (drawn by CSS from the attribute, as text)
  const today = day(el.dataset.time);
  const newDay = !prev || !prev.classList.contains('msg') || day(prev.dataset.time) !== today;
  if (newDay) el.dataset.day = today;
  else delete el.dataset.day;
}
