/** The start page: a code box with a nickname, create a table, practise alone, host a class. @module */

import { NICKNAME_MAX_LENGTH, ROLES } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { motionControl } from '../app/motionControl.ts';
import { roleIcon } from '../art/icons.ts';
import type { HomeCtrl } from './ctrl.ts';

export function homeView(ctrl: HomeCtrl): HTMLElement {
  const busy = ctrl.status.busy;
  const codeInput = h('input', {
    id: 'join-code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 12,
    placeholder: 'K7QX2M',
    value: ctrl.code,
    'data-focus': 'code',
    class: 'code-input',
  });
  codeInput.addEventListener('input', () => {
    ctrl.code = codeInput.value;
  });
  const nicknameInput = h('input', {
    id: 'nickname',
    name: 'nickname',
    autocomplete: 'nickname',
    maxlength: NICKNAME_MAX_LENGTH,
    value: ctrl.nickname,
    'data-focus': 'nickname',
    'aria-describedby': 'nickname-help',
  });
  nicknameInput.addEventListener('input', () => {
    ctrl.nickname = nicknameInput.value;
  });
  const form = h(
    'form',
    { class: 'card join-card', 'aria-labelledby': 'join-title' },
    h('h2', { id: 'join-title' }, 'Join a game'),
    h('label', { for: 'join-code' }, 'Code from your host'),
    codeInput,
    h('label', { for: 'nickname' }, 'Your nickname'),
    nicknameInput,
    h('p', { id: 'nickname-help', class: 'muted field-help' }, 'If your class hands out nicknames, leave this empty.'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary', disabled: busy, 'data-focus': 'join' }, 'Join'),
    ),
    h('p', { class: 'status', role: 'status' }, ctrl.status.busy ? ctrl.status.doing : ''),
    ctrl.status.busy || !ctrl.status.error ? null : h('p', { class: 'error', role: 'alert' }, ctrl.status.error),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ctrl.join();
  });

  return h(
    'main',
    { class: 'page home' },
    h(
      'header',
      { class: 'hero' },
      h('h1', { tabindex: -1 }, 'Handshake'),
      h('p', { class: 'tagline' }, 'Play the four parties of an HTTPS connection — with real cryptography.'),
      h(
        'ul',
        { class: 'role-strip', 'aria-label': 'The four roles' },
        ROLES.map((r) => h('li', { class: `role-${r}` }, iconEl(r))),
      ),
    ),
    h(
      'div',
      { class: 'home-grid' },
      form,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'new-title' },
        h('h2', { id: 'new-title' }, 'Start something new'),
        h('p', {}, 'Open a table for four and share its code; empty seats are played by bots.'),
        h(
          'button',
          { type: 'button', disabled: busy, 'data-focus': 'create', onclick: () => void ctrl.create() },
          'Create a table',
        ),
        h(
          'p',
          {},
          h('a', { href: '#/practice', class: 'button-link' }, 'Practise alone'),
          ' against bots, at your own pace.',
        ),
        h(
          'p',
          {},
          h('a', { href: '#/host', class: 'button-link' }, 'Host a class'),
          ' — many tables, rotating roles, a leaderboard.',
        ),
      ),
    ),
    h('footer', { class: 'page-footer' }, motionControl()),
  );
}

function iconEl(role: (typeof ROLES)[number]): HTMLElement {
  const span = h('span', { class: 'role-icon' });
  span.innerHTML = roleIcon(role, 48);
  return span;
}
