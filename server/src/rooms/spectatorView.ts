/**
 * What a spectator sees. During a round, only what every seat at the table may see — the public wire, as a
 * projector shows it — so a player who opens a second tab as a spectator learns nothing their own seat does
 * not show them (no CA desk, no hidden half of a man in the middle, no one else's certificate requests).
 * The host may let spectators see all (`showSpectators`), as a teacher's demo screen would; the debrief is
 * the same for everyone. @module
 */
import { ROLES, type TableState, type TableView, viewFor } from '@handshake/shared';

/** Everyone at the table may see it: every role's own view lists it. */
function seenByEveryRole<T extends { id: string | number }>(items: T[], roleLists: { id: string | number }[][]): T[] {
  return items.filter((item) => roleLists.every((list) => list.some((seen) => seen.id === item.id)));
}

export function spectatorView(round: TableState, seesAll: boolean): TableView {
  const full = viewFor(round, 'spectator');
  if (seesAll || round.phase === 'debrief') return full;
  const roleViews = ROLES.map((role) => viewFor(round, role));
  return {
    ...full,
    envelopes: seenByEveryRole(
      full.envelopes,
      roleViews.map((v) => v.envelopes),
    ),
    requests: seenByEveryRole(
      full.requests,
      roleViews.map((v) => v.requests),
    ),
  };
}
