/** The action panel: each legal move with its one-line why, its choices as labelled form controls, and the countdown. @module */
import type { Choice, TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';
import type { ActionEntry, ActionsCtrl } from './ctrl.ts';
import { fieldLabel } from './ctrl.ts';

export interface ActionsViewProps {
  ctrl: ActionsCtrl;
  view: TableView | null;
  /** Who we wait for, in words, when it is not this player's turn. */
  waitingFor: string;
  /** The last refusal from the table, shown until the next step. */
  rejection: string | null;
  seated: boolean;
  /** The class paused every table: the moves are shown but wait (disabled) until it resumes. */
  paused: boolean;
  /** After a move was sent. */
  redraw: () => void;
  /** After a choice was ticked: the draft changed. */
  edited: () => void;
}

export function actionsView(props: ActionsViewProps): HTMLElement {
  const { ctrl, view } = props;
  const entries = ctrl.entries(view);
  return h(
    'section',
    { class: 'panel actions', 'aria-labelledby': 'actions-title', 'data-version': view?.version ?? -1 },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'actions-title', tabindex: -1 }, entries.length ? 'Your move' : 'Waiting'),
      h('span', { class: 'countdown', id: 'countdown', role: 'timer', 'aria-live': 'off' }),
    ),
    view ? h('p', { class: 'phase-line' }, h('strong', {}, view.phaseTitle), ` — ${view.stage}`) : null,
    props.paused
      ? h('p', { class: 'paused-note', role: 'status' }, 'Your teacher paused the game: moves wait until it resumes.')
      : null,
    props.rejection ? h('p', { class: 'error', role: 'alert' }, props.rejection) : null,
    entries.length === 0
      ? h('p', { class: 'muted' }, props.seated ? props.waitingFor : 'You are watching this round.')
      : h(
          'ul',
          { class: 'moves' },
          entries.map((entry) => h('li', {}, moveView(props, entry))),
        ),
  );
}

function moveView(props: ActionsViewProps, entry: ActionEntry): HTMLElement {
  const { ctrl, view } = props;
  const { legal } = entry;
  const send = () => {
    if (!view) return;
    ctrl.submit(view, entry);
    props.redraw();
  };
  const whyId = `why-${cssId(entry.key)}`;
  const problem = ctrl.problem?.key === entry.key ? ctrl.problem.message : null;
  const withChoices = Boolean(legal.choices?.length);
  const button = h(
    'button',
    {
      type: withChoices ? 'submit' : 'button',
      class: 'move-button',
      'aria-describedby': whyId,
      'data-focus': `move:${entry.key}`,
      disabled: props.paused,
      onclick: withChoices ? undefined : send,
    },
    legal.label,
  );
  if (!legal.choices?.length) {
    return h('div', { class: 'move' }, button, h('p', { class: 'why', id: whyId }, legal.why));
  }
  return h(
    'form',
    {
      class: 'move with-choices',
      'aria-label': legal.label,
      onsubmit: (event: Event) => {
        event.preventDefault();
        send();
      },
    },
    h('p', { class: 'why', id: whyId }, legal.why),
    legal.choices.map((choice) => choiceView(props, entry, choice)),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    button,
  );
}

function choiceView(props: ActionsViewProps, entry: ActionEntry, choice: Choice): HTMLElement {
  const chosen = new Set(props.ctrl.chosen(entry, choice));
  const name = `${entry.key}|${choice.field}`;
  return h(
    'fieldset',
    { class: 'choice' },
    h('legend', {}, fieldLabel(choice.field), choice.kind === 'some' ? ' (one or more)' : ''),
    choice.options.map((option) => {
      const input = h('input', {
        type: choice.kind === 'one' ? 'radio' : 'checkbox',
        name,
        value: option.value,
        checked: chosen.has(option.value),
        disabled: props.paused,
        'data-focus': `${name}=${option.value}`,
      });
      input.addEventListener('change', () => {
        props.ctrl.choose(entry, choice, option.value, input.checked);
        props.edited();
      });
      return h('label', { class: 'option' }, input, h('span', {}, readable(option.label)));
    }),
  );
}

function cssId(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}

const ACRONYMS = new Set(['ca', 'http', 'https', 'tls', 'sni', 'hsts']);

/** Engine codes shown as options (`UNKNOWN_ISSUER`) read as words ("Unknown issuer"). */
function readable(label: string): string {
  if (!/^[A-Z_]+$/.test(label)) return label;
  const words = label
    .toLowerCase()
    .split('_')
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
