// What a person wrote in a room's composer and has not sent, kept per person and room in localStorage (as Slack and
// Zulip keep drafts): coming back to the room (from another room, after a reload, in another tab later) shows it again.
// One key a room, chat.draft.<username>.<room id>, holding {text, reply_to, at}: the text (at most the message
// limit), the message it answers (if the composer was replying), and when it was last written. Only the person it
// names ever sees it; logging out removes all of theirs (a shared computer is the usual case). At most MAX_DRAFTS
// a person: the least recently written go first. The person's other tabs learn of each change (changeOf).
import {MAX_CHARS, tooLong} from './views/composer.js';

const PREFIX = 'chat.draft.';
const KEY = /^chat\.draft\.(.*)\.(\d+)$/;
export const MAX_DRAFTS = 50;

function keyOf(user, roomId) {
  return `${PREFIX}${user}.${roomId}`;
}

/** The person's draft keys, each with its room; a longer name that starts like theirs ("al" and "al.ice") is not theirs. */
function keysOf(user) {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    const match = KEY.exec(key ?? '');
    if (match && match[1] === user) keys.push({key, roomId: Number(match[2])});
  }
  return keys;
}

function read(key) {
  return parse(localStorage.getItem(key));
}

function parse(stored) {
  try {
    const draft = JSON.parse(stored);
    return draft && typeof draft.text === 'string' ? draft : null;
  } catch {
    return null; // not ours to understand: as if there were none
  }
}

/** At most the message limit, counted as the server counts (code points). */
function cut(text) {
  return tooLong(text) ? [...text].slice(0, MAX_CHARS).join('') : text;
}

/** The draft of a room, {text, replyTo} (replyTo null or {message_id, sender, message, file_name}), or null. */
export function load(user, roomId) {
  return shown(read(keyOf(user, roomId)));
}

/**
 * A change another tab of this browser made to one of the person's drafts (a `storage` event): {roomId, before, after},
 * the draft before and after it as load gives them; null when the event is about anything else.
 */
export function changeOf(event, user) {
  const match = KEY.exec(event.key ?? '');
  if (event.storageArea !== localStorage || !match || match[1] !== user) return null;
  return {roomId: Number(match[2]), before: shown(parse(event.oldValue)), after: shown(parse(event.newValue))};
}

function shown(draft) {
  if (!draft || !draft.text.trim()) return null;
  const reply = draft.reply_to;
  const replyTo = reply && Number.isInteger(reply.message_id) && typeof reply.sender === 'string'
    ? {message_id: reply.message_id, sender: reply.sender, message: String(reply.message ?? ''), file_name: reply.file_name ?? null}
    : null;
  return {text: cut(draft.text), replyTo};
}

/** Keeps what is written in a room (with the message it answers, or null); nothing written removes the draft. */
export function save(user, roomId, text, replyTo) {
  const key = keyOf(user, roomId);
  if (!text.trim()) {
    localStorage.removeItem(key);
    return;
  }
  const fresh = localStorage.getItem(key) === null;
  const reply = replyTo ? {message_id: replyTo.message_id, sender: replyTo.sender,
    message: [...(replyTo.message ?? '')].slice(0, 200).join(''), file_name: replyTo.file_name ?? null} : null;
  try {
    localStorage.setItem(key, JSON.stringify({text: cut(text), reply_to: reply, at: Date.now()}));
  } catch {
    return; // the browser's storage is full: the draft is not kept, the composer still holds it
  }
  if (fresh) bound(user);
}

/** The MAX_DRAFTS most recently written drafts of the person stay. */
function bound(user) {
  const keys = keysOf(user);
  if (keys.length <= MAX_DRAFTS) return;
  const at = (entry) => read(entry.key)?.at ?? 0;
  keys.map((entry) => ({...entry, at: at(entry)}))
    .sort((a, b) => b.at - a.at)
    .slice(MAX_DRAFTS)
    .forEach((entry) => localStorage.removeItem(entry.key));
}

/** The rooms the person has a draft in. */
export function rooms(user) {
  return new Set(keysOf(user).filter((entry) => read(entry.key)?.text.trim()).map((entry) => entry.roomId));
}

/** Removes every draft of the person (logging out). */
export function clear(user) {
  for (const entry of keysOf(user)) localStorage.removeItem(entry.key);
}
