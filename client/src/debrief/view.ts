/**
 * The debrief: how the round ended, the scenario's lesson, the scores with their reasons, what the
 * eavesdropper saw beside the truth, and the whole timeline.
 * @module
 */
import { ROLES, type TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { itemIcon, itemShape } from '../art/icons.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { InspectRef } from '../inspector/ctrl.ts';
import { downloadExport } from './export.ts';
import { outcomeSentences } from './outcome.ts';

export function debriefView(view: TableView, inspect: (ref: InspectRef) => void): HTMLElement | null {
  const debrief = view.debrief;
  if (!debrief) return null;
  const wire = view.envelopes.filter((e) => e.channel === 'wire');
  const couldOpen = new Set(debrief.couldOpen.eavesdropper);
  return h(
    'section',
    { class: 'debrief', 'aria-labelledby': 'debrief-title' },
    h(
      'h2',
      { id: 'debrief-title', tabindex: -1 },
      `Debrief — scenario ${view.scenario.number}: ${view.scenario.title}`,
    ),
    h(
      'ul',
      { class: 'outcome' },
      outcomeSentences(debrief.outcome).map((s) => h('li', {}, s)),
    ),
    h(
      'section',
      { class: 'lesson', 'aria-labelledby': 'lesson-title' },
      h('h3', { id: 'lesson-title' }, 'The lesson'),
      h('p', {}, debrief.lesson),
    ),
    h(
      'section',
      { 'aria-labelledby': 'scores-title' },
      h('h3', { id: 'scores-title' }, 'Scores'),
      h(
        'div',
        { class: 'score-grid' },
        ROLES.map((role) =>
          h(
            'article',
            { class: `score role-${role}`, 'aria-label': `${ROLE_TITLE[role].name}: ${view.scores[role]} points` },
            h('h4', {}, ROLE_TITLE[role].name, h('span', { class: 'points' }, `${view.scores[role]} pts`)),
            h(
              'ul',
              {},
              view.scoreEvents
                .filter((s) => s.role === role)
                .map((s) =>
                  h(
                    'li',
                    {},
                    h('span', { class: s.points >= 0 ? 'plus' : 'minus' }, `${s.points >= 0 ? '+' : ''}${s.points}`),
                    ` ${s.reason}`,
                  ),
                ),
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'eve-title' },
      h('h3', { id: 'eve-title' }, 'What the eavesdropper saw, beside the truth'),
      h(
        'table',
        { class: 'eve-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Envelope'),
            h('th', { scope: 'col' }, 'The truth'),
            h('th', { scope: 'col' }, 'The eavesdropper'),
          ),
        ),
        h(
          'tbody',
          {},
          wire.map((e) => {
            const locks = [...new Set(e.records.map((r) => r.lock).filter(Boolean))];
            const read = locks.length === 0 || couldOpen.has(e.id);
            return h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    'data-focus': `debrief-env:${e.id}`,
                    onclick: () => inspect({ kind: 'envelope', id: e.id }),
                  },
                  `#${e.id}`,
                ),
              ),
              h(
                'td',
                {},
                `${e.label} (${ROLE_TITLE[e.from].station} → ${ROLE_TITLE[e.to].station})`,
                locks.length ? `, locked with ${locks.join(' and ')}` : ', in the clear',
              ),
              h(
                'td',
                { class: read ? 'bad' : 'ok' },
                read ? 'Read it' : 'Saw sealed bytes only',
                e.interference ? ` · ${e.interference} it` : '',
              ),
            );
          }),
        ),
      ),
    ),
    roundExports(view),
    pocketsRevealed(debrief.pockets, inspect),
  );
}

/** The round out of the game: a capture Wireshark opens decrypted, and the key log on its own. */
function roundExports(view: TableView): HTMLElement {
  return h(
    'section',
    { class: 'round-exports', 'aria-labelledby': 'exports-title' },
    h('h3', { id: 'exports-title' }, 'Look at the round in Wireshark'),
    h(
      'p',
      {},
      'Every envelope as a packet, what the eavesdropper did as packet comments, and the session keys inside the file: Wireshark opens it already decrypted.',
    ),
    h(
      'div',
      { class: 'export-buttons' },
      h(
        'button',
        { type: 'button', class: 'primary', 'data-export': 'pcapng', onclick: () => downloadExport(view, 'pcapng') },
        'Open in Wireshark (.pcapng)',
      ),
      h(
        'button',
        { type: 'button', 'data-export': 'keylog', onclick: () => downloadExport(view, 'keylog') },
        'Key log (.keylog)',
      ),
    ),
  );
}

/** Every pocket, opened after the round: what each party held, each item open to the inspector. */
function pocketsRevealed(
  pockets: NonNullable<TableView['debrief']>['pockets'],
  inspect: (ref: InspectRef) => void,
): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'pockets-title' },
    h('h3', { id: 'pockets-title' }, 'Every pocket, revealed'),
    h(
      'div',
      { class: 'score-grid' },
      ROLES.map((role) =>
        h(
          'article',
          { class: `score role-${role}`, 'aria-label': `${ROLE_TITLE[role].name}’s pocket` },
          h('h4', {}, ROLE_TITLE[role].name),
          h(
            'ul',
            { class: 'item-list' },
            pockets[role].map((item) => {
              const icon = h('span', { class: 'item-icon' });
              icon.innerHTML = itemIcon(itemShape(item.kind), 20);
              return h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'item',
                    'data-focus': `debrief-item:${role}:${item.id}`,
                    onclick: () => inspect({ kind: 'item', id: item.id, owner: role }),
                  },
                  icon,
                  h('span', {}, item.label),
                ),
              );
            }),
          ),
        ),
      ),
    ),
  );
}
