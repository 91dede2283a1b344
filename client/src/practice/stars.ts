/**
 * Stars for a practice round (0–3): how the student's score compares with par — what the same round scores when
 * their seat follows every hint — lowered by the hints they asked for. The formula is in README.md.
 * @module
 */
import {
  applyMove,
  botMove,
  initialState,
  type ProtocolMode,
  ROLES,
  type Role,
  recommendedMove,
  type TableState,
  totals,
} from '@handshake/shared';
import type { HintsUsed } from './localTableSession.ts';

export const MAX_STARS = 3;
/** Stars lost per hint: naming the action gives the answer away, naming the concept only points the way. */
export const ACTION_HINT_COST = 1;
export const CONCEPT_HINT_COST = 0.5;

/** Stars before hints, from how far below par the score is (at or above par: all three). */
export function baseStars(score: number, par: number): number {
  const short = par - score;
  if (short <= 0) return 3;
  if (short <= 2) return 2;
  if (short <= 5) return 1;
  return 0;
}

/** Hints lower the stars down to one at the lowest: zero stays the mark of a round that went badly. */
export function starsFor(score: number, par: number, hints: HintsUsed): number {
  const base = baseStars(score, par);
  const cost = hints.actions * ACTION_HINT_COST + hints.concepts * CONCEPT_HINT_COST;
  return Math.max(Math.min(base, 1), Math.floor(base - cost));
}

/** The score `role` gets in this round's setting (same scenario, mode and seed) by following every hint. */
export function parScore(
  config: { scenarioId: string; mode: ProtocolMode; seed: Uint8Array; rsaBits?: number },
  role: Role,
): number {
  let state: TableState = initialState(config);
  for (let i = 0; i < 200 && state.phase !== 'debrief'; i++) {
    const mover = ROLES.find((r) => state.awaiting.includes(r));
    const input = mover && (mover === role ? recommendedMove(state, mover) : botMove(state, mover));
    const result = mover && input ? applyMove(state, mover, input) : null;
    if (!result?.ok) break;
    state = result.value;
  }
  return totals(state.scores)[role];
}

/** A finished practice round as the campaign remembers it. */
export interface RoundResult {
  scenarioId: string;
  mode: ProtocolMode;
  role: Role;
  score: number;
  par: number;
  hints: HintsUsed;
  stars: number;
}

/** Scores a finished round (phase 'debrief') for the student's seat. */
export function roundResult(state: TableState, role: Role, hints: HintsUsed): RoundResult {
  const score = totals(state.scores)[role];
  const par = parScore(
    { scenarioId: state.scenario.id, mode: state.mode, seed: state.seed, rsaBits: state.rsaBits },
    role,
  );
  return {
    scenarioId: state.scenario.id,
    mode: state.mode,
    role,
    score,
    par,
    hints: { ...hints },
    stars: starsFor(score, par, hints),
  };
}
