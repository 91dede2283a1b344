/**
 * The class settings form: the scenario playlist (the engine's scenarios), rounds, time per step, table
 * size, bots, teams, speed points and generated nicknames. Edits a draft; "Save settings" sends it.
 * The server validates (and explains) every value. Beside it, who may join (`admissionView`): a cap on
 * students and "I approve each student who joins", sent at once as `admission` in any phase.
 * @module
 */
import { MAX_ROUNDS, MAX_TABLE_SIZE, MAX_TEAMS, render, rotationSummary, SCENARIOS } from '@handshake/shared';
import { h } from '../app/dom.ts';
import type { HostCtrl } from './hostCtrl.ts';

/** Settings the server still takes between rounds. */
const BETWEEN_ROUNDS = new Set(['playlist', 'rounds', 'stepSeconds', 'speedPoints']);

export function settingsView(ctrl: HostCtrl): HTMLElement | null {
  const draft = ctrl.draft;
  const status = ctrl.snapshot?.status;
  if (!draft || !status) return null;
  const editable = (field: string) => status === 'lobby' || (status === 'between-rounds' && BETWEEN_ROUNDS.has(field));
  const anyEditable = status === 'lobby' || status === 'between-rounds';

  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      control,
      hint ? h('p', { class: 'hint small' }, hint) : null,
    );
  const checkbox = (id: string, label: string, checked: boolean, onChange: (v: boolean) => void, disabled: boolean) => {
    const input = h('input', { type: 'checkbox', id, checked, disabled, 'data-focus': id });
    input.addEventListener('change', () => onChange(input.checked));
    return h('label', { class: 'check', for: id }, input, ' ', label);
  };
  const numberInput = (
    id: string,
    value: number,
    min: number,
    max: number,
    onChange: (v: number) => void,
    disabled: boolean,
  ) => {
    const input = h('input', {
      type: 'number',
      id,
      value,
      min,
      max,
      step: 1,
      disabled,
      'data-focus': id,
      class: 'num-input',
    });
    input.addEventListener('input', () => onChange(Number(input.value)));
    return input;
  };
  const select = (
    id: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
    disabled: boolean,
  ) => {
    const el = h('select', { id, disabled, 'data-focus': id });
    for (const [v, label] of options) el.append(h('option', { value: v, selected: v === value }, label));
    el.addEventListener('change', () => onChange(el.value));
    return el;
  };

  const playlist = h(
    'fieldset',
    { class: 'playlist', disabled: !editable('playlist') },
    h('legend', {}, 'Scenario playlist (one per round, in this order; it repeats)'),
    h(
      'ul',
      {},
      SCENARIOS.map((s) => {
        const id = `playlist-${s.id}`;
        const input = h('input', {
          type: 'checkbox',
          id,
          value: s.id,
          checked: draft.playlist.includes(s.id),
          'data-focus': id,
        });
        input.addEventListener('change', () => {
          const chosen = new Set(ctrl.draft?.playlist ?? []);
          if (input.checked) chosen.add(s.id);
          else chosen.delete(s.id);
          ctrl.editDraft({ playlist: SCENARIOS.map((x) => x.id).filter((x) => chosen.has(x)) });
        });
        return h('li', {}, h('label', { class: 'check', for: id }, input, ` ${s.number}. ${s.title}`));
      }),
    ),
  );

  const stepLimited = draft.stepSeconds !== null;
  const form = h(
    'form',
    { class: 'panel settings', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, 'Settings'),
    anyEditable
      ? status === 'between-rounds'
        ? h('p', { class: 'small muted' }, 'Between rounds you can change the playlist, rounds, time and speed points.')
        : null
      : h('p', { class: 'small muted' }, 'Settings can change in the lobby and between rounds.'),
    h(
      'div',
      { class: 'settings-grid' },
      field(
        'set-rounds',
        'Rounds',
        numberInput(
          'set-rounds',
          draft.rounds,
          1,
          MAX_ROUNDS,
          (v) => ctrl.editDraft({ rounds: v }, true),
          !editable('rounds'),
        ),
        render(rotationSummary(draft.rounds)),
      ),
      field(
        'set-step',
        'Time per step (seconds)',
        h(
          'div',
          { class: 'inline' },
          stepLimited
            ? h('input', {
                type: 'number',
                id: 'set-step',
                value: draft.stepSeconds ?? 90,
                step: 'any',
                class: 'num-input',
                disabled: !editable('stepSeconds'),
                'data-focus': 'set-step',
                oninput: (e: Event) =>
                  ctrl.editDraft({ stepSeconds: Number((e.target as HTMLInputElement).value) }, true),
              })
            : null,
          checkbox(
            'set-nolimit',
            'No limit',
            !stepLimited,
            (v) => ctrl.editDraft({ stepSeconds: v ? null : 90 }),
            !editable('stepSeconds'),
          ),
        ),
        'When time runs out a bot plays the step.',
      ),
      field(
        'set-table-size',
        'Students per table',
        select(
          'set-table-size',
          String(draft.tableSize),
          Array.from({ length: MAX_TABLE_SIZE }, (_, i) => [String(i + 1), String(i + 1)]),
          (v) => ctrl.editDraft({ tableSize: Number(v) }),
          !editable('tableSize'),
        ),
      ),
      field(
        'set-teams',
        'Teams',
        select(
          'set-teams',
          String(draft.teams),
          [
            ['0', 'No teams'],
            ...Array.from({ length: MAX_TEAMS - 1 }, (_, i) => [String(i + 2), `${i + 2} teams`] as [string, string]),
          ],
          (v) => ctrl.editDraft({ teams: Number(v) }),
          !editable('teams'),
        ),
      ),
    ),
    h(
      'div',
      { class: 'checks' },
      checkbox('set-bots', 'Bots fill empty seats', draft.bots, (v) => ctrl.editDraft({ bots: v }), !editable('bots')),
      checkbox(
        'set-speed',
        'Speed points (off: accuracy only)',
        draft.speedPoints,
        (v) => ctrl.editDraft({ speedPoints: v }),
        !editable('speedPoints'),
      ),
      checkbox(
        'set-generated',
        'Generated nicknames',
        draft.generatedNicknames,
        (v) => ctrl.editDraft({ generatedNicknames: v }),
        !editable('generatedNicknames'),
      ),
    ),
    playlist,
    anyEditable
      ? h(
          'div',
          { class: 'row' },
          h('button', { type: 'submit', class: 'primary', 'data-focus': 'save-settings' }, 'Save settings'),
          ctrl.draftDirty ? h('span', { class: 'small muted' }, 'Not saved yet') : null,
        )
      : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctrl.saveSettings();
  });
  return form;
}

/** Who may join: "Most students" (sent with its button) and "I approve each student who joins" (sent on change). */
export function admissionView(ctrl: HostCtrl): HTMLElement | null {
  const snapshot = ctrl.snapshot;
  if (!snapshot || snapshot.status === 'ended') return null;
  const { maxStudents, approveJoins } = snapshot.admission;
  const cap = h('input', {
    type: 'number',
    id: 'admit-max',
    min: 1,
    step: 1,
    inputmode: 'numeric',
    value: ctrl.maxStudentsDraft ?? String(maxStudents),
    class: 'num-input',
    'data-focus': 'admit-max',
    'aria-describedby': 'admit-max-hint',
  });
  cap.addEventListener('input', () => ctrl.editMaxStudents(cap.value));
  const approve = h('input', {
    type: 'checkbox',
    id: 'admit-approve',
    checked: approveJoins,
    'data-focus': 'admit-approve',
  });
  approve.addEventListener('change', () => ctrl.setApproveJoins(approve.checked));
  const form = h(
    'form',
    // novalidate: the page's own sentence explains a wrong number, not the browser's bubble.
    { class: 'panel admission', 'aria-labelledby': 'admission-title', novalidate: true },
    h('h2', { id: 'admission-title' }, 'Who may join'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'admit-max' }, 'Most students'),
      h(
        'div',
        { class: 'inline' },
        cap,
        h('button', { type: 'submit', 'data-focus': 'admit-max-save' }, 'Set the limit'),
      ),
      h(
        'p',
        { class: 'hint small', id: 'admit-max-hint' },
        `${snapshot.students.length} of at most ${maxStudents} places taken. Students already in stay; newcomers are refused once it is full.`,
      ),
    ),
    h('label', { class: 'check', for: 'admit-approve' }, approve, ' I approve each student who joins'),
    approveJoins
      ? h('p', { class: 'hint small' }, 'New students wait until you let them in from the list of students.')
      : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctrl.saveMaxStudents();
  });
  return form;
}
