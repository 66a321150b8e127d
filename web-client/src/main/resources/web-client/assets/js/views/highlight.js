// A search hit's `highlight` (docs/API.md "Search"): the server's excerpt, HTML-escaped, with the hits
// in <mark>…</mark>. It is never handed to an HTML parser: the only markup recognised is exactly
// `<mark>` and `</mark>`, the five entities the server writes (and numeric ones) are decoded, and
// everything else, a stray `<b>` included, stays text. The result is text nodes and <mark> elements.
import {h} from '../dom.js';

const TOKEN = /<mark>|<\/mark>|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'"};

function decode(entity) {
  if (NAMED[entity]) return NAMED[entity];
  const code = entity[2] === 'x' || entity[2] === 'X'
    ? parseInt(entity.slice(3, -1), 16) : parseInt(entity.slice(2, -1), 10);
  // a code point that cannot be one stays as it was written
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
}

/** Nodes for a highlight string: strings (text) and <mark> elements holding text. */
export function highlightNodes(html) {
  const out = [];
  let text = '';
  let marked = null; // the text of an open <mark>, or null outside one
  let last = 0;
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  for (const match of String(html ?? '').matchAll(TOKEN)) {
    const piece = html.slice(last, match.index);
    last = match.index + match[0].length;
    if (marked === null) text += piece; else marked += piece;
    if (match[0] === '<mark>') {
      if (marked === null) {
        flush();
        marked = '';
      }
    } else if (match[0] === '</mark>') {
      if (marked !== null) {
        out.push(h('mark', null, marked));
        marked = null;
      }
    } else if (marked === null) {
      text += decode(match[0]);
    } else {
      marked += decode(match[0]);
    }
  }
  const rest = String(html ?? '').slice(last);
  if (marked === null) text += rest;
  else out.push(h('mark', null, marked + rest));
  flush();
  return out;
}
