// Small formatting helpers; all return plain strings.

const timeFormat = new Intl.DateTimeFormat(undefined, {hour: 'numeric', minute: '2-digit'});
const dayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'long', month: 'long', day: 'numeric'});
const fullFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'full', timeStyle: 'short'});

export const time = (iso) => timeFormat.format(new Date(iso));
export const fullTime = (iso) => fullFormat.format(new Date(iso));

export function day(iso) {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (date.toDateString() === today.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return dayFormat.format(date);
}

/** When something happened, as short as is clear: "10:42" today, "Yesterday, 10:42", "Monday, December 7, 10:42". */
export function dayAndTime(iso) {
  const which = day(iso);
  return which === 'Today' ? time(iso) : `${which}, ${time(iso)}`;
}

export function size(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A stable colour slot (0–7) for a name, so people keep their avatar colour everywhere. */
export function colourSlot(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 8;
}

export function initial(name) {
  return (Array.from(name)[0] ?? '?').toUpperCase();
}

/** An id for a message this client sends: 32 hex characters, made where crypto.randomUUID is not (plain http). */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'w-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A room as a person names it: a direct message by the other person's name (`kind` `dm`, `peer`). */
export const isDm = (room) => room?.kind === 'dm';
export const roomName = (room) => (isDm(room) && room.peer ? room.peer : room.name);
