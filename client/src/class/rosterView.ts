/**
 * The live roster on the host page: each student's connection, table and role, more time, team, and
 * rename / remove / ban (the last two ask first). Students on their way show "joining…"; those waiting for
 * the teacher (the class approves each join) come first, with "Let in" and "Turn away".
 * @module
 */
import { NICKNAME_MAX_LENGTH, TEAM_NAMES, TIME_ALLOWANCES, type TimeAllowance } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { ClassStudentEntry } from './classSnapshot.ts';
import type { HostCtrl } from './hostCtrl.ts';

const ALLOWANCE_LABEL: Record<string, string> = {
  '1': 'Normal time',
  '1.5': '1.5× time',
  '2': '2× time',
  unlimited: 'No limit',
};

export function rosterView(ctrl: HostCtrl): HTMLElement | null {
  const snapshot = ctrl.snapshot;
  if (!snapshot) return null;
  const online = snapshot.students.filter((s) => s.connected).length;
  const waiting = snapshot.students.filter((s) => s.pending);
  // Those waiting for the teacher first (in join order), then everyone else in join order.
  const rows = [...waiting, ...snapshot.students.filter((s) => !s.pending)];
  const teams = TEAM_NAMES.slice(0, snapshot.settings.teams);
  return h(
    'section',
    { class: 'panel roster', 'aria-labelledby': 'roster-title' },
    h(
      'h2',
      { id: 'roster-title' },
      `Students (${snapshot.students.length})`,
      snapshot.students.length > 0 ? h('span', { class: 'muted small' }, ` · ${online} connected`) : null,
      waiting.length > 0 ? h('span', { class: 'waiting-count small' }, ` · ${waiting.length} waiting for you`) : null,
    ),
    snapshot.students.length === 0
      ? h('p', { class: 'muted' }, 'Waiting for students: they type the code on the start page.')
      : h(
          'table',
          { class: 'roster-table' },
          h('caption', { class: 'sr-only' }, 'Students in this class'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Student'),
              h('th', { scope: 'col' }, 'Seat'),
              h('th', { scope: 'col' }, 'More time'),
              teams.length > 0 ? h('th', { scope: 'col' }, 'Team') : null,
              h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((s) => studentRow(ctrl, s, teams)),
          ),
        ),
  );
}

function studentRow(ctrl: HostCtrl, s: ClassStudentEntry, teams: readonly string[]): HTMLElement {
  const renaming = ctrl.renaming?.studentId === s.id ? ctrl.renaming : null;
  const confirming =
    ctrl.confirming && 'studentId' in ctrl.confirming && ctrl.confirming.studentId === s.id ? ctrl.confirming : null;
  const name = renaming ? renameForm(ctrl, s, renaming.nickname) : h('span', { class: 'nickname' }, s.nickname);
  const allowance = h('select', { 'aria-label': `More time for ${s.nickname}`, 'data-focus': `time-${s.id}` });
  for (const a of TIME_ALLOWANCES) {
    allowance.append(
      h('option', { value: String(a), selected: String(a) === String(s.timeAllowance) }, ALLOWANCE_LABEL[String(a)]),
    );
  }
  allowance.addEventListener('change', () => {
    const value = allowance.value === 'unlimited' ? 'unlimited' : (Number(allowance.value) as TimeAllowance);
    ctrl.send('setTimeAllowance', { studentId: s.id, allowance: value });
  });
  let team: HTMLElement | null = null;
  if (teams.length > 0) {
    const select = h('select', { 'aria-label': `Team of ${s.nickname}`, 'data-focus': `team-${s.id}` });
    for (const t of teams) select.append(h('option', { value: t, selected: t === s.team }, t));
    select.addEventListener('change', () => ctrl.send('setTeam', { studentId: s.id, team: select.value }));
    team = h('td', {}, select);
  }
  const actions = s.pending
    ? h(
        'div',
        { class: 'row-actions', role: 'group', 'aria-label': `${s.nickname} asks to join` },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-focus': `let-in-${s.id}`,
            'aria-label': `Let in ${s.nickname}`,
            onclick: () => ctrl.letIn(s.id),
          },
          'Let in',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'quiet',
            'data-focus': `turn-away-${s.id}`,
            'aria-label': `Turn away ${s.nickname}`,
            onclick: () => ctrl.turnAway(s.id),
          },
          'Turn away',
        ),
      )
    : confirming
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-label': `Confirm for ${s.nickname}` },
          h(
            'span',
            {},
            confirming.kind === 'ban'
              ? `Ban ${s.nickname}? They cannot come back.`
              : `Remove ${s.nickname}? They may join again.`,
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-focus': `yes-${s.id}`,
              onclick: () => ctrl.send(confirming.kind, { studentId: s.id }),
            },
            confirming.kind === 'ban' ? 'Yes, ban' : 'Yes, remove',
          ),
          h(
            'button',
            { type: 'button', class: 'quiet', 'data-focus': `no-${s.id}`, onclick: () => ctrl.cancel() },
            'Cancel',
          ),
        )
      : h(
          'div',
          { class: 'row-actions' },
          renaming ? null : actionButton('Rename', s, () => ctrl.startRename(s.id)),
          actionButton('Remove', s, () => ctrl.ask({ kind: 'remove', studentId: s.id })),
          actionButton('Ban', s, () => ctrl.ask({ kind: 'ban', studentId: s.id })),
        );
  return h(
    'tr',
    { 'data-student': s.nickname, class: s.pending ? 'pending' : s.arrived ? null : 'joining' },
    h(
      'th',
      { scope: 'row' },
      h(
        'span',
        { class: `presence ${s.connected ? 'on' : 'off'}`, title: s.connected ? 'connected' : 'not connected' },
        s.connected ? '●' : '○',
      ),
      h('span', { class: 'sr-only' }, s.connected ? 'connected: ' : 'not connected: '),
      ' ',
      name,
    ),
    // Waiting students get no "more time" yet: their words take both cells.
    h('td', { colspan: s.pending ? 2 : null }, seatWords(s)),
    s.pending ? null : h('td', {}, allowance),
    team,
    h('td', {}, actions),
  );
}

/** Where the student is: on their way, waiting for the teacher, in the lobby, or at a table. */
function seatWords(s: ClassStudentEntry): HTMLElement | string {
  if (s.pending) {
    return h('span', { class: 'pending-note' }, 'Waiting for you to let them in');
  }
  if (!s.arrived) return h('span', { class: 'muted' }, 'joining…');
  if (s.table > 0) return `Table ${s.table}${s.role ? ` · ${ROLE_TITLE[s.role].name}` : ''}`;
  return h('span', { class: 'muted' }, 'lobby');
}

function renameForm(ctrl: HostCtrl, s: ClassStudentEntry, value: string): HTMLElement {
  const input = h('input', {
    value,
    maxlength: NICKNAME_MAX_LENGTH,
    'aria-label': `New nickname for ${s.nickname}`,
    'data-focus': `rename-input-${s.id}`,
    class: 'rename-input',
  });
  input.addEventListener('input', () => {
    if (ctrl.renaming) ctrl.renaming.nickname = input.value;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') ctrl.cancel();
  });
  const form = h(
    'form',
    { class: 'rename' },
    input,
    h('button', { type: 'submit', 'data-focus': `rename-save-${s.id}` }, 'Save'),
    h('button', { type: 'button', class: 'quiet', onclick: () => ctrl.cancel() }, 'Cancel'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctrl.saveRename();
  });
  return form;
}

/** "Rename", "Remove", "Ban": named with the student for screen readers ("Ban Ada"). */
function actionButton(verb: string, s: ClassStudentEntry, onclick: () => void): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'quiet',
      'data-focus': `${verb.toLowerCase()}-${s.id}`,
      'aria-label': `${verb} ${s.nickname}`,
      onclick,
    },
    verb,
  );
}
