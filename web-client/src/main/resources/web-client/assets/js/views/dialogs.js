// Modal dialogs on the native <dialog> element: focus moves in, Escape closes, focus returns.
import {h, icon, setChildren} from '../dom.js';
import * as api from '../wire/api.js';
import {colourSlot, dayAndTime, fullTime, initial, roomName, time, day} from '../format.js';

function modal(titleText, ...content) {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId},
    h('div', {class: 'dialog-head'},
      h('h2', {id: titleId}, titleText),
      h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => dialog.close()}, icon('close'))),
    ...content);
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** The server's limit of a room's name, in characters (code points; docs/API.md "Rooms"). */
const ROOM_NAME_MAX = 64;

/** Asks for a name and privacy; resolves with the created room, or null if cancelled. */
export function newRoomDialog() {
  return new Promise((resolve) => {
    const error = h('p', {class: 'form-error', role: 'alert'});
    // no maxlength: it counts UTF-16 units, two for an emoji, where the server counts characters (code points)
    const name = h('input', {id: 'new-room-name', required: true, autocomplete: 'off'});
    const priv = h('input', {id: 'new-room-private', type: 'checkbox'});
    let created = null;
    const form = h('form', {class: 'dialog-body', onsubmit: async (e) => {
      e.preventDefault();
      setChildren(error);
      const chosen = name.value.trim();
      const length = [...chosen].length;
      if (length > ROOM_NAME_MAX) {
        setChildren(error, `A room name can be at most ${ROOM_NAME_MAX} characters; this one has ${length}.`);
        return;
      }
      try {
        created = await api.createRoom(chosen, priv.checked);
        dialog.close();
      } catch (err) {
        setChildren(error, err.message);
      }
    }},
    h('label', {for: 'new-room-name'}, 'Name'), name,
    h('div', {class: 'check'}, priv, h('label', {for: 'new-room-private'}, 'Private: only people you add can see it')),
    error,
    h('div', {class: 'dialog-actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel'),
      h('button', {type: 'submit', class: 'primary'}, 'Create room')));
    const dialog = modal('New room', form);
    dialog.addEventListener('close', () => resolve(created));
    name.focus();
  });
}

/** Resolves true when the person confirms. */
export function confirmDialog(title, text, action) {
  return new Promise((resolve) => {
    let ok = false;
    const dialog = modal(title,
      h('div', {class: 'dialog-body'},
        h('p', null, text),
        h('div', {class: 'dialog-actions'},
          h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel'),
          h('button', {type: 'button', class: 'danger', onclick: () => { ok = true; dialog.close(); }}, action))));
    dialog.addEventListener('close', () => resolve(ok));
    dialog.querySelector('.dialog-actions .secondary').focus();
  });
}

/** Asks for a username and opens the direct message with them; resolves with the room, or null. */
export function messageSomeoneDialog() {
  return new Promise((resolve) => {
    const error = h('p', {class: 'form-error', role: 'alert'});
    const name = h('input', {id: 'dm-username', required: true, maxlength: 32, autocomplete: 'off', autocapitalize: 'none'});
    let opened = null;
    const form = h('form', {class: 'dialog-body', onsubmit: async (e) => {
      e.preventDefault();
      setChildren(error);
      try {
        opened = await api.openDm(name.value.trim());
        dialog.close();
      } catch (err) {
        setChildren(error, err.message);
      }
    }},
    h('label', {for: 'dm-username'}, 'Username'), name,
    error,
    h('div', {class: 'dialog-actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => dialog.close()}, 'Cancel'),
      h('button', {type: 'submit', class: 'primary'}, 'Open conversation')));
    const dialog = modal('Message someone', form);
    dialog.addEventListener('close', () => resolve(opened));
    name.focus();
  });
}

/**
 * The person's settings: whether others see how far they have read (PATCH /api/users/me), and a new password
 * (POST /api/auth/password), after which their other devices are logged out and this one stays.
 */
export async function settingsDialog(me, toast) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const share = h('input', {id: 'share-read-receipts', type: 'checkbox', disabled: true, 'aria-describedby': 'share-read-receipts-hint',
    onchange: async () => {
      setChildren(error);
      share.disabled = true;
      try {
        const profile = await api.updateMe({share_read_receipts: share.checked});
        share.checked = profile.share_read_receipts === true;
        toast(share.checked ? 'Others see how far you have read' : 'Others no longer see how far you have read');
      } catch (e) {
        share.checked = !share.checked;
        setChildren(error, e.message);
      } finally {
        share.disabled = false;
      }
    }});
  const dialog = modal('Settings', h('div', {class: 'dialog-body'},
    h('div', {class: 'check'}, share, h('label', {for: 'share-read-receipts'}, 'Share read receipts')),
    h('p', {id: 'share-read-receipts-hint', class: 'muted'},
      'When off, you appear in no "seen by" list and others do not see how far you have read. You still see your own unread counts.'),
    error,
    passwordForm(me, toast),
    otherDevices(toast),
    h('div', {class: 'dialog-actions'}, h('button', {type: 'button', class: 'primary', onclick: () => dialog.close()}, 'Done'))));
  try {
    const profile = await api.myProfile();
    if (typeof profile.share_read_receipts === 'boolean') {
      share.checked = profile.share_read_receipts;
      share.disabled = false;
      share.focus();
    } else {
      setChildren(error, 'This server has no read-receipt setting.');
    }
  } catch (e) {
    setChildren(error, e.message);
  }
}

function passwordForm(me, toast) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  // whose password this is, for a password manager to update the right entry (hidden: the person knows)
  const username = h('input', {type: 'text', name: 'username', autocomplete: 'username', value: me, readonly: true,
    hidden: true});
  const current = h('input', {id: 'current-password', type: 'password', autocomplete: 'current-password', required: true});
  const next = h('input', {id: 'new-password', type: 'password', autocomplete: 'new-password', required: true,
    minlength: 8, 'aria-describedby': 'new-password-hint'});
  const submit = h('button', {type: 'submit', class: 'secondary'}, 'Change password');
  return h('form', {class: 'password-form', 'aria-labelledby': 'change-password-title', onsubmit: async (e) => {
    e.preventDefault();
    setChildren(error);
    submit.disabled = true;
    try {
      await api.changePassword(current.value, next.value);
      current.value = '';
      next.value = '';
      toast('Password changed. Your other devices are logged out.');
    } catch (err) {
      // the server names the field as the API does ("new_password must be at most 72 bytes in UTF-8")
      setChildren(error, err.message.replace(/^new_password\b/, 'The new password'));
    } finally {
      submit.disabled = false;
    }
  }},
  h('h3', {id: 'change-password-title'}, 'Password'),
  username,
  h('label', {for: 'current-password'}, 'Current password'), current,
  h('label', {for: 'new-password'}, 'New password'), next,
  h('p', {id: 'new-password-hint', class: 'muted'}, 'At least 8 characters. Your other devices will be logged out.'),
  error,
  h('div', {class: 'dialog-actions'}, submit));
}

/**
 * The person's devices (their sessions that still work, the one used last first) with a "Log out" for each other one
 * (a phone they lost), and "Log out other devices" for all of them at once; this one stays. A server without the list
 * (before 2026-12-07) shows the button alone.
 */
function otherDevices(toast) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const list = h('ul', {class: 'device-list', 'aria-label': 'Your devices', hidden: true});

  async function reload() {
    let sessions;
    try {
      sessions = await api.sessions();
    } catch (e) {
      if (e.status !== 404) setChildren(error, e.message);
      return;
    }
    setChildren(list, sessions.map((s) => h('li', {'data-session': String(s.id)},
      h('span', {class: 'device-name'}, s.device, s.current ? h('span', {class: 'muted'}, ' (this device)') : null),
      h('span', {class: 'muted device-used', title: fullTime(s.last_used_at)}, `Last used ${dayAndTime(s.last_used_at)}`),
      s.current ? null : h('button', {type: 'button', class: 'link danger-text', 'aria-label': `Log out ${s.device}`,
        onclick: (e) => endOne(s, e.currentTarget)}, 'Log out'))));
    list.hidden = false;
  }

  async function endOne(session, button) {
    setChildren(error);
    button.disabled = true;
    try {
      await api.endSession(session.id);
      toast(`Logged out of ${session.device}.`);
    } catch (e) {
      // ended meanwhile (404): the list below no longer shows it either
      if (e.status !== 404) setChildren(error, e.message);
    }
    await reload();
  }

  const button = h('button', {type: 'button', class: 'secondary', onclick: async () => {
    setChildren(error);
    button.disabled = true;
    try {
      const ended = (await api.logOutOthers()).sessions_ended;
      toast(ended === 0 ? 'No other device was logged in.'
        : ended === 1 ? 'Logged out of 1 other device.' : `Logged out of ${ended} other devices.`);
    } catch (e) {
      setChildren(error, e.message);
    } finally {
      button.disabled = false;
    }
    await reload();
  }}, 'Log out other devices');
  reload();
  return h('section', {class: 'other-devices', 'aria-labelledby': 'other-devices-title'},
    h('h3', {id: 'other-devices-title'}, 'Devices'),
    list,
    h('p', {class: 'muted'}, 'Every other device logged in as you has to log in again. This one stays.'),
    error,
    h('div', {class: 'dialog-actions'}, button));
}

const MUTE_MINUTES = 60;

/**
 * The members of a room and what may be done about them. Where the server names roles (issue 10
 * moderation), the owner names moderators, and the owner and moderators mute, ban and (in private
 * rooms) remove members, and read the audit log. Otherwise the creator of a private room (its first
 * member) adds and removes people; everyone else sees the list. read() reads the list as the page does (with the
 * presence told since it was asked for), learned(members) tells the room's page what a list read here says; follow(draw) has the page draw every list it reads into the open dialog (its 30 s refresh, someone coming or
 * going), so that a role given or taken, a ban or a removal shows without opening it again, and returns what stops it.
 */
export async function membersDialog(room, {me, toast, read, learned, follow}) {
  const list = h('ul', {class: 'member-list', 'aria-label': 'Members'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const auditButton = h('button', {type: 'button', class: 'secondary small', hidden: true, onclick: () => auditDialog(room, toast)},
    'Audit log');
  let canAdd = false;

  async function run(work, done) {
    setChildren(error);
    try {
      await work();
      if (done) toast(done);
      await reload();
    } catch (e) {
      setChildren(error, e.message);
    }
  }

  async function reload() {
    const members = await read();
    draw(members);
    learned(members);
  }

  let drawn = '';
  function draw(members) {
    // the same list again (the page's refresh, or this dialog's own read told to the page) changes nothing
    const shown = JSON.stringify(members);
    if (shown === drawn) return;
    drawn = shown;
    // a button with the focus keeps it when drawn again, as far as it is still offered
    const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
    const roles = members.some((m) => typeof m.role === 'string');
    const mine = members.find((m) => m.username === me)?.role;
    const owner = roles ? mine === 'owner' : room.is_private && members[0]?.username === me;
    const moderates = owner || mine === 'moderator';
    canAdd = room.is_private && owner;
    // who may act on whom: nobody on the owner, a moderator on plain members only
    const mayModerate = (m) => roles && moderates && m.username !== me && m.role !== 'owner' && (owner || m.role === 'member');
    setChildren(list, members.map((m) => {
      const act = (label, work, done) => h('button', {type: 'button', class: 'link', 'aria-label': `${label} ${m.username}`,
        onclick: () => run(work, done)}, label);
      const tools = [];
      if (roles && owner && m.role !== 'owner') {
        tools.push(m.role === 'moderator'
          ? act('Make member', () => api.setRole(room.id, m.username, 'member'), `${m.username} is now a member`)
          : act('Make moderator', () => api.setRole(room.id, m.username, 'moderator'), `${m.username} is now a moderator`));
      }
      if (mayModerate(m)) {
        // the server lists only mutes in force; one that does not tell (no `muted_until` at all) gets both buttons
        const told = 'muted_until' in m;
        if (!told || !m.muted_until) {
          tools.push(act('Mute', () => api.mute(room.id, m.username, MUTE_MINUTES), `Muted ${m.username} for an hour`));
        }
        if (!told || m.muted_until) {
          tools.push(act('Unmute', () => api.unmute(room.id, m.username), `Unmuted ${m.username}`));
        }
        tools.push(h('button', {type: 'button', class: 'link danger-text', 'aria-label': `Ban ${m.username}`, onclick: async () => {
          if (await confirmDialog(`Ban ${m.username}?`, 'They leave the room at once and cannot come back until the ban is lifted.', 'Ban')) {
            await run(() => api.ban(room.id, m.username), `Banned ${m.username}`);
          }
        }}, 'Ban'));
      }
      if (room.is_private && m.username !== me && (roles ? mayModerate(m) : owner)) {
        tools.push(h('button', {type: 'button', class: 'link danger-text', 'aria-label': `Remove ${m.username}`,
          onclick: () => run(() => api.removeMember(room.id, m.username), `Removed ${m.username}`)}, 'Remove'));
      }
      return h('li', null,
        h('span', {class: `avatar small av-${colourSlot(m.username)}`, 'aria-hidden': 'true'}, initial(m.username)),
        h('span', {class: 'member-name'}, m.username, m.username === me ? h('span', {class: 'muted'}, ' (you)') : null),
        roles && m.role !== 'member' ? h('span', {class: 'role'}, m.role) : null,
        m.muted_until ? mutedUntil(m.muted_until) : null,
        presenceOf(m),
        tools.length ? h('span', {class: 'member-tools'}, tools) : null);
    }));
    addForm.hidden = !canAdd;
    auditButton.hidden = !(roles && moderates);
    if (focused) (list.querySelector(`[aria-label="${CSS.escape(focused)}"]`) ?? dialog.querySelector('.icon-button')).focus();
  }

  const who = h('input', {id: 'add-member-name', autocomplete: 'off', required: true, maxlength: 32});
  const addForm = h('form', {class: 'inline-form', hidden: true, onsubmit: async (e) => {
    e.preventDefault();
    const name = who.value.trim();
    await run(() => api.addMember(room.id, name), `Added ${name}`);
    if (!error.textContent) who.value = '';
  }},
  h('label', {for: 'add-member-name'}, 'Add someone by username'),
  h('div', {class: 'row'}, who, h('button', {type: 'submit', class: 'primary'}, 'Add')));

  const dialog = modal(`Members of ${roomName(room)}`, h('div', {class: 'dialog-body'}, list, addForm, error,
    h('div', {class: 'dialog-actions start'}, auditButton)));
  dialog.addEventListener('close', follow(draw));
  try {
    await reload();
  } catch (e) {
    setChildren(error, e.message);
  }
  (canAdd ? who : dialog.querySelector('.icon-button')).focus();
}

const AUDIT_WORDS = {
  role_changed: (e) => `made ${e.target} ${e.role === 'moderator' ? 'a moderator' : 'a member'}`,
  muted: (e) => `muted ${e.target}${e.muted_until ? ` until ${fullTime(e.muted_until)}` : ''}`,
  unmuted: (e) => `unmuted ${e.target}`,
  banned: (e) => `banned ${e.target}`,
  unbanned: (e) => `lifted the ban of ${e.target}`,
  member_removed: (e) => `removed ${e.target}`,
  message_deleted: (e) => `deleted a message of ${e.target}`,
};

/** The room's audit log, newest first; a ban can be lifted from its entry. */
export async function auditDialog(room, toast) {
  const list = h('ol', {class: 'audit-list', 'aria-label': 'Audit log'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  async function reload() {
    const entries = await api.audit(room.id, 50);
    setChildren(list, entries.length === 0 ? h('li', {class: 'muted'}, 'Nothing yet.') : entries.map((e) => h('li', null,
      h('time', {datetime: e.timestamp, title: fullTime(e.timestamp)}, `${day(e.timestamp)}, ${time(e.timestamp)}`),
      h('span', null, h('strong', null, e.actor), ' ', (AUDIT_WORDS[e.action] ?? ((x) => `${x.action} ${x.target ?? ''}`))(e)),
      e.action === 'banned' ? h('button', {type: 'button', class: 'link', 'aria-label': `Lift the ban of ${e.target}`, onclick: async () => {
        try {
          await api.unban(room.id, e.target);
          toast(`Lifted the ban of ${e.target}`);
          await reload();
        } catch (err) {
          setChildren(error, err.message);
        }
      }}, 'Lift ban') : null)));
  }
  const dialog = modal(`Audit log of ${room.name}`, h('div', {class: 'dialog-body'}, list, error));
  try {
    await reload();
  } catch (e) {
    setChildren(error, e.message);
  }
  dialog.querySelector('.icon-button').focus();
}

/** A message in a dialog list: who, when, what (as text). */
function summary(item) {
  return [
    h('span', {class: 'hit-head'}, h('span', {class: 'sender'}, item.sender),
      h('time', {datetime: item.timestamp, title: fullTime(item.timestamp)}, `${day(item.timestamp)}, ${time(item.timestamp)}`)),
    h('span', {class: 'highlight', dir: 'auto'}, item.deleted ? 'This message was deleted.' : (item.message || item.file_name || 'a file')),
  ];
}

/** The pinned messages of a room, newest pin first; each opens the room at it. ctx: moderates, jump(id), unpin(item). */
export async function pinsDialog(room, ctx) {
  const list = h('ol', {class: 'hits', 'aria-label': 'Pinned messages'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const dialog = modal(`Pinned in ${room.name}`, h('div', {class: 'dialog-body'}, list, error));
  try {
    const pins = await api.listPins(room.id);
    setChildren(list, pins.length === 0 ? h('li', {class: 'muted'}, 'No pinned messages.') : pins.map((p) => h('li', {class: 'pin-row'},
      h('a', {class: 'hit', href: `#/rooms/${room.id}/m/${p.message_id}`, onclick: () => dialog.close()}, summary(p),
        h('span', {class: 'muted small-text'}, `Pinned by ${p.pinned_by}`)),
      ctx.moderates ? h('button', {type: 'button', class: 'link', 'aria-label': `Unpin the message of ${p.sender}`,
        onclick: async () => { await ctx.unpin(p); dialog.close(); }}, 'Unpin') : null)));
  } catch (e) {
    setChildren(error, e.message);
  }
  (list.querySelector('a') ?? dialog.querySelector('.icon-button')).focus();
}

/** A message and its replies, oldest first. ctx: jump(id), reply(item) or null. */
export async function threadDialog(room, parent, ctx) {
  const list = h('ol', {class: 'hits', 'aria-label': 'Replies'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const dialog = modal(`Replies to ${parent.sender}`, h('div', {class: 'dialog-body'},
    h('div', {class: 'thread-parent'}, summary(parent)),
    list, error,
    ctx.reply ? h('div', {class: 'dialog-actions'}, h('button', {type: 'button', class: 'primary', onclick: () => {
      dialog.close();
      ctx.reply(parent);
    }}, 'Reply')) : null));
  try {
    const replies = await api.replies(room.id, parent.message_id);
    setChildren(list, replies.map((r) => h('li', null,
      h('a', {class: 'hit', href: `#/rooms/${room.id}/m/${r.message_id}`, onclick: () => dialog.close()}, summary(r)))));
  } catch (e) {
    setChildren(error, e.message);
  }
  (list.querySelector('a') ?? dialog.querySelector('.icon-button')).focus();
}

/** Until when a member is muted, where the server tells it (to moderators): a time today, else its day too. */
function mutedUntil(until) {
  const when = day(until) === 'Today' ? time(until) : `${day(until)}, ${time(until)}`;
  return h('span', {class: 'muted small-text', title: fullTime(until)}, `muted until ${when}`);
}

/** A member's presence, where the server tells it: a dot and words ("online", "last seen …"). */
export function presenceOf(m) {
  if (!m.status) return null;
  const words = m.status === 'offline'
    ? (m.last_seen ? `last seen ${day(m.last_seen).toLowerCase() === 'today' ? time(m.last_seen) : `${day(m.last_seen)}, ${time(m.last_seen)}`}` : 'offline')
    : m.status;
  // known by the name, so that a live change of it (App.presenceChanged) finds where it is shown
  return h('span', {class: `presence ${m.status}`, title: m.last_seen ? fullTime(m.last_seen) : null, 'data-username': m.username},
    h('span', {class: 'dot', 'aria-hidden': 'true'}), words);
}

/** Who has read one's message, in the order they read it. */
export async function seenByDialog(room, item) {
  const list = h('ul', {class: 'member-list', 'aria-label': 'Seen by'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const dialog = modal('Seen by', h('div', {class: 'dialog-body'}, h('div', {class: 'thread-parent'}, summary(item)), list, error));
  try {
    const readers = await api.seenBy(room.id, item.message_id);
    setChildren(list, readers.length === 0 ? h('li', {class: 'muted'}, 'Nobody yet.') : readers.map((r) => h('li', null,
      h('span', {class: `avatar small av-${colourSlot(r.username)}`, 'aria-hidden': 'true'}, initial(r.username)),
      h('span', {class: 'member-name'}, r.username),
      r.read_at ? h('time', {class: 'muted', datetime: r.read_at, title: fullTime(r.read_at)}, `${day(r.read_at)}, ${time(r.read_at)}`) : null)));
  } catch (e) {
    setChildren(error, e.message);
  }
  dialog.querySelector('.icon-button').focus();
}
