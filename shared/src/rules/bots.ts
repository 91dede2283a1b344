/** Bots for every role, asked of the move modules: honest parties, a careless client, a sloppy CA, and each scenario's eavesdropper. @module */
import { legalMoves } from './legal.ts';
import { type Move, type MoveInput, movesFor } from './moves/index.ts';
import type { TableState } from './state.ts';
import type { Role } from './types.ts';

export type Personality = 'honest' | 'careless';

/** A legal move for a bot in `role`, or null when it has nothing to do: the first move module (by rank) with a pick. */
export function botMove(state: TableState, role: Role, personality: Personality = 'honest'): MoveInput | null {
  const options = legalMoves(state, role);
  if (options.length === 0) return null;
  const offered = options.map((o) => o.move).filter((m): m is Move => m !== undefined);
  const specs = [...movesFor(state.phase, role)].sort((a, b) => (a.botRank ?? 0) - (b.botRank ?? 0));
  for (const spec of specs) {
    const move = spec.bot?.(state, role, personality, offered);
    if (move) return { version: state.version, move };
  }
  return null;
}

/** What is played for a human who let the step's time run out: what an honest bot would do. */
export function timeoutMove(state: TableState, role: Role): MoveInput | null {
  return botMove(state, role, 'honest');
}
