/** Each table's current step: its round, scenario, stage and who it waits for. For the dashboard and the projector. @module */
import { ROLES } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { ClassSnapshot, ClassTableEntry } from './classSnapshot.ts';

export function tablesView(snapshot: ClassSnapshot, options: { seats?: boolean } = {}): HTMLElement {
  return h(
    'section',
    { class: 'panel tables-panel', 'aria-labelledby': 'tables-title' },
    h('h2', { id: 'tables-title' }, 'Tables'),
    snapshot.tables.length === 0
      ? h('p', { class: 'muted' }, 'Tables are made when the competition starts; bots fill empty seats.')
      : h(
          'ul',
          { class: 'class-tables' },
          snapshot.tables.map((t) => tableItem(t, options.seats ?? true)),
        ),
  );
}

/** The step in words: "Handshake: Send ClientHello", or where the round stands. */
export function tableStep(t: ClassTableEntry): string {
  if (t.phase === 'waiting') return 'Waiting for the first round';
  if (t.phase === 'debrief') return 'Round over: reading the debrief';
  return [t.stage, t.phaseTitle].filter(Boolean).join(': ') || t.phase;
}

function tableItem(t: ClassTableEntry, seats: boolean): HTMLElement {
  const awaiting = t.awaiting.map((r) => `${ROLE_TITLE[r].name} (${t.seating[r] ?? 'bot'})`);
  return h(
    'li',
    { class: `class-table${t.phase === 'debrief' ? ' done' : ''}`, 'data-table': t.number },
    h('h3', {}, `Table ${t.number}`, t.round > 0 ? h('span', { class: 'muted' }, ` · round ${t.round}`) : null),
    t.round > 0 ? h('p', { class: 'scenario' }, t.scenarioTitle) : null,
    h('p', { class: 'step' }, tableStep(t)),
    awaiting.length > 0 && t.phase !== 'debrief'
      ? h('p', { class: 'awaiting small' }, `Waiting for ${awaiting.join(', ')}`)
      : null,
    seats
      ? h(
          'ul',
          { class: 'table-seats small' },
          ROLES.map((r) =>
            h(
              'li',
              { class: `role-${r}` },
              h('span', { class: 'role-dot', 'aria-hidden': 'true' }),
              `${ROLE_TITLE[r].name}: `,
              t.seating[r] ?? h('span', { class: 'muted' }, 'bot'),
            ),
          ),
        )
      : null,
  );
}
