/** The live leaderboard: students by rank with points per role, and teams. Used by the dashboard, projector and students. @module */
import { ROLES } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { ClassSnapshot } from './classSnapshot.ts';

export interface LeaderboardOptions {
  /** Show only the top rows (the projector); the rest are counted. */
  limit?: number;
  /** This student's row is marked (a student's own page). */
  you?: string;
  /** Hide per-role columns (narrow places). */
  compact?: boolean;
}

export function leaderboardView(snapshot: ClassSnapshot, options: LeaderboardOptions = {}): HTMLElement {
  const { limit, you, compact } = options;
  const rows = limit ? snapshot.leaderboard.slice(0, limit) : snapshot.leaderboard;
  const speed = snapshot.settings.speedPoints;
  const body =
    rows.length === 0
      ? h('p', { class: 'muted' }, 'Nobody has joined yet.')
      : h(
          'table',
          { class: 'leaderboard' },
          h('caption', { class: 'sr-only' }, 'Students by rank'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Rank'),
              h('th', { scope: 'col' }, 'Student'),
              snapshot.teams.length > 0 ? h('th', { scope: 'col' }, 'Team') : null,
              compact
                ? null
                : ROLES.map((r) => h('th', { scope: 'col', class: `num role-col role-${r}` }, ROLE_TITLE[r].name)),
              speed && !compact ? h('th', { scope: 'col', class: 'num' }, 'Speed') : null,
              h('th', { scope: 'col', class: 'num' }, 'Points'),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((s) =>
              h(
                'tr',
                { class: s.id === you ? 'you' : null, 'data-student': s.nickname },
                h('td', { class: 'rank' }, s.rank > 0 ? String(s.rank) : '–'),
                h('th', { scope: 'row' }, s.nickname, s.id === you ? ' (you)' : ''),
                snapshot.teams.length > 0 ? h('td', {}, s.team) : null,
                compact ? null : ROLES.map((r) => h('td', { class: 'num role-col' }, String(s.pointsByRole[r]))),
                speed && !compact ? h('td', { class: 'num' }, String(s.speedPoints)) : null,
                h('td', { class: 'num total' }, String(s.total)),
              ),
            ),
          ),
        );
  const hidden = limit ? snapshot.leaderboard.length - rows.length : 0;
  return h(
    'section',
    { class: 'panel leaderboard-panel', 'aria-labelledby': 'leaderboard-title' },
    h('h2', { id: 'leaderboard-title' }, 'Leaderboard'),
    body,
    hidden > 0 ? h('p', { class: 'muted small' }, `and ${hidden} more`) : null,
    snapshot.teams.length > 0 ? teamsView(snapshot) : null,
  );
}

function teamsView(snapshot: ClassSnapshot): HTMLElement {
  return h(
    'table',
    { class: 'leaderboard teams' },
    h('caption', {}, 'Teams'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Rank'),
        h('th', { scope: 'col' }, 'Team'),
        h('th', { scope: 'col', class: 'num' }, 'Members'),
        h('th', { scope: 'col', class: 'num' }, 'Points'),
      ),
    ),
    h(
      'tbody',
      {},
      snapshot.teams.map((t) =>
        h(
          'tr',
          {},
          h('td', { class: 'rank' }, String(t.rank)),
          h('th', { scope: 'row' }, t.name),
          h('td', { class: 'num' }, String(t.members)),
          h('td', { class: 'num total' }, String(t.total)),
        ),
      ),
    ),
  );
}
