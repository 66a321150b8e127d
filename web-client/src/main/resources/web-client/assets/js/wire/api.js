// The REST calls this client makes, one function each, named as a person would say them.
// Paths and keys are those of docs/API.md; nothing else in the client builds a URL.
import {del, get, patch, post, put, upload} from './http.js';

const id = (value) => encodeURIComponent(String(value));

export const me = () => get('/api/auth/me');
/** The caller's profile and settings: {id, username, created_at, share_read_receipts}. */
export const myProfile = () => get('/api/users/me');
export const updateMe = (changes) => patch('/api/users/me', changes);
/** Someone's presence: {id, username, status, last_seen}. */
export const user = (username) => get(`/api/users/${id(username)}`);
export const changePassword = (current, next) => post('/api/auth/password', {current_password: current, new_password: next});
/** Ends every other session of this person: {message, sessions_ended}. */
export const logOutOthers = () => post('/api/auth/logout-others');
/** This person's sessions that still work, the one used last first: [{id, device, created_at, last_used_at, current}]. */
export const sessions = () => get('/api/auth/sessions');
/** Ends one other session of this person (a lost phone); their own is refused (409): that is a logout. */
export const endSession = (sessionId) => del(`/api/auth/sessions/${id(sessionId)}`);

export const listRooms = () => get('/api/rooms?limit=500');
export const getRoom = (roomId) => get(`/api/rooms/${id(roomId)}`);
/** Where the caller stands in a room: {member, role, banned}. */
export const standing = (roomId) => get(`/api/rooms/${id(roomId)}/me`);
export const createRoom = (name, isPrivate) => post('/api/rooms', {name, private: isPrivate});
export const joinRoom = (roomId) => post(`/api/rooms/${id(roomId)}/join`);
export const leaveRoom = (roomId) => post(`/api/rooms/${id(roomId)}/leave`);
/** Marks the room read: everything, or up to a message (`up_to`, where the server has read receipts). */
export const markRead = (roomId, upTo) => post(`/api/rooms/${id(roomId)}/mark-read`, upTo ? {up_to: upTo} : undefined);

/** The messages that mention the caller, newest first, across their rooms (a page before a message id). */
export function mentions(before, limit = 30) {
  const query = new URLSearchParams({limit: String(limit)});
  if (before) query.set('before', String(before));
  return get(`/api/mentions?${query}`);
}

/** Opens (or finds) the direct message with a user: the room list item, `kind` `dm`, `peer` them. */
export const openDm = (username) => post('/api/dms', {username});

export const listMembers = (roomId) => get(`/api/rooms/${id(roomId)}/members`);
export const addMember = (roomId, username) => post(`/api/rooms/${id(roomId)}/members`, {username});
export const removeMember = (roomId, username) => del(`/api/rooms/${id(roomId)}/members/${id(username)}`);

/** A page of history, oldest first: the newest `limit`, or those before / after a message id. */
export function history(roomId, {before, after, limit = 50} = {}) {
  const query = new URLSearchParams({limit: String(limit)});
  if (before) query.set('before', String(before));
  if (after) query.set('after', String(after));
  return get(`/api/messages/${id(roomId)}?${query}`);
}

/**
 * The messages around one: up to `half` before it and the message itself, up to `half` after it,
 * and the room's newest message id (where a live connection picks up). Oldest first.
 */
export async function historyAround(roomId, messageId, half = 25) {
  const [older, newer, newest] = await Promise.all([
    history(roomId, {before: messageId + 1, limit: half + 1}),
    history(roomId, {after: messageId, limit: half}),
    history(roomId, {limit: 1}),
  ]);
  return {
    items: [...older, ...newer],
    reachedStart: older.length < half + 1,
    reachedEnd: newer.length < half,
    newestId: newest.length ? newest[0].message_id : 0,
  };
}

/** Messages matching `q` (docs/API.md "Search"), newest first: {results: [item + highlight], next_before}. */
export function search({q, roomId, from, before, limit = 20}) {
  const query = new URLSearchParams({q, limit: String(limit)});
  if (roomId) query.set('room_id', String(roomId));
  if (from) query.set('from', from);
  if (before) query.set('before', String(before));
  return get(`/api/search?${query}`);
}

export const availableReactions = () => get('/api/reactions/available');

/** The largest file an upload may be, in bytes, and the refusal of a larger one: {max_file_size, too_large_detail}. */
export const uploadLimits = () => get('/api/upload-limits');
export const uploadFile = (file, onProgress, signal) => upload('/api/upload-file', file, onProgress, signal);

/** Only files this server serves are ever shown or linked (never a URL from elsewhere). */
export function fileUrl(url) {
  return typeof url === 'string' && /^\/api\/files\/[A-Za-z0-9._-]+$/.test(url) ? url : null;
}

export const addReaction = (messageId, reactionType) =>
  post('/api/reactions/add', {message_id: messageId, reaction_type: reactionType});
export const removeReaction = (messageId) => del(`/api/reactions/remove/${id(messageId)}`);

// ---- messages that live (docs/API.md "Edit a message" … "Changes since a cursor") ----

const messagePath = (roomId, messageId) => `/api/rooms/${id(roomId)}/messages/${id(messageId)}`;

export const editMessage = (roomId, messageId, content) => patch(messagePath(roomId, messageId), {content});
export const deleteMessage = (roomId, messageId) => del(messagePath(roomId, messageId));
export const pin = (roomId, messageId) => post(`${messagePath(roomId, messageId)}/pin`);
export const unpin = (roomId, messageId) => del(`${messagePath(roomId, messageId)}/pin`);
export const listPins = (roomId) => get(`/api/rooms/${id(roomId)}/pins`);
export const replies = (roomId, messageId, limit = 100) => get(`${messagePath(roomId, messageId)}/replies?limit=${limit}`);

/** The room's changes after a cursor, in order: {changes: [frames], cursor, has_more}. */
export function changes(roomId, since, limit = 200) {
  const query = new URLSearchParams({limit: String(limit)});
  if (since) query.set('since', since);
  return get(`/api/rooms/${id(roomId)}/changes?${query}`);
}

// ---- moderation (docs/API.md "Moderation") ----

export const setRole = (roomId, username, role) => put(`/api/rooms/${id(roomId)}/members/${id(username)}/role`, {role});
export const mute = (roomId, username, minutes) => post(`/api/rooms/${id(roomId)}/mutes`, {username, minutes});
export const unmute = (roomId, username) => del(`/api/rooms/${id(roomId)}/mutes/${id(username)}`);
export const ban = (roomId, username) => post(`/api/rooms/${id(roomId)}/bans`, {username});
export const unban = (roomId, username) => del(`/api/rooms/${id(roomId)}/bans/${id(username)}`);
export const seenBy = (roomId, messageId) => get(`${messagePath(roomId, messageId)}/seen-by`);
export const audit = (roomId, limit = 50) => get(`/api/rooms/${id(roomId)}/audit?limit=${limit}`);
