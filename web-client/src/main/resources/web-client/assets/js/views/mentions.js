// Mentions (docs/API.md "Mentions", GET /api/mentions): the messages that named the person, newest
// first across their rooms, each a link that opens its room at that message.
import {h, icon, setChildren} from '../dom.js';
import {day, fullTime, roomName as displayName, time} from '../format.js';
import * as api from '../wire/api.js';

const PAGE = 30;

/** app: rooms, me. Returns {el, run()}. */
export function mentionsView(app) {
  const status = h('p', {class: 'search-status', role: 'status', 'aria-live': 'polite'});
  const error = h('p', {class: 'form-error', role: 'alert'});
  const list = h('ol', {class: 'hits', 'aria-label': 'Messages that mention you'});
  const more = h('button', {type: 'button', class: 'secondary more', hidden: true, onclick: () => load(last)}, 'Show older mentions');
  let last = null;
  let shown = 0;

  const el = h('section', {class: 'search', 'aria-labelledby': 'mentions-title'},
    h('header', {class: 'room-head'},
      h('a', {href: '#/', class: 'icon-button back', 'aria-label': 'All rooms'}, icon('back')),
      h('h2', {id: 'mentions-title', class: 'room-title', tabindex: -1}, h('span', {'aria-hidden': 'true'}, '@'), h('span', null, 'Mentions'))),
    h('div', {class: 'search-body'}, error, status, list, more));

  function roomName(roomId) {
    const room = app.rooms.find((r) => r.id === roomId);
    return room ? displayName(room) : `Room ${roomId}`;
  }

  function entry(item) {
    return h('li', null, h('a', {class: 'hit', href: `#/rooms/${item.room_id}/m/${item.message_id}`},
      h('span', {class: 'hit-head'},
        h('span', {class: 'hit-room'}, roomName(item.room_id)),
        h('span', {class: 'sender'}, item.sender),
        h('time', {datetime: item.timestamp, title: fullTime(item.timestamp)}, `${day(item.timestamp)}, ${time(item.timestamp)}`)),
      h('span', {class: 'highlight', dir: 'auto'}, item.message)));
  }

  async function load(before) {
    setChildren(error);
    more.disabled = true;
    try {
      const items = await api.mentions(before, PAGE);
      for (const item of items) list.append(entry(item));
      shown += items.length;
      last = items.length ? items[items.length - 1].message_id : last;
      more.hidden = items.length < PAGE;
      status.textContent = shown === 0 ? 'Nobody has mentioned you yet.' : `${shown}${more.hidden ? '' : '+'} ${shown === 1 ? 'mention' : 'mentions'}.`;
    } catch (e) {
      status.textContent = '';
      setChildren(error, e.message);
    } finally {
      more.disabled = false;
    }
  }

  return {el, run: () => { load(null); el.querySelector('h2').focus(); }};
}
