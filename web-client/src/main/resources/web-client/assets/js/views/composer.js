// Where a message is written: Enter sends, Shift+Enter breaks the line; files come by the picker,
// drag and drop or paste, upload at once with a progress bar, and go out with the next message.
import {h, icon, setChildren} from '../dom.js';
import {dayAndTime, fullTime, size} from '../format.js';
import * as api from '../wire/api.js';
import {Unreachable} from '../wire/http.js';

// the server's limit, in characters (code points): an emoji is one, not the two UTF-16 units a field's maxlength counts
export const MAX_CHARS = 4000;
const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;

// the server's upload limit (docs/API.md "Upload"), asked once a page: a file over it is refused before any of it is
// sent; unknown (not said, not reachable), the upload goes and the server decides
let uploadLimits = null;
function limitsOf() {
  uploadLimits ??= api.uploadLimits().catch(() => {
    uploadLimits = null;
    return null;
  });
  return uploadLimits;
}

/** Over the server's limit, counted as it counts. */
export function tooLong(content) {
  let count = 0;
  for (const _ of content) if (++count > MAX_CHARS) return true;
  return false;
}

export function tooLongText(content) {
  return `A message can be at most ${MAX_CHARS} characters; this one has ${[...content].length}.`;
}

/**
 * opts: roomName, send({content, file, replyTo}) for each message, typing(type) for typing frames, toast(text),
 * draft ({text, replyTo} written earlier and not sent, or null) and keep(text, replyTo), told of every change to it,
 * discarded(), told when the person drops what they cannot send. Hidden until setEnabled says whether it can send (the
 * room is loading). Returns {el, acceptFiles(files), focus(), setEnabled(bool), replyTo(item), restore(text), follow(before, after),
 * setMutedUntil(iso)}.
 */
export function composer(opts) {
  const staged = [];
  // known before a file is picked: refused at once
  limitsOf();
  let typingSentAt = 0;
  let idleTimer = 0;
  const inputId = `composer-${Math.random().toString(36).slice(2)}`;

  const tray = h('ul', {class: 'tray', 'aria-label': 'Attachments', hidden: true});
  // the message the next one answers, shown above the field until sent or cancelled
  let replying = null;
  const replyBar = h('div', {class: 'reply-bar', hidden: true});
  const picker = h('input', {type: 'file', multiple: true, hidden: true, tabindex: -1,
    onchange: () => { acceptFiles(picker.files); picker.value = ''; }});
  // no maxlength: it would cut pasted text without a word; submit() says it is too long and keeps it
  // dir=auto: Arabic or Hebrew is written from the right, as the message will show it
  const noteId = `${inputId}-note`;
  const mutedId = `${inputId}-muted`;
  const text = h('textarea', {id: inputId, rows: 1, placeholder: `Message ${opts.roomName}`, dir: 'auto',
    autocomplete: 'off', enterkeyhint: 'send', 'aria-describedby': `${noteId} ${mutedId}`,
    onkeydown: (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submit();
      }
      if (e.key === 'Escape' && replying) {
        e.preventDefault();
        setReply(null);
      }
    },
    oninput: () => { grow(); typing(); keep(); },
    onpaste: (e) => {
      const files = e.clipboardData?.files;
      if (files && files.length) {
        e.preventDefault();
        acceptFiles(files);
      }
    },
    onblur: () => stopTyping()});
  const attach = h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Attach files', onclick: () => picker.click()}, icon('attach'));
  const sendButton = h('button', {type: 'submit', class: 'icon-button send', 'aria-label': 'Send'}, icon('send'));
  // closed: nothing can be sent from here (banned, removed, left elsewhere); what was written stays to be read and copied
  let closed = true;
  // told by setEnabled whether it can send: until then (the room loading) it is not shown, a draft in it neither
  let settled = false;
  // what cannot be sent is theirs to copy, or to drop: the draft goes from this browser with it
  const note = h('div', {class: 'composer-note', hidden: true},
    h('p', {id: noteId}, 'You cannot send messages here now. What you wrote is kept for you to copy.'),
    h('button', {type: 'button', class: 'link', onclick: () => discard()}, 'Discard draft'));
  // a mute in force, where the members list tells it (their own): the server refuses posts until then
  const mutedText = h('p', {id: mutedId});
  const mutedNote = h('div', {class: 'composer-note composer-muted', hidden: true}, mutedText);
  const form = h('form', {class: 'composer', onsubmit: (e) => { e.preventDefault(); submit(); }},
    replyBar,
    tray,
    h('div', {class: 'composer-row'},
      attach, picker,
      h('label', {for: inputId, class: 'visually-hidden'}, `Message ${opts.roomName}`),
      text, sendButton),
    mutedNote,
    note);

  /** Shown while it can send, or while it holds something written that could not be sent. */
  function drawOpen() {
    form.hidden = !settled || (closed && !text.value.trim() && staged.length === 0);
    form.classList.toggle('closed', closed);
    note.hidden = !closed;
    text.readOnly = closed;
    attach.disabled = closed;
    sendButton.disabled = closed;
  }

  /** What is written is kept as the room's draft (nothing written: none). */
  function keep() {
    opts.keep?.(text.value, text.value.trim() ? replying : null);
  }

  /** A draft that cannot be sent here, dropped: the composer goes, and the room's draft with it. */
  function discard() {
    for (const entry of [...staged]) unstage(entry);
    text.value = '';
    setReply(null);
    grow();
    drawOpen();
    opts.discarded?.();
  }

  function setReply(item, {kept = true} = {}) {
    replying = item;
    if (kept) keep();
    replyBar.hidden = !item;
    if (!item) {
      setChildren(replyBar);
      return;
    }
    setChildren(replyBar,
      icon('reply'),
      h('span', {class: 'reply-bar-text'}, 'Replying to ', h('strong', null, item.sender), ': ',
        h('span', {class: 'muted'}, item.message || item.file_name || 'a file')),
      h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Cancel the reply', onclick: () => { setReply(null); text.focus(); }},
        icon('close')));
  }

  function grow() {
    text.style.height = 'auto';
    // empty, it is one row high: its scrollHeight would be the placeholder's, which may not fit in one line
    if (text.value) text.style.height = `${Math.min(text.scrollHeight, 200)}px`;
  }

  function typing() {
    clearTimeout(idleTimer);
    if (!text.value.trim()) return stopTyping();
    if (Date.now() - typingSentAt > TYPING_EVERY_MS) {
      typingSentAt = Date.now();
      opts.typing('typing_start');
    }
    idleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function stopTyping() {
    clearTimeout(idleTimer);
    if (typingSentAt) {
      typingSentAt = 0;
      opts.typing('typing_stop');
    }
  }

  function acceptFiles(files) {
    if (closed) return;
    for (const file of files) {
      const entry = {file, progress: 0, result: null, error: null, unreached: false, controller: new AbortController()};
      entry.preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      staged.push(entry);
      tray.append(entry.el = h('li', {class: 'staged'}));
      startUpload(entry);
    }
    tray.hidden = staged.length === 0;
    text.focus();
  }

  function startUpload(entry) {
    entry.error = null;
    entry.unreached = false;
    entry.progress = 0;
    entry.done = limitsOf()
      .then((limits) => {
        if (limits && entry.file.size > limits.max_file_size) throw new Error(limits.too_large_detail);
        // removed while the limit was asked for
        if (entry.controller.signal.aborted) throw new DOMException('aborted', 'AbortError');
        return api.uploadFile(entry.file, (p) => { entry.progress = p; drawEntry(entry); }, entry.controller.signal);
      })
      .then((result) => { entry.result = result; drawEntry(entry); })
      .catch((e) => {
        if (e.name === 'AbortError') return;
        entry.error = e.message;
        entry.unreached = e instanceof Unreachable;
        drawEntry(entry);
      });
    drawEntry(entry);
  }

  // an upload that could not reach the server goes again by itself once the browser is back online (or with its
  // Try again button), instead of waiting to be removed and picked again
  const retryUnreached = () => {
    if (!tray.isConnected) return removeEventListener('online', retryUnreached);
    for (const entry of staged) if (entry.unreached) startUpload(entry);
  };
  addEventListener('online', retryUnreached);

  function drawEntry(entry) {
    const label = entry.error ? `${entry.file.name}: ${entry.error}`
      : entry.result ? `${entry.file.name}, uploaded` : `${entry.file.name}, uploading`;
    setChildren(entry.el,
      entry.preview ? h('img', {src: entry.preview, alt: '', class: 'thumb'}) : h('span', {class: 'thumb file-thumb'}, icon('file')),
      h('span', {class: 'staged-info'},
        h('span', {class: 'file-name'}, entry.file.name),
        entry.error
          ? h('span', {class: 'form-error', role: 'alert'}, entry.error)
          : h('span', {class: 'file-size'}, size(entry.file.size)),
        entry.error ? null : h('progress', {max: 1, value: entry.result ? 1 : entry.progress, 'aria-label': label})),
      entry.unreached ? h('button', {type: 'button', class: 'link', onclick: () => startUpload(entry)}, 'Try again') : null,
      h('button', {type: 'button', class: 'icon-button', 'aria-label': `Remove ${entry.file.name}`,
        onclick: () => unstage(entry)}, icon('close')));
  }

  function unstage(entry) {
    entry.controller.abort();
    if (entry.preview) URL.revokeObjectURL(entry.preview);
    entry.el.remove();
    staged.splice(staged.indexOf(entry), 1);
    tray.hidden = staged.length === 0;
    text.focus();
  }

  async function submit() {
    if (closed) return;
    const content = text.value.trim();
    if (!content && staged.length === 0) return;
    if (staged.some((e) => e.error)) return opts.toast('Remove the attachments that failed first.');
    if (tooLong(content)) return opts.toast(tooLongText(content));
    const files = staged.splice(0);
    const replyTo = replying;
    setReply(null);
    text.value = '';
    keep();
    grow();
    stopTyping();
    tray.hidden = true;
    if (files.length === 0) return opts.send({content, file: null, replyTo});
    // uploads finish in their own time; messages keep the order the files were given in
    await Promise.all(files.map((e) => e.done));
    const uploaded = files.filter((e) => e.result);
    for (const entry of files) {
      entry.el.remove();
      if (entry.preview) URL.revokeObjectURL(entry.preview);
      if (!entry.result) opts.toast(`${entry.file.name} was not sent: ${entry.error ?? 'upload failed'}`);
    }
    if (uploaded.length === 0 && content) opts.send({content, file: null, replyTo});
    uploaded.forEach((entry, i) => opts.send({content: i === 0 ? content : '', file: entry.result, replyTo: i === 0 ? replyTo : null}));
  }

  if (opts.draft) {
    text.value = opts.draft.text;
    // the caret at its end, where the person goes on writing
    text.setSelectionRange(text.value.length, text.value.length);
    if (opts.draft.replyTo) setReply(opts.draft.replyTo, {kept: false});
  }
  drawOpen();

  return {
    el: form,
    acceptFiles,
    focus: () => text.focus(),
    replyTo(item) {
      setReply(item);
      text.focus();
    },
    /**
     * The message being answered changed: shown as it is now (`item`), or, deleted (`null`), no longer answered (the
     * server refuses a reply to a deleted message). True when this composer was answering it.
     */
    parentChanged(messageId, item) {
      if (replying?.message_id !== messageId) return false;
      setReply(item);
      return true;
    },
    /** Puts a refused message's text back, unless something new is being written. */
    restore(content) {
      if (!text.value.trim()) {
        text.value = content;
        keep();
        grow();
        drawOpen();
      }
    },
    /**
     * The room's draft as another tab of the person changed it (written, sent or discarded there), shown here too while
     * this composer holds the draft as it was before that change: every key typed here is kept as the draft, so typing
     * here loses nothing by it, while text the draft does not hold (cut at the limit, or not stored) stays.
     */
    follow(before, after) {
      if (text.value !== (before?.text ?? '')) return;
      text.value = after?.text ?? '';
      setReply(after?.replyTo ?? null, {kept: false});
      grow();
      drawOpen();
    },
    /** The person is muted in the room until `until` (an ISO time; null: not muted), as the server says it. */
    setMutedUntil(until) {
      mutedNote.hidden = !until;
      mutedText.textContent = until ? `You are muted in this room until ${dayAndTime(until)}.` : '';
      mutedText.title = until ? fullTime(until) : '';
    },
    /** Whether it can send; one that cannot is hidden, or read-only while it holds what was written (a ban loses no text). */
    setEnabled(enabled) {
      closed = !enabled;
      settled = true;
      drawOpen();
      // drawn for the first time: a draft's height is its text's
      grow();
    },
  };
}
