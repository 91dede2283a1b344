/** What a move module declares: its schema, when and by whom it is played, what is offered, what it does, its words. @module */
import type * as v from 'valibot';
import type { Personality } from '../bots.ts';
import type { PhaseId, TableState } from '../state.ts';
import type { Result, Role } from '../types.ts';
import type { Move } from './index.ts';

/** One choice a form asks for before the move is sent. */
export interface Choice {
  field: string;
  kind: 'one' | 'some';
  options: { value: string; label: string }[];
}

/** One entry of `legalMoves`: a move ready to send, or a form whose choices make one. */
export interface LegalMove {
  type: Move['type'];
  label: string;
  why: string;
  /** Ready to send as it is (nothing to choose). */
  move?: Move;
  /** Or: fill in these choices first. */
  choices?: Choice[];
}

type MoveOf<S> = S extends v.GenericSchema<unknown, infer M> ? M : never;

/**
 * A move, whole. `legalMoves` offers `options`, `applyMove` runs `apply` on a draft of the state (a refusal leaves
 * the table as it was), bots ask `bot` in `botRank` order, hints read `concept`, refusals and buttons read `words`.
 */
export interface MoveSpec<S extends v.GenericSchema<unknown, { type: string }> = v.GenericSchema<unknown, Move>> {
  schema: S;
  /** The phases it is played in, and by whom. */
  turns: Partial<Record<PhaseId, readonly Role[]>>;
  /** What doing it is called, after "you cannot …". */
  words: string;
  /** The idea behind it, for a level-1 hint; `classicConcept` where classic TLS 1.2 works differently. */
  concept: string;
  classicConcept?: string;
  /** What `role` is offered now (it is awaited in one of `turns`). Every accepted move is one of these. */
  options(state: TableState, role: Role): LegalMove[];
  /** Applies the move to a draft of the state, or refuses it with a reason. Only sends: arrivals come after. */
  apply(state: TableState, role: Role, move: MoveOf<S>): Result<void>;
  /** A bot's pick among the offered ready moves, or null to leave it to the next move module. */
  bot?(state: TableState, role: Role, personality: Personality, offered: Move[]): Move | null;
  /** Bots ask lower ranks first (default 0): a fallback such as forwarding an envelope ranks last. */
  botRank?: number;
}

export const defineMove = <S extends v.GenericSchema<unknown, { type: string }>>(spec: MoveSpec<S>): MoveSpec<S> =>
  spec;

/** A ready entry of legalMoves. */
export function ready(move: Move, label: string, why: string): LegalMove {
  return { type: move.type, move, label, why };
}

/** The offered ready move of `type` that satisfies `where`, for a bot. */
export function pick<T extends Move['type']>(
  offered: Move[],
  type: T,
  where: (m: Extract<Move, { type: T }>) => boolean = () => true,
): Extract<Move, { type: T }> | null {
  return offered.find((m): m is Extract<Move, { type: T }> => m.type === type && where(m as never)) ?? null;
}
