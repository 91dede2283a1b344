/**
 * The host dashboard: create a session, then the join code/link/QR, the session controls, the roster,
 * settings, leaderboard and tables side by side, and the past sessions below.
 * @module
 */
import { CLOSE_CODES } from '@handshake/shared';
import { h } from '../app/dom.ts';
import type { ClassSnapshot } from './classSnapshot.ts';
import type { HostCtrl } from './hostCtrl.ts';
import { joinInfoView, qrCode } from './joinInfoView.ts';
import { leaderboardView } from './leaderboardView.ts';
import { pastSessionsView } from './pastSessionsView.ts';
import { rosterView } from './rosterView.ts';
import { admissionView, settingsView } from './settingsView.ts';
import { tablesView } from './tablesView.ts';

export function hostView(ctrl: HostCtrl): HTMLElement {
  const snapshot = ctrl.snapshot;
  return h(
    'main',
    { class: 'page host-page' },
    h(
      'header',
      { class: 'host-head' },
      h('h1', { tabindex: -1 }, snapshot ? `Class ${snapshot.code}` : 'Host a class'),
      snapshot ? h('p', { class: 'class-status', 'data-status': snapshot.status }, statusWords(snapshot)) : null,
      h('a', { href: '#/', class: 'home-link' }, 'Start page'),
    ),
    ctrl.error ? h('p', { class: 'error', role: 'alert' }, ctrl.error) : null,
    ctrl.connection?.reconnecting
      ? h('p', { class: 'connection-banner reconnecting', role: 'status' }, 'Connection lost — reconnecting…')
      : null,
    snapshot && ctrl.connection ? liveView(ctrl, snapshot) : setupView(ctrl),
    pastSessionsView(ctrl),
  );
}

function setupView(ctrl: HostCtrl): HTMLElement {
  const password = h('input', {
    id: 'teacher-password',
    type: 'password',
    autocomplete: 'current-password',
    value: ctrl.password,
    'data-focus': 'password',
  });
  password.addEventListener('input', () => ctrl.setPassword(password.value));
  const form = h(
    'form',
    { class: 'card create-class', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Start a class session'),
    h(
      'p',
      {},
      'Students join with a code on the start page, wait in the class lobby, then play at tables of four; roles rotate each round and a leaderboard keeps score. Only nicknames are stored.',
    ),
    ctrl.passwordNeeded
      ? h('div', { class: 'field' }, h('label', { for: 'teacher-password' }, 'Teacher password'), password)
      : null,
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: ctrl.busy || ctrl.connecting, 'data-focus': 'create-class' },
        'Create a class session',
      ),
    ),
    h(
      'p',
      { class: 'status', role: 'status' },
      ctrl.busy ? 'Creating…' : ctrl.connecting ? 'Connecting to your session…' : '',
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ctrl.create();
  });
  if (ctrl.passwordNeeded && ctrl.pastError) {
    form.append(
      h(
        'p',
        { class: 'small' },
        h(
          'button',
          { type: 'button', class: 'link', onclick: () => void ctrl.unlockPast() },
          'Use this password to list past sessions',
        ),
      ),
    );
  }
  return form;
}

function liveView(ctrl: HostCtrl, snapshot: ClassSnapshot): HTMLElement {
  const closed = ctrl.connection?.closed;
  if (snapshot.status === 'ended' || closed?.code === CLOSE_CODES.CLASS_ENDED) {
    return h('div', { class: 'host-live ended' }, endedControls(ctrl), leaderboardView(snapshot));
  }
  if (closed) return lostView(ctrl, snapshot, closed.reason);
  return h(
    'div',
    { class: 'host-live' },
    h(
      'div',
      { class: 'host-top' },
      snapshot.joinOpen
        ? joinInfoView(snapshot.code)
        : h(
            'section',
            { class: 'join-info closed', 'aria-label': 'Joining' },
            h('p', {}, `Joining is closed (locked). Students already in can come back with code ${snapshot.code}.`),
          ),
      controlsView(ctrl, snapshot),
    ),
    ctrl.rejection ? h('p', { class: 'error', role: 'alert' }, ctrl.rejection) : null,
    h(
      'div',
      { class: 'host-grid' },
      h('div', { class: 'host-col' }, rosterView(ctrl), admissionView(ctrl), settingsView(ctrl)),
      h(
        'div',
        { class: 'host-col' },
        leaderboardView(snapshot),
        tablesView(snapshot, { takeOut: (table, kind) => ctrl.takeOut(table, kind) }),
      ),
    ),
  );
}

function controlsView(ctrl: HostCtrl, s: ClassSnapshot): HTMLElement {
  const button = (
    label: string,
    onclick: () => void,
    options: { primary?: boolean; focus: string; disabled?: boolean },
  ) =>
    h(
      'button',
      {
        type: 'button',
        class: options.primary ? 'primary' : null,
        'data-focus': options.focus,
        disabled: options.disabled,
        onclick,
      },
      label,
    );
  const lock = h('input', { type: 'checkbox', id: 'lock-class', checked: s.locked, 'data-focus': 'lock' });
  lock.addEventListener('change', () => ctrl.send('lock', { locked: lock.checked }));
  const started = s.round > 0;
  const tablesPlaying = s.status === 'playing';
  const confirmingEnd = ctrl.confirming?.kind === 'end';
  return h(
    'section',
    { class: 'panel controls', 'aria-labelledby': 'controls-title' },
    h('h2', { id: 'controls-title' }, 'Session'),
    h(
      'label',
      { class: 'check', for: 'lock-class' },
      lock,
      ' Lock: no new students (students already in can come back)',
    ),
    h(
      'div',
      { class: 'row wrap' },
      s.status === 'lobby'
        ? button('Start the competition', () => ctrl.send('start'), {
            primary: true,
            focus: 'start',
            disabled: s.students.length === 0,
          })
        : null,
      started && !s.paused ? button('Pause', () => ctrl.send('pause'), { focus: 'pause' }) : null,
      started && s.paused ? button('Resume', () => ctrl.send('resume'), { primary: true, focus: 'resume' }) : null,
      s.status === 'between-rounds'
        ? button(`Start round ${s.round + 1}`, () => ctrl.send('nextRound', {}), { primary: true, focus: 'next' })
        : null,
      tablesPlaying && s.round < s.settings.rounds
        ? button('Next round now (unfinished tables stop)', () => ctrl.send('nextRound', { force: true }), {
            focus: 'force-next',
          })
        : null,
      confirmingEnd ? null : button('End the session', () => ctrl.ask({ kind: 'end' }), { focus: 'end' }),
    ),
    confirmingEnd
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-label': 'Confirm the end' },
          h('span', {}, 'End the session for every table? An unfinished round is kept as interrupted.'),
          h(
            'button',
            { type: 'button', class: 'danger', 'data-focus': 'end-yes', onclick: () => ctrl.send('end') },
            'Yes, end it',
          ),
          h(
            'button',
            { type: 'button', class: 'quiet', 'data-focus': 'end-no', onclick: () => ctrl.cancel() },
            'Cancel',
          ),
        )
      : null,
    projectorLinkView(s.code, ctrl.projectorKey),
  );
}

/** The projector view: a link for this browser, and its QR code for any other screen (it carries its own key). */
function projectorLinkView(code: string, key: string | null): HTMLElement {
  const href = key ? `#/projector/${code}?key=${encodeURIComponent(key)}` : `#/projector/${code}`;
  const full = `${window.location.origin}/${href}`;
  return h(
    'div',
    { class: 'projector-link' },
    h('a', { href, target: '_blank', rel: 'noopener', class: 'button-link' }, 'Open the projector view'),
    key
      ? h(
          'details',
          {},
          h('summary', {}, 'Open it on another screen (QR code)'),
          h(
            'p',
            { class: 'small' },
            'Scan it, or open this link on the screen the class sees. It shows; it controls nothing.',
          ),
          qrCode(full, '10rem', 'the projector link'),
          h('p', { class: 'small projector-url' }, h('a', { href }, full)),
        )
      : null,
  );
}

/** The host connection closed but the session did not end (a network cut, a server restart). */
function lostView(ctrl: HostCtrl, snapshot: ClassSnapshot, reason: string): HTMLElement {
  return h(
    'section',
    { class: 'panel controls' },
    h('h2', {}, 'Connection lost'),
    h('p', { class: 'error', role: 'alert' }, reason),
    h(
      'button',
      { type: 'button', class: 'primary', 'data-focus': 'reconnect', onclick: () => void ctrl.connect(snapshot.code) },
      'Reconnect',
    ),
  );
}

function endedControls(ctrl: HostCtrl): HTMLElement {
  return h(
    'section',
    { class: 'panel controls' },
    h('h2', {}, 'Session over'),
    h(
      'p',
      {},
      'This session has ended. Its results are kept under Past sessions: download the CSV or read the summary by concept.',
    ),
    h(
      'button',
      { type: 'button', class: 'primary', 'data-focus': 'new-session', onclick: () => ctrl.newSession() },
      'Start a new session',
    ),
  );
}

export function statusWords(s: ClassSnapshot): string {
  const students = `${s.students.length} student${s.students.length === 1 ? '' : 's'}`;
  if (s.status === 'ended') return `Ended · ${students}`;
  if (s.paused) return `Paused · round ${s.round} of ${s.settings.rounds}`;
  switch (s.status) {
    case 'lobby':
      return `Lobby · ${students}${s.locked ? ' · locked' : ''}`;
    case 'playing':
      return `Round ${s.round} of ${s.settings.rounds} · playing`;
    case 'between-rounds':
      return `Round ${s.round} of ${s.settings.rounds} done · waiting for the next round`;
    case 'finished':
      return `All ${s.settings.rounds} rounds played`;
    default:
      return s.status;
  }
}
