/** legalMoves: what a role can do now, each with a one-line why — gathered from the move modules. @module */
import { movesFor } from './moves/index.ts';
import type { LegalMove } from './moves/spec.ts';
import type { TableState } from './state.ts';
import type { Role } from './types.ts';

export type { Choice, LegalMove } from './moves/spec.ts';

/** The moves `role` is offered now, for the action panel, hints and bots. Empty while it is not awaited. */
export function legalMoves(state: TableState, role: Role): LegalMove[] {
  if (!state.awaiting.includes(role)) return [];
  return movesFor(state.phase, role).flatMap((spec) => spec.options(state, role));
}
