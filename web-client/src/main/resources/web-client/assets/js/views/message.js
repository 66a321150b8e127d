// One message as a person sees it: who, when, the text (as text), the attachment, the reactions.
import {h, icon, setChildren} from '../dom.js';
import {colourSlot, day, fullTime, initial, size, time} from '../format.js';
import {fileUrl} from '../wire/api.js';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const GROUP_WITHIN_MS = 5 * 60 * 1000;

/** Text with web addresses as links; every piece is a text node, every link http(s) only. */
function richText(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    parts.push(text.slice(last, match.index));
    parts.push(h('a', {href: match[0], target: '_blank', rel: 'noopener noreferrer nofollow'}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function attachment(item) {
  const url = fileUrl(item.file_url);
  if (!url) return null;
  const name = item.file_name || 'file';
  if (item.message_type === 'image' || item.message_type === 'text_with_image') {
    return h('a', {class: 'attachment image', href: url, target: '_blank', rel: 'noopener'},
      h('img', {src: url, alt: name, loading: 'lazy', decoding: 'async'}));
  }
  return h('a', {class: 'attachment file', href: url, download: name},
    icon('file'),
    h('span', {class: 'file-name'}, name),
    h('span', {class: 'file-size'}, size(item.file_size)));
}

/**
 * ctx: me, reactions (the six), react(item, type|null), pending (bool).
 * Returns an <article> carrying data-id (server id) or data-client-id (pending).
 */
export function messageView(item, ctx) {
  const el = h('article', {class: 'msg'});
  el.dataset.sender = item.sender;
  el.dataset.time = item.timestamp;
  if (item.message_id) el.dataset.id = String(item.message_id);
  if (item.client_id) el.dataset.clientId = item.client_id;
  const head = h('header', {class: 'msg-head'},
    h('span', {class: 'sender'}, item.sender),
    h('time', {datetime: item.timestamp, title: fullTime(item.timestamp)}, time(item.timestamp)),
    ctx.pending ? h('span', {class: 'pending-label'}, 'Sending…') : null);
  const body = h('div', {class: 'msg-body'}, head);
  if (item.message) body.append(h('p', {class: 'text', dir: 'auto'}, richText(item.message)));
  const file = attachment(item);
  if (file) body.append(file);
  const reactions = h('div', {class: 'reactions'});
  body.append(reactions);
  el.append(h('span', {class: `avatar av-${colourSlot(item.sender)}`, 'aria-hidden': 'true'}, initial(item.sender)), body);
  if (ctx.pending) el.classList.add('pending');
  else renderReactions(el, item.reactions ?? [], ctx);
  return el;
}

/** Draws a message's reactions from a summary [{reaction_type, count, users}]. */
export function renderReactions(el, summary, ctx) {
  const box = el.querySelector('.reactions');
  const id = Number(el.dataset.id);
  const mine = summary.find((r) => r.users.includes(ctx.me))?.reaction_type ?? null;
  const chips = summary.filter((r) => r.count > 0).map((r) => {
    const pressed = r.reaction_type === mine;
    const who = r.users.join(', ');
    return h('button', {type: 'button', class: 'chip', 'aria-pressed': String(pressed),
      'aria-label': `${r.reaction_type} ${r.count}: ${who}${pressed ? '. Remove your reaction' : ''}`,
      title: who, onclick: () => ctx.react(id, pressed ? null : r.reaction_type)},
    h('span', {class: 'emoji', 'aria-hidden': 'true'}, r.reaction_type), h('span', {class: 'count', 'aria-hidden': 'true'}, String(r.count)));
  });
  const add = h('button', {type: 'button', class: 'chip add-reaction', 'aria-label': 'Add a reaction', 'aria-haspopup': 'true',
    'aria-expanded': 'false', onclick: (e) => openPicker(e.currentTarget, id, mine, ctx)}, icon('smile'));
  setChildren(box, chips, add);
  box.classList.toggle('has-reactions', chips.length > 0);
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
  button.after(picker);
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
