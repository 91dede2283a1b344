/** Each table's current step: its round, scenario, stage and who it waits for. For the dashboard and the projector. @module */
import { ROLES } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { RoundExport } from '../debrief/export.ts';
import type { ClassSnapshot, ClassTableEntry } from './classSnapshot.ts';

export interface TablesViewOptions {
  seats?: boolean;
  /** The host's downloads of a table's finished round (not on the projector). */
  takeOut?: (tableNumber: number, kind: RoundExport) => void;
}

export function tablesView(snapshot: ClassSnapshot, options: TablesViewOptions = {}): HTMLElement {
  return h(
    'section',
    { class: 'panel tables-panel', 'aria-labelledby': 'tables-title' },
    h('h2', { id: 'tables-title' }, 'Tables'),
    snapshot.tables.length === 0
      ? h('p', { class: 'muted' }, 'Tables are made when the competition starts; bots fill empty seats.')
      : h(
          'ul',
          { class: 'class-tables' },
          snapshot.tables.map((t) => tableItem(t, options)),
        ),
  );
}

/** The step in words: "Handshake: Send ClientHello", or where the round stands. */
export function tableStep(t: ClassTableEntry): string {
  if (t.phase === 'waiting') return 'Waiting for the first round';
  if (t.phase === 'debrief') return 'Round over: reading the debrief';
  return [t.stage, t.phaseTitle].filter(Boolean).join(': ') || t.phase;
}

function tableItem(t: ClassTableEntry, options: TablesViewOptions): HTMLElement {
  const seats = options.seats ?? true;
  const takeOut = options.takeOut;
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
    takeOut && t.phase === 'debrief' ? roundExports(t.number, takeOut) : null,
  );
}

/** The finished round of one table, out of the game: the same files as the students' debrief offers. */
function roundExports(tableNumber: number, takeOut: NonNullable<TablesViewOptions['takeOut']>): HTMLElement {
  return h(
    'p',
    { class: 'export-buttons small' },
    h(
      'button',
      {
        type: 'button',
        class: 'quiet',
        'data-export': 'pcapng',
        'aria-label': `Table ${tableNumber}: open the round in Wireshark (.pcapng)`,
        onclick: () => takeOut(tableNumber, 'pcapng'),
      },
      'Open in Wireshark (.pcapng)',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'quiet',
        'data-export': 'keylog',
        'aria-label': `Table ${tableNumber}: the round’s key log (.keylog)`,
        onclick: () => takeOut(tableNumber, 'keylog'),
      },
      'Key log (.keylog)',
    ),
  );
}
