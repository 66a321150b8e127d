// Who is logged in, and the tokens that prove it.
//
// The access token lives only in this module's memory: a reload or a new tab gets a fresh one.
// The refresh token never reaches JavaScript: the server keeps it in an HttpOnly, SameSite=Strict
// cookie scoped to /api/auth/web (see docs/web-client.md), so an injected script cannot read it and
// walk away with a week-long login. Refreshing rotates it; tabs take turns (Web Locks) so two tabs
// never present the same refresh token, which the server would treat as stolen and end the session.

const BASE = '/api/auth/web';
// Whether this browser holds a refresh cookie (which scripts cannot see): saves a refresh that
// can only fail on the login page. Not a secret, only a hint.
const HINT = 'chat.session';
// A logout the server did not hear of (the browser was offline): its refresh cookie still names a live session,
// which is ended as soon as the server can be reached. Not a secret, only a reminder.
const LOGOUT_PENDING = 'chat.logout-pending';
// renew a minute before expiry, or a third of the lifetime before it when tokens live shorter
const RENEW_BEFORE_MS = 60_000;

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/**
 * The server could not be reached at all (down, restarting, offline). Its message is for people, wherever it is
 * shown (the browser's own, such as "Failed to fetch", is kept as the cause).
 */
export class Unreachable extends Error {
  constructor(cause) {
    super('Cannot reach the server. Try again in a moment.', {cause});
  }
}

let accessToken = null;
let expiresAt = 0;
let renewTimer = 0;
let pendingRefresh = null;
const listeners = new Set();
const renewedListeners = new Set();
const channel = 'BroadcastChannel' in self ? new BroadcastChannel('chat-session') : null;

channel?.addEventListener('message', (event) => {
  if (event.data === 'logged-out') forget();
});

/** Called with no argument when the session ends (logout here or in another tab, refresh refused). */
export function onSessionEnd(listener) {
  listeners.add(listener);
}

/**
 * Called with the new access token after every renewal (and log-in), so that open WebSockets can
 * hand it to the server (`auth` frame) before the token they were opened with expires.
 */
export function onTokenRenewed(listener) {
  renewedListeners.add(listener);
  return () => renewedListeners.delete(listener);
}

export function hasToken() {
  return accessToken !== null;
}

export async function readError(response) {
  let detail = response.statusText || `HTTP ${response.status}`;
  try {
    detail = problemText(await response.json()) ?? detail;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, detail);
}

/**
 * What a problem answer says, for a person: a 422's field messages without the field names the API puts before
 * them ("username: username may contain …" reads "username may contain …"), times in the reader's own time zone.
 */
export function problemText(body) {
  if (!body) return null;
  const messages = Array.isArray(body.errors) ? body.errors.map((e) => e?.message).filter((m) => typeof m === 'string') : [];
  const text = messages.length ? messages.join('; ') : typeof body.detail === 'string' ? body.detail : null;
  return text === null ? null : localTimes(text);
}

/** ISO instants in a text ("… muted until 2026-12-06T15:06:35Z") as the reader's local date and time. */
export function localTimes(text) {
  return text.replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b/g,
    (iso) => new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'}));
}

async function post(path, body, token) {
  const headers = {'content-type': 'application/json'};
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(BASE + path, {method: 'POST', headers, body: JSON.stringify(body ?? {}),
      credentials: 'same-origin', cache: 'no-store'});
  } catch (e) {
    throw new Unreachable(e);
  }
  if (!response.ok) throw await readError(response);
  return response.json();
}

function accept(answer) {
  localStorage.setItem(HINT, '1');
  accessToken = answer.access_token;
  const ttl = Math.max(10, Number(answer.expires_in) || 900) * 1000;
  expiresAt = Date.now() + ttl;
  clearTimeout(renewTimer);
  renewTimer = setTimeout(() => refresh().catch(() => {}), Math.max(5_000, ttl - Math.min(RENEW_BEFORE_MS, ttl / 3)));
  renewedListeners.forEach((listener) => listener(accessToken));
}

function forget() {
  localStorage.removeItem(HINT);
  const had = accessToken !== null;
  accessToken = null;
  expiresAt = 0;
  clearTimeout(renewTimer);
  if (had) listeners.forEach((listener) => listener());
}

export async function logIn(username, password) {
  await endPendingLogout();
  accept(await post('/login', {username, password}));
}

export async function signUp(username, password) {
  await endPendingLogout();
  accept(await post('/signup', {username, password}));
}

/** Whether a session may be restored from the refresh cookie without asking for a password. */
export function mayResume() {
  return localStorage.getItem(HINT) === '1';
}

/** Trades the refresh cookie for a new access token (and a new cookie). One at a time across tabs. */
export function refresh() {
  if (!pendingRefresh) {
    const run = async () => {
      try {
        accept(await post('/refresh'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) forget();
        throw e;
      }
    };
    const locked = navigator.locks ? navigator.locks.request('chat-session-refresh', run) : run();
    pendingRefresh = locked.finally(() => { pendingRefresh = null; });
  }
  return pendingRefresh;
}

/** A usable access token, renewed first when it is about to expire. */
export async function token() {
  if (accessToken && Date.now() < expiresAt - 5_000) return accessToken;
  await refresh();
  return accessToken;
}

export async function logOut() {
  try {
    // the refresh cookie names the session, so an expired access token needs no refresh first
    if (accessToken || mayResume()) await post('/logout', {}, accessToken);
  } catch (e) {
    // unheard, the session would live on in the cookie until it expires, and be listed among the person's devices
    if (e instanceof Unreachable) localStorage.setItem(LOGOUT_PENDING, '1');
    throw e;
  } finally {
    forget();
    channel?.postMessage('logged-out');
  }
}

let endingLogout = null;
let logoutRetry = 0;
let logoutRetryMs = 1000;

/**
 * Ends the session of a logout the server did not hear of, once it can be reached: when the page starts, when the
 * browser comes back online (and again, less and less often, while the server cannot be reached), and before a login
 * or sign-up (whose new cookie the logout's answer would clear).
 */
export function endPendingLogout() {
  if (localStorage.getItem(LOGOUT_PENDING) !== '1') return Promise.resolve();
  if (!endingLogout) {
    clearTimeout(logoutRetry);
    endingLogout = post('/logout', {})
      .then(() => localStorage.removeItem(LOGOUT_PENDING))
      .catch((e) => {
        // refused: the session is over already (or the cookie gone); unreachable: tried again later
        if (e instanceof ApiError) localStorage.removeItem(LOGOUT_PENDING);
        else if (navigator.onLine) {
          logoutRetry = setTimeout(endPendingLogout, logoutRetryMs);
          logoutRetryMs = Math.min(logoutRetryMs * 2, 60_000);
        }
      })
      .finally(() => { endingLogout = null; });
  }
  return endingLogout;
}

addEventListener('online', () => endPendingLogout());
endPendingLogout();
