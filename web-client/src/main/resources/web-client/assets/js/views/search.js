// Search (docs/API.md "Search"): what to look for, optionally in one room and from one person; the
// hits newest first with the matched words marked, each a link that opens its room at that message.
import {h, icon, setChildren} from '../dom.js';
import {day, fullTime, roomName as displayName, time} from '../format.js';
import * as api from '../wire/api.js';
import {highlightNodes} from './highlight.js';

const PAGE = 20;

/** app: rooms, navigate(hash). where: {q, roomId, from}. Returns {el, run()}. */
export function searchView(app, where) {
  const rooms = [...app.rooms].sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const q = h('input', {type: 'search', id: 'search-q', value: where.q, maxlength: 200, autocomplete: 'off',
    enterkeyhint: 'search'});
  const room = h('select', {id: 'search-room'},
    h('option', {value: ''}, 'All rooms'),
    rooms.map((r) => h('option', {value: String(r.id), selected: r.id === where.roomId}, displayName(r))));
  const from = h('input', {id: 'search-from', value: where.from, maxlength: 32, autocomplete: 'off',
    autocapitalize: 'none', spellcheck: 'false', placeholder: 'anyone'});
  const status = h('p', {class: 'search-status', role: 'status', 'aria-live': 'polite'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const list = h('ol', {class: 'hits', 'aria-label': 'Search results'});
  const more = h('button', {type: 'button', class: 'secondary more', hidden: true, onclick: () => load(nextBefore)},
    'Show older results');
  let nextBefore = null;
  let shown = 0;

  const form = h('form', {class: 'search-form', role: 'search', 'aria-label': 'Refine the search', onsubmit: (e) => {
    e.preventDefault();
    const query = new URLSearchParams({q: q.value.trim()});
    if (room.value) query.set('room', room.value);
    if (from.value.trim()) query.set('from', from.value.trim());
    // the same search again as well: navigate() asks for it when the address does not change
    app.navigate(`#/search?${query}`);
  }},
  h('div', {class: 'field grow'}, h('label', {for: 'search-q'}, 'Search for'), q),
  h('div', {class: 'field'}, h('label', {for: 'search-room'}, 'In'), room),
  h('div', {class: 'field'}, h('label', {for: 'search-from'}, 'From'), from),
  h('button', {type: 'submit', class: 'primary'}, 'Search'));

  const el = h('section', {class: 'search', 'aria-labelledby': 'search-title'},
    h('header', {class: 'room-head'},
      h('a', {href: '#/', class: 'icon-button back', 'aria-label': 'All rooms'}, icon('back')),
      h('h2', {id: 'search-title', class: 'room-title'}, icon('search'), h('span', null, 'Search messages'))),
    h('div', {class: 'search-body'}, form, error, status, list, more));

  function roomName(roomId) {
    const room = app.rooms.find((r) => r.id === roomId);
    return room ? displayName(room) : `Room ${roomId}`;
  }

  function hit(item) {
    const href = `#/rooms/${item.room_id}/m/${item.message_id}`;
    // the same result again jumps as well: App takes a click on a link to the address the page is at
    return h('li', null, h('a', {class: 'hit', href},
    h('span', {class: 'hit-head'},
      h('span', {class: 'hit-room'}, roomName(item.room_id)),
      h('span', {class: 'sender'}, item.sender),
      h('time', {datetime: item.timestamp, title: fullTime(item.timestamp)}, `${day(item.timestamp)}, ${time(item.timestamp)}`)),
    h('span', {class: 'highlight', dir: 'auto'}, highlightNodes(item.highlight))));
  }

  async function load(before) {
    setChildren(error);
    more.disabled = true;
    try {
      const answer = await api.search({q: where.q, roomId: where.roomId, from: where.from || null, before, limit: PAGE});
      if (!before) setChildren(list);
      for (const item of answer.results) list.append(hit(item));
      shown += answer.results.length;
      nextBefore = answer.next_before ?? null;
      more.hidden = nextBefore === null;
      // what was asked for, whole: "no messages match" alone would say the words were not found when a name was not
      const asked = `${where.from ? ` from ${where.from}` : ''}${where.roomId ? ` in ${roomName(Number(where.roomId))}` : ''}`;
      status.textContent = shown === 0 ? `No messages${asked} match “${where.q}”.`
        : `${shown}${nextBefore ? '+' : ''} ${shown === 1 ? 'message' : 'messages'}${asked} ${shown === 1 ? 'matches' : 'match'} “${where.q}”.`;
    } catch (e) {
      status.textContent = '';
      // the server names the query's field, q: the person typed into "Search for"
      setChildren(error, e.message.replace(/^q (?=must |may )/, 'What you search for '));
    } finally {
      more.disabled = false;
    }
  }

  return {
    el,
    run() {
      if (where.q.trim()) load(null);
      q.focus();
    },
  };
}
