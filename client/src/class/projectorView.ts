/** The projector: large type, the join code, link and QR while joining is open, the leaderboard, each table's step. @module */
import { h } from '../app/dom.ts';
import type { ClassSnapshot } from './classSnapshot.ts';
import { statusWords } from './hostView.ts';
import { joinInfoView } from './joinInfoView.ts';
import { leaderboardView } from './leaderboardView.ts';
import { tablesView } from './tablesView.ts';

/** Rows that fit a 1080p projector in large type; the rest are counted. */
const PROJECTOR_ROWS = 12;

export function projectorView(snapshot: ClassSnapshot, closedReason: string | null): HTMLElement {
  const joining = snapshot.joinOpen && !closedReason;
  return h(
    'main',
    { class: `projector${joining ? ' joining' : ''}` },
    h(
      'header',
      { class: 'projector-head' },
      h('h1', { tabindex: -1 }, `Handshake · class ${snapshot.code}`),
      h('p', { class: 'class-status' }, closedReason ? 'The session has ended' : statusWords(snapshot)),
      snapshot.paused ? h('p', { class: 'paused-banner' }, 'Paused') : null,
    ),
    h(
      'div',
      { class: 'projector-grid' },
      joining ? joinInfoView(snapshot.code, { large: true }) : null,
      leaderboardView(snapshot, { limit: PROJECTOR_ROWS }),
      snapshot.tables.length > 0 ? tablesView(snapshot, { seats: false }) : null,
    ),
  );
}
