/**
 * What a student sees of the class: the lobby (their nickname, who else is here), the class strip above
 * their table (standing, round, pause), and clear words when the class closed for them.
 * @module
 */
import { CLOSE_CODES, NICKNAME_MAX_LENGTH } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { type ClassSnapshot, ordinal } from './classSnapshot.ts';
import { leaderboardView } from './leaderboardView.ts';
import type { StudentCtrl } from './studentCtrl.ts';

export function classStripView(ctrl: StudentCtrl, snapshot: ClassSnapshot): HTMLElement {
  const me = ctrl.me;
  const of = snapshot.leaderboard.length;
  return h(
    'section',
    { class: `class-strip${snapshot.paused ? ' paused' : ''}`, 'aria-label': 'Class standing' },
    h('span', { class: 'strip-item' }, h('strong', {}, `Class ${snapshot.code}`)),
    h('span', { class: 'strip-item' }, roundWords(snapshot)),
    me
      ? h(
          'span',
          { class: 'strip-item standing' },
          me.rank > 0 ? `${ordinal(me.rank)} of ${of}` : 'Not ranked yet',
          ' · ',
          h('strong', {}, `${me.total} points`),
        )
      : null,
    snapshot.paused ? h('span', { class: 'strip-item paused-banner' }, 'Paused by your teacher: moves wait') : null,
  );
}

export function lobbyView(ctrl: StudentCtrl, snapshot: ClassSnapshot): HTMLElement {
  const me = ctrl.me;
  // Who is here: those the teacher let in who have arrived, not those still on their way or waiting.
  const others = snapshot.students.filter((s) => s.id !== me?.id && s.arrived && !s.pending);
  const waiting = me?.pending
    ? 'Waiting for your teacher to let you in.'
    : snapshot.status === 'lobby'
      ? 'Waiting for your teacher to start. You will be seated at a table with others (bots fill empty seats).'
      : 'The competition is on: you get a seat at your table from the next round.';
  return h(
    'main',
    { class: 'page class-lobby' },
    h('h1', { tabindex: -1 }, `Class ${snapshot.code}`),
    h('p', { class: 'you-are' }, 'You are ', h('strong', {}, me?.nickname ?? ctrl.pass?.nickname ?? '')),
    h('p', { class: 'waiting', role: 'status' }, snapshot.paused ? 'Your teacher paused the game.' : waiting),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'here-title' },
      h('h2', { id: 'here-title' }, `Who is here (${others.length + (me ? 1 : 0)})`),
      h(
        'ul',
        { class: 'here-list' },
        me ? h('li', { class: 'you' }, `${me.nickname} (you)`) : null,
        others.map((s) => h('li', { class: s.connected ? null : 'away' }, s.nickname, s.connected ? '' : ' (away)')),
      ),
    ),
    snapshot.round > 0 ? leaderboardView(snapshot, { you: me?.id, compact: true }) : null,
  );
}

export function closedView(ctrl: StudentCtrl, code: number, reason: string): HTMLElement {
  const snapshot = ctrl.snapshot;
  const me = ctrl.me;
  const ended = code === CLOSE_CODES.CLASS_ENDED;
  const canComeBack =
    code === CLOSE_CODES.REMOVED_BY_HOST ||
    code === CLOSE_CODES.REPLACED ||
    code === 0 ||
    (code !== CLOSE_CODES.BANNED_BY_HOST && !ended);
  return h(
    'main',
    { class: 'page narrow class-closed' },
    h('h1', { tabindex: -1 }, ended ? 'The class session has ended' : `Class ${ctrl.code}`),
    h('p', { class: ended ? 'notice' : 'error', role: 'alert' }, reason),
    ended && me && me.rank > 0
      ? h(
          'p',
          { class: 'final-standing' },
          `You finished ${ordinal(me.rank)} of ${snapshot?.leaderboard.length ?? 0} with ${me.total} points.`,
        )
      : null,
    ended && snapshot ? leaderboardView(snapshot, { you: me?.id, compact: true }) : null,
    canComeBack && ctrl.pass
      ? h(
          'p',
          {},
          h(
            'button',
            { type: 'button', class: 'primary', 'data-focus': 'rejoin', onclick: () => void ctrl.rejoin() },
            code === CLOSE_CODES.REPLACED ? 'Continue here' : 'Join again',
          ),
        )
      : null,
    h('p', {}, h('a', { href: '#/' }, 'Back to the start page')),
  );
}

export function nicknameView(ctrl: StudentCtrl, error: string | null): HTMLElement {
  const input = h('input', {
    id: 'class-nickname',
    maxlength: NICKNAME_MAX_LENGTH,
    autocomplete: 'nickname',
    'data-focus': 'nickname',
  });
  const form = h(
    'form',
    { class: 'card' },
    h('label', { for: 'class-nickname' }, 'Your nickname'),
    input,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, `Join class ${ctrl.code}`)),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ctrl.joinWithNickname(input.value);
  });
  return h(
    'main',
    { class: 'page narrow' },
    h('h1', { tabindex: -1 }, `Join class ${ctrl.code}`),
    form,
    h('p', {}, h('a', { href: '#/' }, 'Back to the start page')),
  );
}

function roundWords(s: ClassSnapshot): string {
  const round = `Round ${s.round} of ${s.settings.rounds}`;
  if (s.status === 'between-rounds') return `${round} done · your teacher starts the next one`;
  if (s.status === 'finished') return `All ${s.settings.rounds} rounds played`;
  return round;
}
