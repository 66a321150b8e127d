// Messages sent but not yet acknowledged by the server. Kept in sessionStorage, so a reload or a
// crash of the tab does not lose them: they are shown as pending and sent again with the same
// client_id, which the server uses to store each message once.

const KEY = 'chat.outbox';

function load() {
  try {
    const entries = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(entries) ? entries : [];
  } catch {
    return [];
  }
}

function save(entries) {
  sessionStorage.setItem(KEY, JSON.stringify(entries));
}

/** The pending frames of one user in one room, oldest first. */
export function pending(user, roomId) {
  return load().filter((e) => e.user === user && e.roomId === roomId);
}

export function add(user, roomId, frame) {
  save([...load(), {user, roomId, frame}]);
}

export function remove(clientId) {
  save(load().filter((e) => e.frame.client_id !== clientId));
}

/** How many frames of this user wait to be sent, in every room. */
export function count(user) {
  return load().filter((e) => e.user === user).length;
}

export function clear() {
  sessionStorage.removeItem(KEY);
}
