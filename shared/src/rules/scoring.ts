/** Points per role, each with the event that earned it. @module */
import type { ScoreEvent, TableState } from './state.ts';
import type { Role } from './types.ts';

/** Point values in one place, so teachers' reports and the debrief agree. */
export const POINTS = {
  clientSecureSession: 3,
  clientRejectedBadCertificate: 3,
  clientFalseAlarm: -1,
  clientSecretLeaked: -3,
  clientRefusedPlainHttp: 2,
  serverServed: 2,
  serverDetectedTampering: 2,
  serverRedirectedToHttps: 1,
  caCorrectIssuance: 2,
  caCorrectRefusal: 2,
  caMisIssuance: -4,
  eavesdropperReadSecret: 4,
  eavesdropperForgedAccepted: 3,
  eavesdropperUnnoticed: 2,
  eavesdropperLearnedSiteName: 1,
} as const;

export function award(state: TableState, role: Role, points: number, reason: string): void {
  state.scores.push({ role, points, reason, at: state.version });
}

export function totals(scores: readonly ScoreEvent[]): Record<Role, number> {
  const out: Record<Role, number> = { client: 0, server: 0, ca: 0, eavesdropper: 0 };
  for (const s of scores) out[s.role] += s.points;
  return out;
}

/** A role's result in a round, as ties are broken: points first, then time. */
export interface Standing {
  points: number;
  thinkMs: number;
}

export function standings(state: TableState): Record<Role, Standing> {
  const points = totals(state.scores);
  return Object.fromEntries(
    (Object.keys(points) as Role[]).map((r) => [r, { points: points[r], thinkMs: state.thinkMs[r] }]),
  ) as Record<Role, Standing>;
}

/**
 * For `Array.prototype.sort`: more points first; at equal points, less thinking time first ("time spent
 * may break ties"); 0 when both are equal, so a stable sort keeps the caller's order.
 */
export function compareForTies(a: Standing, b: Standing): number {
  return b.points - a.points || a.thinkMs - b.thinkMs;
}
