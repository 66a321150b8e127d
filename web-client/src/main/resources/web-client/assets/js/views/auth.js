// Log in / sign up: one form, two modes.
import {h, setChildren} from '../dom.js';
import * as session from '../wire/session.js';

export function authView(onDone) {
  let mode = 'login';
  const error = h('p', {class: 'form-error', role: 'alert', id: 'auth-error'});
  const username = h('input', {id: 'auth-username', name: 'username', autocomplete: 'username', required: true,
    minlength: 3, maxlength: 32, autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'auth-username-hint'});
  const password = h('input', {id: 'auth-password', name: 'password', type: 'password', required: true,
    minlength: 8, autocomplete: 'current-password', 'aria-describedby': 'auth-error'});
  const submit = h('button', {type: 'submit', class: 'primary wide'}, 'Log in');
  const title = h('h1', {id: 'auth-title'}, 'Welcome back');
  const tabs = {
    login: h('button', {type: 'button', class: 'tab', 'aria-pressed': 'true', onclick: () => setMode('login')}, 'Log in'),
    signup: h('button', {type: 'button', class: 'tab', 'aria-pressed': 'false', onclick: () => setMode('signup')}, 'Sign up'),
  };

  function setMode(next) {
    mode = next;
    tabs.login.setAttribute('aria-pressed', String(mode === 'login'));
    tabs.signup.setAttribute('aria-pressed', String(mode === 'signup'));
    title.textContent = mode === 'login' ? 'Welcome back' : 'Create your account';
    submit.textContent = mode === 'login' ? 'Log in' : 'Sign up';
    password.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    setChildren(error);
    username.focus();
  }

  async function onsubmit(event) {
    event.preventDefault();
    setChildren(error);
    submit.disabled = true;
    try {
      if (mode === 'login') await session.logIn(username.value.trim(), password.value);
      else await session.signUp(username.value.trim(), password.value);
      password.value = '';
      await onDone();
    } catch (e) {
      setChildren(error, e.message);
      password.select();
    } finally {
      submit.disabled = false;
    }
  }

  const view = h('main', {class: 'auth', 'aria-labelledby': 'auth-title'},
    h('form', {class: 'card auth-card', onsubmit, novalidate: false,
      // an answer about what was sent before goes once the form is edited: the browser's own check may stop the
      // next try before anything is sent
      oninput: () => setChildren(error)},
      h('div', {class: 'brand'}, h('img', {src: '/assets/icon.svg', alt: '', width: 40, height: 40}), h('span', null, 'Chat')),
      title,
      h('div', {class: 'tabs', role: 'group', 'aria-label': 'Log in or sign up'}, tabs.login, tabs.signup),
      h('label', {for: 'auth-username'}, 'Username'),
      username,
      h('p', {class: 'hint', id: 'auth-username-hint'}, '3–32 letters, digits, _ . or -'),
      h('label', {for: 'auth-password'}, 'Password'),
      password,
      error,
      submit));
  queueMicrotask(() => username.focus());
  return view;
}
