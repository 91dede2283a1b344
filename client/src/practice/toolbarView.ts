/** The practice toolbar beside the table: hint, pace and "next"; after the debrief, the result and where to go next. @module */
import { h } from '../app/dom.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import { practicePath, starText } from './campaign.ts';
import type { Pace } from './localTableSession.ts';
import type { PracticeTableCtrl } from './practiceTableCtrl.ts';

export function toolbarView(ctrl: PracticeTableCtrl): HTMLElement {
  const { scenario, role } = ctrl.playing;
  const snapshot = ctrl.session.snapshot;
  const debrief = snapshot.view?.phase === 'debrief';
  return h(
    'section',
    {
      class: 'practice-toolbar',
      'aria-labelledby': 'practice-title',
      // Which step the table is at, for scripts driving a practice round.
      'data-version': snapshot.view?.version ?? null,
      'data-phase': snapshot.view?.phase ?? null,
    },
    h(
      'div',
      { class: 'practice-heading' },
      h(
        'h2',
        { id: 'practice-title' },
        `Practice ${scenario.number}: ${scenario.title}`,
        h('span', { class: 'as-role' }, ` — as ${role ? ROLE_TITLE[role].name : 'a watcher'}`),
      ),
      debrief ? null : paceControls(ctrl),
    ),
    debrief ? resultView(ctrl) : hintControls(ctrl),
  );
}

function hintControls(ctrl: PracticeTableCtrl): HTMLElement {
  const { session } = ctrl;
  const status = session.status;
  const view = session.snapshot.view;
  const role = ctrl.playing.role;
  const yourTurn = !!view && !!role && view.awaiting.includes(role);
  const used = status.hintsUsed.concepts + status.hintsUsed.actions;
  return h(
    'div',
    { class: 'hint-box' },
    h(
      'div',
      { class: 'hint-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'hint-button',
          'data-focus': 'hint',
          disabled: !yourTurn || status.hint?.level === 2,
          onclick: () => session.askHint(),
        },
        status.hint ? 'Hint: what to do' : 'Hint: the idea',
      ),
      h(
        'span',
        { class: 'hint-count', 'data-testid': 'hint-count' },
        `Hints used: ${used}`,
        used ? ' (they lower the stars)' : '',
      ),
    ),
    h(
      'p',
      {
        class: `hint-text${status.hint ? ` level-${status.hint.level}` : ''}`,
        role: 'status',
        'aria-live': 'polite',
        'data-level': status.hint?.level,
        // The advised move and the label of its button, for a highlight or a script; the text says it in words.
        'data-label': status.hint?.label,
        'data-move': status.hint?.move ? JSON.stringify(status.hint.move.move) : null,
      },
      status.hint ? [h('strong', {}, status.hint.level === 1 ? 'The idea: ' : 'What to do: '), status.hint.text] : '',
    ),
  );
}

function paceControls(ctrl: PracticeTableCtrl): HTMLElement {
  const status = ctrl.session.status;
  return h(
    'div',
    { class: 'pace', role: 'group', 'aria-label': 'Bots’ pace' },
    paceChoice(ctrl, 'auto', 'Bots play on their own'),
    paceChoice(ctrl, 'step', 'Bots wait for Next'),
    h(
      'button',
      {
        type: 'button',
        class: 'next-button',
        'data-focus': 'next',
        disabled: !status.botWaiting || status.pace !== 'step',
        onclick: () => ctrl.session.next(),
      },
      status.botWaiting && status.pace === 'step'
        ? `Next: ${ROLE_TITLE[status.botWaiting].name} bot moves ▶`
        : 'Next ▶',
    ),
    status.busy
      ? h(
          'span',
          { class: 'busy', role: 'status' },
          ctrl.session.snapshot.view ? 'The bot is thinking…' : 'Dealing the round…',
        )
      : null,
  );
}

function paceChoice(ctrl: PracticeTableCtrl, pace: Pace, label: string): HTMLElement {
  const input = h('input', {
    type: 'radio',
    name: 'practice-pace',
    value: pace,
    checked: ctrl.session.status.pace === pace,
    'data-focus': `pace-${pace}`,
  });
  input.addEventListener('change', () => ctrl.session.setPace(pace));
  return h('label', { class: 'pace-choice' }, input, ' ', label);
}

function resultView(ctrl: PracticeTableCtrl): HTMLElement {
  const result = ctrl.result;
  const { scenario, mode, role } = ctrl.playing;
  const next = ctrl.nextScenario;
  const stars = result ? starText(result.stars) : null;
  const hints = result ? result.hints.concepts + result.hints.actions : 0;
  return h(
    'div',
    { class: 'practice-result', 'data-testid': 'practice-result', 'data-stars': result?.stars ?? '' },
    result && stars
      ? h(
          'p',
          { class: 'result-line', role: 'status' },
          h('span', { class: 'stars big', 'aria-label': stars.words }, stars.glyphs),
          ` Score ${result.score} (par ${result.par})`,
          hints
            ? ` · ${hints} hint${hints === 1 ? '' : 's'} used (${result.hints.concepts} idea, ${result.hints.actions} what to do)`
            : ' · no hints',
        )
      : h('p', { class: 'result-line', role: 'status' }, 'Scoring the round…'),
    h(
      'div',
      { class: 'row after-round' },
      h(
        'button',
        { type: 'button', class: 'primary', 'data-focus': 'try-again', onclick: () => ctrl.tryAgain() },
        'Try again',
      ),
      ctrl.otherRoles.length
        ? h(
            'span',
            { class: 'other-roles' },
            'Play as another role: ',
            ctrl.otherRoles.map((r) =>
              h(
                'a',
                {
                  href: `#${practicePath(scenario.id, r, scenario.modes.length > 1 ? mode : undefined)}`,
                  class: 'button-link',
                  'data-role': r,
                },
                ROLE_TITLE[r].name,
              ),
            ),
          )
        : null,
      next
        ? h(
            'a',
            {
              href: `#${next.roles.includes(role ?? 'client') ? practicePath(next.id, role ?? 'client') : '/practice'}`,
              class: 'button-link next-scenario',
            },
            `Next scenario: ${next.number}. ${next.title} ▶`,
          )
        : h('a', { href: '#/practice', class: 'button-link' }, 'Back to all scenarios'),
    ),
  );
}
