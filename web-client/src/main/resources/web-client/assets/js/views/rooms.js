// The list of rooms: names (a direct message by the peer's), last message, unread and mention badges, a "Draft" mark; a new-room button; who is logged in.
// The items come from GET /api/rooms and, live, from the tab's /ws/user stream (App.startStream: room_added,
// room_removed, unread); without the stream the list is read again every 20 seconds. The person's own rooms (those
// they are a member of, as the stream says) come first; public rooms they are not in are apart, under "Browse public
// rooms", a section the person may fold (kept folded across reloads).
import {h, icon, redraw, setChildren} from '../dom.js';
import {colourSlot, initial, isDm, roomName} from '../format.js';

const BROWSE_FOLDED = 'chat.browse-folded';

/** opts: me, isMine(room) (one of the person's own rooms, or one of the public rooms to browse), drafted() (the ids of the rooms with a draft), presence(username) ({status} of a DM's peer, or null), onNewRoom(), onMessageSomeone(), onSettings(), onLogOut(), onSearch(q). Returns {el, render(rooms, currentId)}. */
export function roomList(opts) {
  const list = h('ul', {class: 'room-list', 'aria-label': 'My rooms'});
  const publicList = h('ul', {class: 'room-list', 'aria-label': 'Public rooms'});
  const publicCount = h('span', {class: 'count'});
  const browse = h('details', {class: 'browse', open: localStorage.getItem(BROWSE_FOLDED) !== '1',
    ontoggle: () => localStorage.setItem(BROWSE_FOLDED, browse.open ? '0' : '1')},
  h('summary', null, 'Browse public rooms', publicCount), publicList);
  const filter = h('input', {type: 'search', id: 'room-filter', placeholder: 'Find a room', autocomplete: 'off',
    oninput: () => draw()});
  const search = h('input', {type: 'search', id: 'message-search', placeholder: 'Search messages', autocomplete: 'off',
    enterkeyhint: 'search', maxlength: 200});
  let rooms = [];
  let current = null;
  let drafted = new Set();

  const el = h('nav', {class: 'sidebar', 'aria-label': 'Rooms'},
    h('div', {class: 'sidebar-head'},
      h('div', {class: 'brand'}, h('img', {src: '/assets/icon.svg', alt: '', width: 28, height: 28}), h('span', null, 'Chat')),
      h('div', {class: 'sidebar-actions'},
        h('button', {type: 'button', class: 'primary small', onclick: opts.onNewRoom}, icon('plus'), h('span', null, 'New room')),
        h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Message someone', title: 'Message someone',
          onclick: opts.onMessageSomeone}, icon('person')))),
    h('form', {class: 'filter', role: 'search', 'aria-label': 'Message search', onsubmit: (e) => {
      e.preventDefault();
      if (search.value.trim()) opts.onSearch(search.value.trim());
    }}, h('label', {for: 'message-search', class: 'visually-hidden'}, 'Search messages'), search),
    h('div', {class: 'filter'}, h('label', {for: 'room-filter', class: 'visually-hidden'}, 'Find a room'), filter),
    h('div', {class: 'room-lists'}, list, browse),
    h('div', {class: 'me'},
      h('span', {class: `avatar small av-${colourSlot(opts.me)}`, 'aria-hidden': 'true'}, initial(opts.me)),
      h('span', {class: 'me-name', title: opts.me}, h('span', {class: 'visually-hidden'}, 'Logged in as '), opts.me),
      h('a', {href: '#/mentions', class: 'icon-button at', 'aria-label': 'Mentions', title: 'Mentions'}, h('span', {'aria-hidden': 'true'}, '@')),
      h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Settings', title: 'Settings', onclick: opts.onSettings}, icon('gear')),
      h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Log out', title: 'Log out', onclick: opts.onLogOut}, icon('logout'))));

  function draw() {
    const needle = filter.value.trim().toLowerCase();
    const shown = rooms.filter((r) => roomName(r).toLowerCase().includes(needle));
    const mine = [];
    const others = [];
    for (const room of shown) (opts.isMine(room) ? mine : others).push(room);
    const anyMine = rooms.some((r) => opts.isMine(r));
    drafted = opts.drafted();
    // a room opened with Enter keeps the focus on its link while the list is drawn again around it
    if (mine.length) redraw(list, mine.map(item));
    else {
      setChildren(list, h('li', {class: 'empty'}, anyMine ? 'None of your rooms matches.'
        : rooms.length ? 'You are in no room yet. Create one, or join a public room below.' : 'No rooms yet. Create the first one.'));
    }
    browse.hidden = others.length === 0;
    publicCount.textContent = ` (${others.length})`;
    redraw(publicList, others.map(item));
  }

  function item(room) {
    const last = room.last_message;
    const preview = last ? `${last.sender}: ${last.message || 'sent a file'}` : 'No messages yet';
    const unread = room.id === current ? 0 : room.unread_count;
    const label = unread ? `${unread} unread` : null;
    const mentions = room.id === current ? 0 : (room.mention_count ?? 0);
    const mentionLabel = mentions === 1 ? '1 mention' : `${mentions} mentions`;
    return h('li', null,
      h('a', {href: `#/rooms/${room.id}`, class: unread ? 'room unread' : 'room', 'aria-current': room.id === current ? 'page' : null,
        'data-focus-key': room.id},
        h('span', {class: 'room-icon'}, icon(isDm(room) ? 'person' : room.is_private ? 'lock' : 'hash')),
        h('span', {class: 'room-text'},
          h('span', {class: 'room-name'}, roomName(room),
            isDm(room) ? h('span', {class: 'visually-hidden'}, ' (direct message)')
              : room.is_private ? h('span', {class: 'visually-hidden'}, ' (private)') : null),
          h('span', {class: 'room-preview'}, preview)),
        isDm(room) ? peerPresence(opts.presence(room.peer)) : null,
        // the open room's draft is in its composer
        drafted.has(room.id) && room.id !== current
          ? h('span', {class: 'draft-mark'}, h('span', {class: 'visually-hidden'}, ', '), 'Draft') : null,
        mentions ? h('span', {class: 'badge mention-badge', title: mentionLabel},
          h('span', {'aria-hidden': 'true'}, `@${mentions > 99 ? '99+' : mentions}`),
          h('span', {class: 'visually-hidden'}, `, ${mentionLabel}`)) : null,
        unread ? h('span', {class: 'badge'}, h('span', {'aria-hidden': 'true'}, unread > 99 ? '99+' : String(unread)),
          h('span', {class: 'visually-hidden'}, `, ${label}`)) : null));
  }

  return {
    el,
    render(next, currentId) {
      rooms = [...next].sort((a, b) => activity(b).localeCompare(activity(a)));
      current = currentId;
      draw();
    },
  };
}

/**
 * A direct message's peer as the list shows them: a dot while online, a ring while away, nothing while offline, and the
 * words for a screen reader (and in the tooltip); nothing while the status is unknown.
 */
function peerPresence(presence) {
  if (!presence?.status) return null;
  const status = presence.status;
  return h('span', {class: `presence list-presence ${status}`, title: status},
    status === 'offline' ? null : h('span', {class: 'dot', 'aria-hidden': 'true'}),
    h('span', {class: 'visually-hidden'}, `, ${status}`));
}

function activity(room) {
  return room.last_message?.timestamp ?? room.created_at;
}
