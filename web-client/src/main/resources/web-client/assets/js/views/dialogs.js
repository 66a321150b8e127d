// Modal dialogs on the native <dialog> element: focus moves in, Escape closes, focus returns.
import {h, icon, setChildren} from '../dom.js';
import * as api from '../wire/api.js';
import {colourSlot, initial} from '../format.js';

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

/** Asks for a name and privacy; resolves with the created room, or null if cancelled. */
export function newRoomDialog() {
  return new Promise((resolve) => {
    const error = h('p', {class: 'form-error', role: 'alert'});
    const name = h('input', {id: 'new-room-name', required: true, maxlength: 64, autocomplete: 'off'});
    const priv = h('input', {id: 'new-room-private', type: 'checkbox'});
    let created = null;
    const form = h('form', {class: 'dialog-body', onsubmit: async (e) => {
      e.preventDefault();
      setChildren(error);
      try {
        created = await api.createRoom(name.value.trim(), priv.checked);
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

/**
 * The members of a room. In a private room its creator (the first member: the creator joins first
 * and cannot leave) may add and remove people; everyone else sees the list.
 */
export async function membersDialog(room, me, toast) {
  const list = h('ul', {class: 'member-list', 'aria-label': 'Members'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  let canManage = false;

  async function reload() {
    const members = await api.listMembers(room.id);
    canManage = room.is_private && members[0]?.username === me;
    setChildren(list, members.map((m) => h('li', null,
      h('span', {class: `avatar small av-${colourSlot(m.username)}`, 'aria-hidden': 'true'}, initial(m.username)),
      h('span', {class: 'member-name'}, m.username, m.username === me ? h('span', {class: 'muted'}, ' (you)') : null),
      canManage && m.username !== me
        ? h('button', {type: 'button', class: 'link danger-text', 'aria-label': `Remove ${m.username}`,
          onclick: async () => {
            try {
              await api.removeMember(room.id, m.username);
              toast(`Removed ${m.username}`);
              await reload();
            } catch (e) {
              setChildren(error, e.message);
            }
          }}, 'Remove')
        : null)));
    addForm.hidden = !canManage;
  }

  const who = h('input', {id: 'add-member-name', autocomplete: 'off', required: true, maxlength: 32});
  const addForm = h('form', {class: 'inline-form', hidden: true, onsubmit: async (e) => {
    e.preventDefault();
    setChildren(error);
    try {
      await api.addMember(room.id, who.value.trim());
      toast(`Added ${who.value.trim()}`);
      who.value = '';
      await reload();
    } catch (err) {
      setChildren(error, err.message);
    }
  }},
  h('label', {for: 'add-member-name'}, 'Add someone by username'),
  h('div', {class: 'row'}, who, h('button', {type: 'submit', class: 'primary'}, 'Add')));

  const dialog = modal(`Members of ${room.name}`, h('div', {class: 'dialog-body'}, list, addForm, error));
  try {
    await reload();
  } catch (e) {
    setChildren(error, e.message);
  }
  (canManage ? who : dialog.querySelector('.icon-button')).focus();
}

